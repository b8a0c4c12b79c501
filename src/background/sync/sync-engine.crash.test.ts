/**
 * Crash safety: a service worker can be stopped at any await. Every remote request and every
 * vault write of a cycle is made to fail in turn, before it happens (the request never left, the
 * vault write never landed) and after (the server applied it but the answer was lost; the vault
 * was written and then the worker died). A fresh engine (a restarted worker) then syncs, and both
 * devices must converge on every change, with nothing lost and nothing resurrected.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { memoryRemote, type MemoryRemote } from '../../../test/support/memory-remote.ts'
import { account, accountsOf, add, clock, newDevice, PASSPHRASE, PLACE, type Device } from '../../../test/support/sync-devices.ts'
import { FAST_KDF } from '../../../test/support/vault-fixtures.ts'
import type { StoredAccount } from '../../core/vault/vault-content.ts'
import { createSyncEngine, type SyncEngine } from './sync-engine.ts'
import type { SyncRemote } from './sync-remote.ts'

let remote: MemoryRemote

beforeEach(() => {
  remote = memoryRemote()
  clock.now = 1_700_000_000_000
})

interface Fault {
  /** The step that fails: its index (from 0; -1 for none), or the start of its name (its first occurrence). */
  at: number | string
  after: boolean
  steps: string[]
}

async function step<R>(fault: Fault, name: string, run: () => Promise<R>): Promise<R> {
  const n = fault.steps.push(name) - 1
  const { at } = fault
  const hit = typeof at === 'number' ? n === at : name.startsWith(at) && fault.steps.findIndex((s) => s.startsWith(at)) === n
  if (hit && !fault.after) throw new Error(`stopped before ${name}`)
  const result = await run()
  if (hit && fault.after) throw new Error(`stopped after ${name}`)
  return result
}

/** An engine whose remote requests and vault writes fail as `fault` says. */
function faultyEngine(d: Device, r: SyncRemote, fault: Fault): SyncEngine {
  const flaky: SyncRemote = {
    label: r.label,
    check: () => r.check(),
    list: () => step(fault, 'list', () => r.list()),
    read: (name) => step(fault, `read ${name}`, () => r.read(name)),
    write: (name, text, condition) => step(fault, `write ${name}`, () => r.write(name, text, condition)),
    remove: (name, etag) => step(fault, `remove ${name}`, () => r.remove(name, etag)),
  }
  return createSyncEngine({
    vault: { current: () => d.vault.current(), mutate: (change) => step(fault, 'vault write', () => d.vault.mutate(change)) },
    remoteFor: () => flaky,
    now: () => clock.now,
    kdf: FAST_KDF,
    wait: async () => {},
  })
}

const edit = (d: Device, id: string, change: Partial<StoredAccount>) =>
  d.vault.mutate((c) => void Object.assign(c.accounts.find((x) => x.id === id) ?? {}, change))

/** Two devices with changes on both; B's are already synced, A's wait for the cycle under test. */
async function scenario() {
  remote = memoryRemote()
  clock.now = 1_700_000_000_000
  const [p, q, h, gone] = [account(), account(), account({ type: 'hotp', counter: 4n }), account()]
  const a = await newDevice(remote)
  await add(a, p, q, h, gone)
  const { recoveryKey } = await a.engine.connect(PLACE, { create: PASSPHRASE })
  const b = await newDevice(remote)
  await b.engine.connect(PLACE, { recoveryKey: recoveryKey as string })
  clock.now += 1000
  await edit(b, p.id, { tags: ['from B'] })
  await edit(b, h.id, { issuer: 'HOTP renamed on B' })
  await b.vault.mutate((c) => void (c.accounts = c.accounts.filter((x) => x.id !== gone.id)))
  await b.engine.sync()
  clock.now += 1000
  const s = account()
  await edit(a, p.id, { issuer: 'P renamed on A' })
  await a.vault.mutate((c) => void (c.accounts = c.accounts.filter((x) => x.id !== q.id)))
  await edit(a, h.id, { counter: 5n })
  await add(a, s)
  return { a, b, p, q, h, s, gone }
}

async function expectRecovered({ a, b, p, q, h, s, gone }: Awaited<ReturnType<typeof scenario>>): Promise<void> {
  a.restart()
  for (const d of [a, b, a, b]) {
    clock.now += 1000
    await d.engine.sync()
  }
  const onA = await accountsOf(a)
  expect(await accountsOf(b)).toEqual(onA)
  const byId = new Map(onA.map((c) => [c.id, c]))
  expect([...byId.keys()].sort()).toEqual([p.id, h.id, s.id].sort())
  expect(byId.get(p.id)).toMatchObject({ issuer: 'P renamed on A', tags: ['from B'] })
  expect(byId.get(h.id)).toMatchObject({ issuer: 'HOTP renamed on B', counter: 5n })
  expect(byId.has(q.id) || byId.has(gone.id)).toBe(false)
  expect((await a.vault.current()).content.sync?.pending).toEqual([])
}

describe('a worker stopped mid-cycle', () => {
  it('loses nothing at any step, before or after it, and the next cycle converges', async () => {
    // A clean run first, to learn the steps.
    const clean = await scenario()
    const probe: Fault = { at: -1, after: false, steps: [] }
    await faultyEngine(clean.a, remote, probe).sync()
    expect(probe.steps).toContain('vault write')
    expect(probe.steps.filter((s) => s.startsWith('write r-'))).toHaveLength(4) // p, q, h (counter), s
    await expectRecovered(clean)

    const seen: string[] = []
    for (let at = 0; at < probe.steps.length; at++) {
      for (const after of [false, true]) {
        const run = await scenario()
        const fault: Fault = { at, after, steps: [] }
        await expect(faultyEngine(run.a, remote, fault).sync()).rejects.toThrow(/stopped/)
        seen.push(`${after ? 'after' : 'before'} ${fault.steps[at] ?? '?'}`)
        await expectRecovered(run)
      }
    }
    expect(seen).toHaveLength(2 * probe.steps.length)
  }, 120_000)

  it('a second crash in the recovering cycle still loses nothing', async () => {
    const run = await scenario()
    const first: Fault = { at: 'vault write', after: true, steps: [] } // the vault was written, nothing sent
    await expect(faultyEngine(run.a, remote, first).sync()).rejects.toThrow(/stopped after vault write/)
    const second: Fault = { at: 'write r-', after: true, steps: [] } // one record sent, its answer lost
    await expect(faultyEngine(run.a, remote, second).sync()).rejects.toThrow(/stopped after write/)
    await expectRecovered(run)
  })
})
