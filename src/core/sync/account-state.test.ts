import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEVICES, RECORD_IDS, storedAccountArb } from '../../../test/support/sync-arbitraries.ts'
import { sampleAccount } from '../../../test/support/vault-fixtures.ts'
import type { StoredAccount } from '../vault/vault-content.ts'
import { toAccountState, toDeletedState, toStoredAccount } from './account-state.ts'
import { receiveHlc, tickHlc } from './hlc.ts'
import { mergeAccountState } from './merge-account.ts'
import { mergeRecords } from './merge-records.ts'
import { recordClock } from './record-clock.ts'
import type { AccountState, Hlc, SyncRecord } from './sync-state.ts'
import { isTombstone } from './sync-state.ts'

const at = (wall: number, count = 0, device = 'device-a'): Hlc => ({ wall, count, device })
const ID = RECORD_IDS[1]
/** What sync keeps of a vault account (lastUsedAt is this device's; updatedAt is derived). */
const synced = ({ lastUsedAt: _l, updatedAt: _u, ...a }: StoredAccount) => a

describe('toAccountState', () => {
  const stored = sampleAccount({ lastUsedAt: 5 })

  it('stamps every field of an account sync has not seen, not deleted', () => {
    const s = toAccountState(stored, undefined, at(10))
    expect(s.issuer).toEqual({ value: 'Example Bank', at: at(10) })
    expect(s.deleted).toEqual({ value: false, at: at(10) })
    expect(s.counter).toBe('0')
    expect(s.otp).toEqual({ type: 'totp', secret: stored.secret, algorithm: 'SHA1', digits: 6, period: 30 })
  })

  it('restamps only the fields that changed; the others keep their clocks', () => {
    const before = toAccountState(stored, undefined, at(10))
    const after = toAccountState({ ...stored, tags: ['work'], updatedAt: 99, lastUsedAt: 98 }, before, at(20))
    expect(after.tags).toEqual({ value: ['work'], at: at(20) })
    for (const field of ['issuer', 'account', 'pinned', 'order', 'sites', 'deleted'] as const) expect(after[field]).toBe(before[field])
    // Nothing synced changed: the same state, so no record to send.
    expect(toAccountState({ ...stored, updatedAt: 99, lastUsedAt: 98 }, before, at(30))).toEqual(before)
  })

  it('keeps another device’s edit of a field this device did not change', () => {
    // Both start from one state; A renames, B pins, each stamping only its own change.
    const base = toAccountState(stored, undefined, at(10))
    const onA = toAccountState({ ...stored, issuer: 'Renamed' }, base, at(20, 0, 'device-a'))
    const onB = toAccountState({ ...stored, pinned: true }, base, at(15, 0, 'device-b'))
    const both = toStoredAccount(mergeAccountState(onA, onB))
    expect(both).toMatchObject({ issuer: 'Renamed', pinned: true })
  })

  it('marks an account back in the vault after a deletion as an explicit undo', () => {
    const base = toAccountState(stored, undefined, at(10))
    const deleted = toDeletedState(base, at(20))
    expect(deleted).toEqual({ ...base, deleted: { value: true, at: at(20) } })
    const restored = toAccountState(stored, deleted, at(30))
    expect(restored.deleted).toEqual({ value: false, at: at(30) })
    expect(mergeAccountState(deleted, restored).deleted.value).toBe(false)
  })

  it('never lowers the HOTP counter below the state’s', () => {
    const hotp = sampleAccount({ type: 'hotp', counter: 7n })
    const base = { ...toAccountState(hotp, undefined, at(10)), counter: '12' }
    expect(toAccountState(hotp, base, at(20)).counter).toBe('12')
    expect(toAccountState({ ...hotp, counter: 13n }, base, at(20)).counter).toBe('13')
  })

  it('refuses a change of key or creation, another id, and a clock not after the one replaced', () => {
    const base = toAccountState(stored, undefined, at(10))
    const changes: [StoredAccount, Hlc][] = [
      [{ ...stored, secret: 'AAAAAAAAAAAAAAAA' }, at(20)],
      [{ ...stored, createdAt: 1 }, at(20)],
      [{ ...stored, id: ID }, at(20)],
      [{ ...stored, issuer: 'x' }, at(10)],
    ]
    for (const [changed, clock] of changes) {
      expect(() => toAccountState(changed, base, clock)).toThrow(expect.objectContaining({ code: 'INTERNAL' }))
    }
  })
})

describe('toStoredAccount', () => {
  it('gives back the vault account, lastUsedAt from this device, updatedAt from the latest clock', () => {
    const stored = sampleAccount({ lastUsedAt: 5, updatedAt: 3 })
    const s = toAccountState({ ...stored, pinned: true }, toAccountState(stored, undefined, at(2_000_000_000_000)), at(2_000_000_000_500))
    expect(toStoredAccount(s, stored)).toEqual({ ...stored, pinned: true, updatedAt: 2_000_000_000_500 })
    expect(toStoredAccount(s)?.lastUsedAt).toBeUndefined()
    expect(toStoredAccount(toDeletedState(s, at(2_000_000_000_600)))).toBeUndefined()
  })

  it('round-trips every account, HOTP counters past 2^53 and optional fields included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECORD_IDS), fc.integer({ min: 0, max: 5_000 }), (id, wall) =>
        fc.assert(
          fc.property(storedAccountArb(id), (stored) => {
            const back = toStoredAccount(toAccountState(stored, undefined, at(wall)), stored)
            expect(back && synced(back)).toEqual(synced(stored))
            expect(back?.lastUsedAt).toBe(stored.lastUsedAt)
          }),
          { numRuns: 20 },
        ),
      ),
      { numRuns: 20 },
    )
  })
})

