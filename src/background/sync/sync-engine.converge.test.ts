/**
 * Several devices over one remote converge: concurrent edits, deletions and HOTP uses, a device
 * offline for rounds, and (fast-check) random interleavings of all of these on 2–3 devices. After a
 * final round of syncs every vault holds the same accounts; nothing added and not deleted is lost,
 * nothing deleted comes back, and no HOTP counter ever goes down.
 */
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import type { StoredAccount } from '../../core/vault/vault-content.ts'
import { memoryRemote, type MemoryRemote } from '../../../test/support/memory-remote.ts'
import { account, accountsOf, add, clock, newDevice, PASSPHRASE, PLACE, type Device } from '../../../test/support/sync-devices.ts'

let remote: MemoryRemote

beforeEach(() => {
  remote = memoryRemote()
  clock.now = 1_700_000_000_000
})

async function devices(count: number, ...initial: StoredAccount[]): Promise<Device[]> {
  const first = await newDevice(remote)
  await add(first, ...initial)
  const { recoveryKey } = await first.engine.connect(PLACE, { create: PASSPHRASE })
  const all = [first]
  for (let i = 1; i < count; i++) {
    const d = await newDevice(remote)
    // The recovery key opens its slot with HKDF: no Argon2 per device.
    await d.engine.connect(PLACE, { recoveryKey: recoveryKey as string })
    all.push(d)
  }
  return all
}

async function edit(d: Device, id: string, change: Partial<StoredAccount>): Promise<void> {
  await d.vault.mutate((c) => {
    const a = c.accounts.find((x) => x.id === id)
    if (a !== undefined) Object.assign(a, change)
  })
}

async function remove(d: Device, id: string): Promise<void> {
  await d.vault.mutate((c) => void (c.accounts = c.accounts.filter((x) => x.id !== id)))
}

async function useHotp(d: Device, id: string): Promise<void> {
  await d.vault.mutate((c) => {
    const a = c.accounts.find((x) => x.id === id)
    if (a !== undefined) a.counter += 1n
  })
}

/** Everyone syncs twice in turn: enough for every change to reach every device. */
async function settle(all: Device[]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (const d of all) {
      clock.now += 1000
      await d.engine.sync()
    }
  }
}

async function expectConverged(all: Device[]): Promise<Awaited<ReturnType<typeof accountsOf>>> {
  const first = await accountsOf(all[0] as Device)
  for (const d of all.slice(1)) expect(await accountsOf(d)).toEqual(first)
  return first
}

describe('two devices', () => {
  it('merge concurrent edits field by field, deletions and HOTP uses', async () => {
    const [x, y, z, h] = [account(), account(), account(), account({ type: 'hotp', counter: 10n })]
    const [a, b] = (await devices(2, x, y, z, h)) as [Device, Device]
    clock.now += 1000
    await edit(a, x.id, { issuer: 'A names it' })
    clock.now += 1000
    await edit(b, x.id, { tags: ['from B'] })
    await edit(b, y.id, { issuer: 'B renames y' })
    await remove(a, y.id) // deleted on A while B edited it: the deletion wins
    await useHotp(a, h.id)
    await useHotp(b, h.id)
    await useHotp(b, h.id)
    await remove(b, z.id)
    await a.engine.sync()
    await b.engine.sync()
    await a.engine.sync()
    const accounts = await expectConverged([a, b])
    expect(accounts.map((c) => c.id).sort()).toEqual([x.id, h.id].sort())
    expect(accounts.find((c) => c.id === x.id)).toMatchObject({ issuer: 'A names it', tags: ['from B'] })
    expect(accounts.find((c) => c.id === h.id)?.counter).toBe(12n)
  })

  it('bring a device offline for several rounds back without losing or resurrecting anything', async () => {
    const start = Array.from({ length: 6 }, () => account())
    const [a, b] = (await devices(2, ...start)) as [Device, Device]
    const added: StoredAccount[] = []
    for (let round = 0; round < 5; round++) {
      clock.now += 60_000
      const fresh = account()
      added.push(fresh)
      await add(a, fresh) // A goes on, syncing; B is offline
      await edit(a, start[round]?.id ?? '', { issuer: `A round ${round}` })
      await a.engine.sync()
      await edit(b, start[5]?.id ?? '', { account: `B offline ${round}` })
    }
    await remove(b, start[0]?.id ?? '') // B deletes one A renamed meanwhile
    const onB = account()
    await add(b, onB)
    await settle([a, b])
    const accounts = await expectConverged([a, b])
    const ids = new Set(accounts.map((c) => c.id))
    for (const c of [...added, onB, ...start.slice(1)]) expect(ids.has(c.id)).toBe(true)
    expect(ids.has(start[0]?.id ?? '')).toBe(false)
    expect(accounts.find((c) => c.id === start[5]?.id)?.account).toBe('B offline 4')
    expect(accounts.find((c) => c.id === start[1]?.id)?.issuer).toBe('A round 1')
  })

  it('keep a deleted account deleted through later edits elsewhere, and drop its record after 90 days', async () => {
    const x = account()
    const [a, b] = (await devices(2, x)) as [Device, Device]
    await remove(a, x.id)
    await a.engine.sync()
    await edit(b, x.id, { issuer: 'edited after' }) // B had not seen the deletion
    clock.now += 1000
    await b.engine.sync()
    await a.engine.sync()
    expect(await accountsOf(a)).toEqual([])
    expect(await accountsOf(b)).toEqual([])
    clock.now += 91 * 24 * 60 * 60 * 1000
    await a.engine.sync()
    await b.engine.sync()
    expect([...remote.files.keys()].filter((n) => n.startsWith('r-'))).toEqual([])
    expect(Object.keys((await a.vault.current()).content.sync?.shadow ?? {})).toEqual([])
  })
})

