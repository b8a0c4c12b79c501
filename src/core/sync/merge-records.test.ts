import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RECORD_IDS, identityOf, recordSetArb, stateArb } from '../../../test/support/sync-arbitraries.ts'
import { toStoredAccount } from './account-state.ts'
import { MAX_CLOCK_DRIFT_MS } from './hlc.ts'
import { mergeRecords } from './merge-records.ts'
import type { AccountState, SyncRecord } from './sync-state.ts'
import { isTombstone } from './sync-state.ts'

const runs = { numRuns: 300 }
const merged = (a: ReadonlyMap<string, SyncRecord>, b: ReadonlyMap<string, SyncRecord>) => mergeRecords(a, b).records
/** A map's records in id order, for comparing sets whatever their insertion order. */
const sorted = (m: ReadonlyMap<string, SyncRecord>) => [...m.values()].sort((x, y) => (x.id < y.id ? -1 : 1))
/** What the vault shows for a set of records: the accounts that are not deleted, by id. */
const vault = (m: ReadonlyMap<string, SyncRecord>) =>
  sorted(m).flatMap((r) => (isTombstone(r) ? [] : [toStoredAccount(r)].filter((a) => a !== undefined)))

describe('mergeRecords: laws on record sets', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(recordSetArb(), recordSetArb(), recordSetArb(), (a, b, c) => {
        expect(sorted(merged(a, b))).toEqual(sorted(merged(b, a)))
        expect(sorted(merged(merged(a, b), c))).toEqual(sorted(merged(a, merged(b, c))))
        expect(sorted(merged(a, a))).toEqual(sorted(a))
      }),
      runs,
    )
  })

  it('gives the same vault for any order of the same updates, each received any number of times', () => {
    const updatesArb = fc.array(recordSetArb(), { minLength: 1, maxLength: 6 })
    fc.assert(
      fc.property(updatesArb, fc.func(fc.nat()), fc.array(fc.nat(), { maxLength: 4 }), (updates, rank, repeats) => {
        const inOrder = updates.reduce(merged, new Map<string, SyncRecord>())
        const shuffled = [...updates, ...repeats.map((i) => updates[i % updates.length] as Map<string, SyncRecord>)]
          .map((u, i) => ({ u, key: rank(i) }))
          .sort((x, y) => x.key - y.key)
          .map(({ u }) => u)
        const other = shuffled.reduce(merged, new Map<string, SyncRecord>())
        expect(vault(other)).toEqual(vault(inOrder))
        expect(sorted(other)).toEqual(sorted(inOrder))
      }),
      runs,
    )
  })
})

describe('mergeRecords: what each side must take', () => {
  it('names exactly the ids where the merge differs from each side', () => {
    fc.assert(
      fc.property(recordSetArb(), recordSetArb(), (local, remote) => {
        const { records, toLocal, toRemote, refused } = mergeRecords(local, remote)
        expect(refused).toEqual([])
        for (const id of RECORD_IDS) {
          const m = records.get(id)
          expect(toLocal.includes(id)).toBe(m !== undefined && !isEqual(m, local.get(id)))
          expect(toRemote.includes(id)).toBe(m !== undefined && !isEqual(m, remote.get(id)))
        }
        // Once each side has taken what it was given, there is nothing left to exchange.
        const localAfter = new Map(local)
        const remoteAfter = new Map(remote)
        for (const id of toLocal) localAfter.set(id, records.get(id) as SyncRecord)
        for (const id of toRemote) remoteAfter.set(id, records.get(id) as SyncRecord)
        const again = mergeRecords(localAfter, remoteAfter)
        expect([again.toLocal, again.toRemote]).toEqual([[], []])
      }),
      runs,
    )
  })

  it('costs one record for a change to one account', () => {
    fc.assert(
      fc.property(recordSetArb(), fc.constantFrom(...RECORD_IDS), stateArb(RECORD_IDS[0]), (synced, id, fields) => {
        const previous = synced.get(id)
        fc.pre(previous !== undefined && !isTombstone(previous))
        const edited: AccountState = {
          ...previous,
          issuer: { value: `${fields.issuer.value}!`, at: { wall: 99, count: 0, device: 'device-a' } },
        }
        const local = new Map(synced).set(id, edited)
        expect(mergeRecords(local, synced)).toMatchObject({ toLocal: [], toRemote: [id] })
        expect(mergeRecords(synced, local)).toMatchObject({ toLocal: [id], toRemote: [] })
      }),
      runs,
    )
  })

  it('sends what only this device has, and takes what only the remote has', () => {
    const [a, b] = fc
      .sample(stateArb(RECORD_IDS[0]), { numRuns: 1, seed: 7 })
      .concat(fc.sample(stateArb(RECORD_IDS[1]), { numRuns: 1, seed: 7 }))
    const result = mergeRecords(new Map([[RECORD_IDS[0], a as SyncRecord]]), new Map([[RECORD_IDS[1], b as SyncRecord]]))
    expect(result.toRemote).toEqual([RECORD_IDS[0]])
    expect(result.toLocal).toEqual([RECORD_IDS[1]])
    expect(result.records.size).toBe(2)
  })
})

describe('mergeRecords: refused records', () => {
  const [id] = RECORD_IDS
  const [base] = fc.sample(stateArb(id), { numRuns: 1, seed: 3 }) as [AccountState]

  it('refuses a remote copy with another key, keeps the local one, and sends nothing for it', () => {
    const forged: AccountState = { ...base, otp: { ...identityOf(id).otp, secret: 'AAAAAAAAAAAAAAAA' } }
    const other = RECORD_IDS[1]
    const [fine] = fc.sample(stateArb(other), { numRuns: 1, seed: 4 }) as [AccountState]
    const result = mergeRecords(
      new Map([[id, base]]),
      new Map<string, SyncRecord>([
        [id, forged],
        [other, fine],
      ]),
    )
    expect(result.refused.map((r) => [r.id, r.error.code])).toEqual([[id, 'INVALID_MESSAGE']])
    expect(result.records.get(id)).toBe(base)
    expect(result.toRemote).toEqual([])
    // The other record is merged as usual.
    expect(result.toLocal).toEqual([other])
  })

  it('refuses a record filed under another id', () => {
    const result = mergeRecords(new Map(), new Map([[RECORD_IDS[2], base]]))
    expect(result.refused.map((r) => r.id)).toEqual([RECORD_IDS[2]])
    expect(result.records.size).toBe(0)
  })

  it('refuses, when told the time, a record written more than a day ahead of it', () => {
    const now = 1_700_000_000_000
    const future: AccountState = {
      ...base,
      issuer: { value: 'from 2099', at: { wall: now + MAX_CLOCK_DRIFT_MS + 1, count: 0, device: 'device-b' } },
    }
    const remote = new Map([[id, future]])
    expect(mergeRecords(new Map(), remote, { now }).refused.map((r) => r.id)).toEqual([id])
    expect(mergeRecords(new Map(), remote, { now: now + 1 }).refused).toEqual([])
    expect(mergeRecords(new Map(), remote).refused).toEqual([])
  })
})

function isEqual(a: SyncRecord, b: SyncRecord | undefined): boolean {
  try {
    expect(a).toEqual(b)
    return true
  } catch {
    return false
  }
}