/**
 * Devices editing their own vaults and syncing through one remote, in any interleaving (the
 * paper's strong eventual consistency: Shapiro et al. 2011, §2.3): once all have synced, all
 * vaults agree, and no device ever saw an HOTP counter go down.
 */
describe('devices syncing through a remote', () => {
  type Op =
    | { kind: 'edit'; device: number; account: number; issuer: string; pinned: boolean }
    | { kind: 'delete' | 'restore' | 'useCode' | 'sync'; device: number; account: number }
  const opArb: fc.Arbitrary<Op> = fc.record({
    kind: fc.constantFrom('edit', 'delete', 'restore', 'useCode', 'sync', 'sync'),
    device: fc.integer({ min: 0, max: DEVICES.length - 1 }),
    account: fc.integer({ min: 0, max: RECORD_IDS.length - 1 }),
    issuer: fc.constantFrom('A', 'B', 'C'),
    pinned: fc.boolean(),
  })

  interface Device {
    name: string
    clock: Hlc | undefined
    vault: Map<string, StoredAccount>
    /** The last state of each record this device synced or made. */
    records: Map<string, SyncRecord>
    /** What the person deleted here, for an undo. */
    trash: Map<string, StoredAccount>
  }

  function run(ops: Op[], skew: number[]) {
    const initial = RECORD_IDS.map((id) =>
      sampleAccount({
        id,
        type: 'hotp',
        counter: 0n,
        secret: `JBSWY3DPEHPK3P${id
          .slice(0, 2)
          .toUpperCase()
          .replace(/[^A-Z]/g, 'A')}`,
      }),
    )
    let time = 1_000
    const remote = new Map<string, SyncRecord>()
    const devices: Device[] = DEVICES.map((name) => ({ name, clock: undefined, vault: new Map(), records: new Map(), trash: new Map() }))
    const first = devices[0] as Device
    for (const a of initial) first.vault.set(a.id, a)
    const now = (d: Device) => time + (skew[devices.indexOf(d)] ?? 0)
    const tick = (d: Device) => (d.clock = tickHlc(d.clock, now(d), d.name))
    const counters = new Map<string, bigint>()

    /** The vault's changes into records (what the background's sync slice will do). */
    function capture(d: Device) {
      for (const [id, a] of d.vault) {
        const previous = d.records.get(id)
        d.records.set(id, toAccountState(a, previous && !isTombstone(previous) ? previous : undefined, tick(d)))
      }
    }
    function sync(d: Device) {
      capture(d)
      const { records, toLocal, toRemote } = mergeRecords(d.records, remote)
      for (const id of toRemote) remote.set(id, records.get(id) as SyncRecord)
      for (const id of toLocal) {
        const r = records.get(id) as SyncRecord
        d.clock = receiveHlc(d.clock, recordClock(r), now(d), d.name)
        const account = isTombstone(r) ? undefined : toStoredAccount(r, d.vault.get(id))
        if (account) d.vault.set(id, account)
        else d.vault.delete(id)
      }
      d.records = records
    }

    for (const op of ops) {
      time += 7
      const d = devices[op.device] as Device
      const id = RECORD_IDS[op.account] as string
      const a = d.vault.get(id)
      if (op.kind === 'sync') sync(d)
      else if (op.kind === 'restore') {
        const kept = d.trash.get(id)
        if (kept && !a) d.vault.set(id, kept)
        d.trash.delete(id)
      } else if (!a) continue
      else if (op.kind === 'edit') d.vault.set(id, { ...a, issuer: op.issuer, pinned: op.pinned })
      else if (op.kind === 'useCode') {
        d.vault.set(id, { ...a, counter: a.counter + 1n })
        // A counter once used must never be shown again: no device may go below it.
        counters.set(id, (counters.get(id) ?? 0n) > a.counter + 1n ? (counters.get(id) ?? 0n) : a.counter + 1n)
      } else {
        capture(d)
        d.vault.delete(id)
        d.trash.set(id, a)
        const previous = d.records.get(id) as AccountState
        d.records.set(id, toDeletedState(previous, tick(d)))
      }
    }
    // Everyone syncs, twice round (the first round's last device may bring news to the first).
    for (let round = 0; round < 2; round++)
      for (const d of devices) {
        time += 7
        sync(d)
      }
    return { devices, remote, counters }
  }

  it('converge to one vault, counters never going back', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 3, maxLength: 3 }),
        (ops, skew) => {
          const { devices, counters } = run(ops, skew)
          const view = (d: Device) => [...d.vault.values()].map(synced).sort((x, y) => (x.id < y.id ? -1 : 1))
          const [first, ...rest] = devices as [Device, ...Device[]]
          for (const d of rest) expect(view(d)).toEqual(view(first))
          for (const d of devices) for (const a of d.vault.values()) expect(a.counter >= (counters.get(a.id) ?? 0n)).toBe(true)
        },
      ),
      { numRuns: 150 },
    )
  })
})
