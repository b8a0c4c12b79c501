/**
 * A hostile server: records altered, moved to another account's file, replayed (an older copy put
 * back), or not JSON at all. Each is refused and reported (SYNC_RECORD_REJECTED), never applied
 * and never overwritten, while every other record syncs.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { memoryRemote, type MemoryRemote } from '../../../test/support/memory-remote.ts'
import { account, accountsOf, add, clock, newDevice, PASSPHRASE, PLACE, type Device } from '../../../test/support/sync-devices.ts'
import { FAST_KDF } from '../../../test/support/vault-fixtures.ts'
import { recordFile } from './remote-names.ts'
import { createSyncEngine } from './sync-engine.ts'

let remote: MemoryRemote

beforeEach(() => {
  remote = memoryRemote()
  clock.now = 1_700_000_000_000
})

const text = (id: string) => remote.files.get(recordFile(id))?.text ?? ''

async function rename(d: Device, id: string, issuer: string): Promise<void> {
  await d.vault.mutate((c) => void Object.assign(c.accounts.find((x) => x.id === id) ?? {}, { issuer }))
}

describe('records the server changed', () => {
  it('are refused and reported one by one while the rest syncs', async () => {
    const [x, y, z, w, v, j] = Array.from({ length: 6 }, () => account())
    if (!x || !y || !z || !w || !v || !j) throw new Error('six accounts')
    const a = await newDevice(remote)
    await add(a, x, y, z, w, v, j)
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    const b = await newDevice(remote)
    await b.engine.connect(PLACE, { passphrase: PASSPHRASE })

    // w changes and both devices see it: its old copy is now a replay for both.
    const oldW = text(w.id)
    clock.now += 1000
    await rename(a, w.id, 'w, second version')
    await a.engine.sync()
    await b.engine.sync()

    clock.now += 1000
    for (const c of [x, v]) await rename(a, c.id, `${c.issuer}, renamed`)
    await a.engine.sync()
    const genuine = [x, z, w, j].map((c) => [recordFile(c.id), text(c.id)] as const)
    const sealed = JSON.parse(text(x.id)) as { ciphertext: string }
    const flipped = sealed.ciphertext.startsWith('A') ? `B${sealed.ciphertext.slice(1)}` : `A${sealed.ciphertext.slice(1)}`
    remote.put(recordFile(x.id), JSON.stringify({ ...sealed, ciphertext: flipped })) // altered
    remote.put(recordFile(z.id), text(y.id)) // y's record in z's file
    remote.put(recordFile(w.id), oldW) // replayed
    remote.put(recordFile(j.id), 'not json') // garbage
    const before = new Map(remote.files)

    const report = await b.engine.sync()
    expect(report?.refused.map((r) => r.id).sort()).toEqual([x.id, z.id, w.id, j.id].sort())
    for (const r of report?.refused ?? []) expect(r.code).toBe('SYNC_RECORD_REJECTED')
    const messages = Object.fromEntries((report?.refused ?? []).map((r) => [r.id, r.message]))
    expect(messages[w.id]).toMatch(/replayed/)
    expect(messages[z.id]).toMatch(new RegExp(`holds the record ${y.id}`))
    expect(messages[j.id]).toMatch(/not JSON/)
    expect(messages[x.id]).toMatch(/authentication|base64/)

    const onB = new Map((await accountsOf(b)).map((c) => [c.id, c]))
    expect(onB.get(v.id)?.issuer).toBe(`${v.issuer}, renamed`) // the honest change went through
    expect(onB.get(x.id)?.issuer).toBe(x.issuer) // the altered one did not
    expect(onB.get(w.id)?.issuer).toBe('w, second version') // the replay did not roll it back
    expect(onB.get(z.id)).toMatchObject({ issuer: z.issuer, secret: z.secret })
    expect(remote.files).toEqual(before) // nothing refused was overwritten
    expect((await b.engine.status()).last?.refused).toHaveLength(4)

    // Once the server serves the genuine records again, everything converges.
    for (const [name, file] of genuine) remote.put(name, file)
    expect((await b.engine.sync())?.refused).toEqual([])
    await a.engine.sync()
    expect(await accountsOf(b)).toEqual(await accountsOf(a))
  })

  it('a record of another sync space in this space’s folder is refused', async () => {
    const a = await newDevice(remote)
    const mine = account()
    await add(a, mine)
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    const elsewhere = memoryRemote()
    const other = await newDevice(elsewhere)
    const theirs = account()
    await add(other, theirs)
    await other.engine.connect(PLACE, { create: PASSPHRASE })
    remote.put(recordFile(theirs.id), elsewhere.files.get(recordFile(theirs.id))?.text ?? '')
    const report = await a.engine.sync()
    expect(report?.refused).toEqual([
      { id: theirs.id, code: 'SYNC_RECORD_REJECTED', message: expect.stringMatching(/authentication/) as unknown },
    ])
    expect((await accountsOf(a)).map((c) => c.id)).toEqual([mine.id])
  })

  it('a record stamped more than a day ahead is refused, not overwritten, and taken once the clock catches up', async () => {
    const x = account()
    const a = await newDevice(remote)
    await add(a, x)
    const { recoveryKey } = await a.engine.connect(PLACE, { create: PASSPHRASE })
    const b = await newDevice(remote)
    const ahead = 2 * 24 * 60 * 60 * 1000
    b.engine = createSyncEngine({
      vault: b.vault,
      remoteFor: () => remote,
      now: () => clock.now + ahead,
      kdf: FAST_KDF,
      wait: async () => {},
    })
    await b.engine.connect(PLACE, { recoveryKey: recoveryKey as string })
    await rename(b, x.id, 'from the future')
    await b.engine.sync()
    const future = text(x.id)
    await rename(a, x.id, 'from now')
    const report = await a.engine.sync()
    expect(report?.refused).toEqual([{ id: x.id, code: 'SYNC_RECORD_REJECTED', message: expect.stringMatching(/ahead/) as unknown }])
    expect(text(x.id)).toBe(future)
    expect((await a.engine.sync())?.refused).toHaveLength(1) // still refused, still reported
    clock.now += ahead
    expect((await a.engine.sync())?.refused).toEqual([])
    await b.engine.sync()
    expect((await accountsOf(a))[0]?.issuer).toBe('from the future')
    expect(await accountsOf(b)).toEqual(await accountsOf(a))
  })
})