describe('racing writers', () => {
  it('retry after a conflict and converge when two devices write one record at once', async () => {
    const x = account()
    const [a, b] = (await devices(2, x)) as [Device, Device]
    await edit(a, x.id, { issuer: 'from A' })
    clock.now += 1
    await edit(b, x.id, { tags: ['from B'] })
    remote.resetCalls()
    await Promise.all([a.engine.sync(), b.engine.sync()])
    expect(remote.calls.write).toBe(3) // one of the two found the other's version: re-read, merged, written
    await settle([a, b])
    expect((await expectConverged([a, b]))[0]).toMatchObject({ issuer: 'from A', tags: ['from B'] })
  })

  it('give up with SYNC_CONFLICT after 5 attempts, keeping the change for the next cycle', async () => {
    const x = account()
    const [a] = (await devices(1, x)) as [Device]
    await edit(a, x.id, { issuer: 'kept' })
    const write = remote.write.bind(remote)
    let attempts = 0
    remote.write = async (name, text, condition) => {
      attempts++
      remote.put(name, remote.files.get(name)?.text ?? '') // someone else always wrote just before
      return write(name, text, condition)
    }
    await expect(a.engine.sync()).rejects.toMatchObject({ code: 'SYNC_CONFLICT' })
    expect(attempts).toBe(5)
    expect((await a.engine.status()).lastError).toBe('SYNC_CONFLICT')
    remote.write = write
    await a.engine.sync()
    const b = await newDevice(remote)
    await b.engine.connect(PLACE, { passphrase: PASSPHRASE })
    expect((await accountsOf(b))[0]?.issuer).toBe('kept')
  })
})

type Op =
  | { kind: 'add'; device: number }
  | { kind: 'edit'; device: number; pick: number; issuer: string }
  | { kind: 'tag'; device: number; pick: number; tag: string }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'use'; device: number; pick: number }
  | { kind: 'sync'; device: number }
  /** Every device syncs at once: their writes race (RemoteConflict, retried). */
  | { kind: 'race'; device: number }

const op = (devices: number): fc.Arbitrary<Op> => {
  const device = fc.nat({ max: devices - 1 })
  const pick = fc.nat({ max: 20 })
  return fc.oneof(
    fc.record({ kind: fc.constant('add' as const), device }),
    fc.record({ kind: fc.constant('edit' as const), device, pick, issuer: fc.string({ maxLength: 6 }) }),
    fc.record({ kind: fc.constant('tag' as const), device, pick, tag: fc.constantFrom('a', 'b', 'c') }),
    fc.record({ kind: fc.constant('delete' as const), device, pick }),
    fc.record({ kind: fc.constant('use' as const), device, pick }),
    fc.record({ kind: fc.constant('sync' as const), device }),
    fc.record({ kind: fc.constant('sync' as const), device }),
    fc.record({ kind: fc.constant('race' as const), device }),
  )
}

describe('random interleavings (fast-check)', () => {
  it('converge after a final round of syncs, losing and resurrecting nothing', async () => {
    const scenario = fc.integer({ min: 2, max: 3 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        ops: fc.array(op(n), { maxLength: 25 }),
        steps: fc.array(fc.nat({ max: 3000 }), { minLength: 25, maxLength: 25 }),
      }),
    )
    await fc.assert(
      fc.asyncProperty(scenario, async ({ n, ops, steps }) => {
        remote = memoryRemote()
        clock.now = 1_700_000_000_000
        const hotp = account({ type: 'hotp', counter: 3n })
        const all = await devices(n, account(), hotp)
        const added = new Set<string>([...(await accountsOf(all[0] as Device)).map((c) => c.id)])
        const deleted = new Set<string>()
        let highest = 3n
        for (const [i, o] of ops.entries()) {
          clock.now += steps[i] ?? 0
          const d = all[o.device] as Device
          const mine = await accountsOf(d)
          const target = mine.length === 0 ? undefined : mine[('pick' in o ? o.pick : 0) % mine.length]
          if (o.kind === 'add') {
            const fresh = account()
            added.add(fresh.id)
            await add(d, fresh)
          } else if (o.kind === 'sync') {
            await d.engine.sync()
          } else if (o.kind === 'race') {
            await Promise.all(all.map((x) => x.engine.sync()))
          } else if (target !== undefined) {
            if (o.kind === 'edit') await edit(d, target.id, { issuer: o.issuer })
            if (o.kind === 'tag') await edit(d, target.id, { tags: [o.tag] })
            if (o.kind === 'delete') {
              deleted.add(target.id)
              await remove(d, target.id)
            }
            if (o.kind === 'use' && target.type === 'hotp') {
              await useHotp(d, target.id)
              highest = highest > target.counter + 1n ? highest : target.counter + 1n
            }
          }
        }
        await settle(all)
        const final = await expectConverged(all)
        const ids = new Set(final.map((c) => c.id))
        for (const id of added) expect(ids.has(id)).toBe(!deleted.has(id))
        const h = final.find((c) => c.id === hotp.id)
        if (h !== undefined) expect(h.counter).toBe(highest)
        for (const d of all) expect((await d.engine.status()).last?.refused).toEqual([])
      }),
      { numRuns: 25 },
    )
  }, 120_000)
})
