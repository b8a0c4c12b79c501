/**
 * The sync engine over real vaults (device-key vaults in memory areas of their own) and an
 * in-memory remote that honours write conditions (test/support/memory-remote.ts): setting up,
 * joining, what one cycle costs, status, and daily backups.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { KeyfobError } from '../../core/errors.ts'
import { generateCode } from '../../core/otp/generate-code.ts'
import { importKeyfobBackup } from '../../core/export/import-keyfob-backup.ts'
import { memoryRemote, type MemoryRemote } from '../../../test/support/memory-remote.ts'
import { account, accountsOf, add, clock, newDevice, PASSPHRASE, PLACE } from '../../../test/support/sync-devices.ts'
import { BACKUPS_KEPT } from './write-daily-backup.ts'

let remote: MemoryRemote

beforeEach(() => {
  remote = memoryRemote()
  clock.now = 1_700_000_000_000
})

describe('connect', () => {
  it('sets up on A with 50 accounts; B joins with the passphrase and shows the same codes', async () => {
    const a = await newDevice(remote)
    await add(a, ...Array.from({ length: 50 }, () => account()))
    const created = await a.engine.connect(PLACE, { create: PASSPHRASE })
    expect(created).toMatchObject({ created: true, toRemote: 50, accounts: 50, refused: [] })
    expect(created.recoveryKey).toMatch(/^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/)
    expect([...remote.files.keys()].filter((n) => n.startsWith('r-'))).toHaveLength(50)

    const b = await newDevice(remote)
    const joined = await b.engine.connect(PLACE, { passphrase: PASSPHRASE })
    expect(joined).toMatchObject({ created: false, toLocal: 50, toRemote: 0, accounts: 50 })
    expect(joined.recoveryKey).toBeUndefined()
    expect(await accountsOf(b)).toEqual(await accountsOf(a))
    const codes = async (d: typeof a) => Promise.all((await accountsOf(d)).map((x) => generateCode(x, clock.now)))
    expect(await codes(b)).toEqual(await codes(a))
  })

  it('refuses to set up where a space exists, and to join where none does', async () => {
    const a = await newDevice(remote)
    await expect(a.engine.connect(PLACE, { passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'SYNC_NO_SPACE' })
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    const b = await newDevice(remote)
    await expect(b.engine.connect(PLACE, { create: PASSPHRASE })).rejects.toMatchObject({
      code: 'SYNC_SPACE_EXISTS',
      message: expect.stringContaining('join') as unknown,
    })
    expect((await b.vault.current()).content.sync).toBeUndefined()
  })

  it('refuses a wrong passphrase and a wrong recovery key, storing nothing', async () => {
    const a = await newDevice(remote)
    const { recoveryKey } = await a.engine.connect(PLACE, { create: PASSPHRASE })
    const b = await newDevice(remote)
    await expect(b.engine.connect(PLACE, { passphrase: 'not the passphrase at all' })).rejects.toMatchObject({
      code: 'WRONG_SYNC_PASSPHRASE',
    })
    const other = (await (await newDevice(memoryRemote())).engine.connect(PLACE, { create: PASSPHRASE })).recoveryKey
    await expect(b.engine.connect(PLACE, { recoveryKey: other as string })).rejects.toMatchObject({ code: 'WRONG_RECOVERY_KEY' })
    await expect(b.engine.connect(PLACE, { recoveryKey: (recoveryKey as string).slice(1) })).rejects.toMatchObject({
      code: 'INVALID_RECOVERY_KEY',
    })
    expect((await b.vault.current()).content.sync).toBeUndefined()
    expect((await b.engine.status()).lastError).toBe('INVALID_RECOVERY_KEY')
  })

  it('joins with the recovery key (typed in lower case, without dashes) and keeps it for backups', async () => {
    const a = await newDevice(remote)
    await add(a, account())
    const { recoveryKey } = await a.engine.connect(PLACE, { create: PASSPHRASE })
    const b = await newDevice(remote)
    await b.engine.connect(PLACE, { recoveryKey: (recoveryKey as string).toLowerCase().replaceAll('-', ' ') })
    expect(await accountsOf(b)).toEqual(await accountsOf(a))
    expect((await b.vault.current()).content.sync?.recoveryKey).toBe(recoveryKey)
  })

  it('maps accounts added on both devices separately onto one, joining tags, sites, pins and counters', async () => {
    const a = await newDevice(remote)
    const b = await newDevice(remote)
    const shared = account({ tags: ['work'], sites: ['example.com'] })
    const hotp = account({ type: 'hotp', counter: 5n })
    const onlyA = account()
    const onlyB = account()
    await add(a, shared, hotp, onlyA)
    await add(
      b,
      { ...shared, id: crypto.randomUUID(), issuer: 'Renamed on B', tags: ['home'], sites: ['example.org'], pinned: true },
      { ...hotp, id: crypto.randomUUID(), counter: 9n },
      // Same key but other digits: other codes, so another account.
      { ...shared, id: crypto.randomUUID(), digits: 8 },
      onlyB,
    )
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    const joined = await b.engine.connect(PLACE, { passphrase: PASSPHRASE })
    expect(joined).toMatchObject({ adopted: 2, accounts: 5 })
    await a.engine.sync()
    const accounts = await accountsOf(a)
    expect(accounts).toEqual(await accountsOf(b))
    expect(accounts).toHaveLength(5)
    const merged = accounts.find((x) => x.id === shared.id)
    expect(merged).toMatchObject({ issuer: shared.issuer, tags: ['work', 'home'], sites: ['example.com', 'example.org'], pinned: true })
    expect(accounts.find((x) => x.id === hotp.id)?.counter).toBe(9n)
    expect(accounts.filter((x) => x.secret === shared.secret)).toHaveLength(2)
  })

  it('does not merge duplicates after joining: a second copy added later is the person’s choice', async () => {
    const a = await newDevice(remote)
    const first = account()
    await add(a, first)
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    await add(a, { ...first, id: crypto.randomUUID() })
    await a.engine.sync()
    expect(await accountsOf(a)).toHaveLength(2)
  })
})

describe('a cycle', () => {
  it('costs one list and one write for one changed account, one list and one read to take it in', async () => {
    const a = await newDevice(remote)
    const b = await newDevice(remote)
    await add(a, ...Array.from({ length: 30 }, () => account()))
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    await b.engine.connect(PLACE, { passphrase: PASSPHRASE })
    await a.engine.sync()

    remote.resetCalls()
    await a.engine.sync()
    expect(remote.calls).toEqual({ list: 1, read: 0, write: 0, remove: 0 })

    clock.now += 1000
    const id = (await accountsOf(a))[3]?.id
    await a.vault.mutate((c) => void Object.assign(c.accounts.find((x) => x.id === id) ?? {}, { issuer: 'Changed' }))
    remote.resetCalls()
    expect(await a.engine.sync()).toMatchObject({ toRemote: 1, toLocal: 0 })
    expect(remote.calls).toEqual({ list: 1, read: 0, write: 1, remove: 0 })

    remote.resetCalls()
    expect(await b.engine.sync()).toMatchObject({ toRemote: 0, toLocal: 1 })
    expect(remote.calls).toEqual({ list: 1, read: 1, write: 0, remove: 0 })
    expect((await accountsOf(b)).find((x) => x.id === id)?.issuer).toBe('Changed')
  })

  it('keeps its state in the vault: after the vault is closed and opened again, sync goes on', async () => {
    const a = await newDevice(remote)
    await add(a, account())
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    const before = (await a.vault.current()).content.sync
    await a.vault.lock() // a device-key vault opens again on its own: the content is decrypted and parsed anew
    a.restart()
    expect((await a.vault.current()).content.sync).toEqual(before)
    await add(a, account())
    expect(await a.engine.sync()).toMatchObject({ toRemote: 1 })
  })

  it('writes no vault generation when nothing changed', async () => {
    const a = await newDevice(remote)
    await add(a, account())
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    await a.engine.sync()
    const before = (await a.vault.current()).envelope
    clock.now += 60_000
    await a.engine.sync()
    expect((await a.vault.current()).envelope).toBe(before)
  })

  it('never runs two cycles at once, and coalesces requests made during one', async () => {
    const a = await newDevice(remote)
    await add(a, account())
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    remote.resetCalls()
    let inList = 0
    let most = 0
    const list = remote.list.bind(remote)
    remote.list = async () => {
      most = Math.max(most, ++inList)
      await new Promise((r) => setTimeout(r, 5))
      inList--
      return list()
    }
    const first = a.engine.sync()
    expect(a.engine.sync()).toBe(first) // asked before it started: the same cycle
    while (inList === 0) await new Promise((r) => setTimeout(r, 1))
    const more = [a.engine.sync(), a.engine.sync(), a.engine.sync()]
    await Promise.all([first, ...more])
    expect(most).toBe(1)
    expect(more[0]).not.toBe(first)
    expect(more[0]).toBe(more[2])
    expect(remote.calls.list).toBe(2)
  })

  it('answers null when not connected, and reports status', async () => {
    const a = await newDevice(remote)
    expect(await a.engine.sync()).toBeNull()
    expect(await a.engine.status()).toEqual({
      connected: false,
      place: null,
      lastSyncAt: null,
      lastError: null,
      last: null,
      progress: null,
    })
    await add(a, account())
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    expect(await a.engine.status()).toMatchObject({
      connected: true,
      place: 'Memory folder',
      lastSyncAt: clock.now,
      lastError: null,
      last: { toRemote: 1, refused: [] },
    })
  })

  it('reports the step of a connect under way: the check, the key, then records read and written, one by one', async () => {
    const a = await newDevice(remote)
    await add(a, account(), account(), account())
    const seen: string[] = []
    const note = async () => {
      const p = (await a.engine.status()).progress
      seen.push(p === null ? 'idle' : `${p.step} ${p.done}/${p.total}`)
    }
    const check = remote.check.bind(remote)
    const write = remote.write.bind(remote)
    const read = remote.read.bind(remote)
    remote.check = async () => (await note(), check())
    remote.write = async (name, text, condition) => (name.startsWith('r-') && (await note()), write(name, text, condition))
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    await note()
    expect(seen).toEqual(['check 0/0', 'records 0/3', 'records 1/3', 'records 2/3', 'idle'])

    // Joining: every record is read, and each read counts.
    const b = await newDevice(remote)
    remote.check = async () => check()
    remote.write = write
    const reads: string[] = []
    remote.read = async (name) => {
      const p = (await b.engine.status()).progress
      if (name.startsWith('r-')) reads.push(`${p?.step} ${p?.done}/${p?.total}`)
      return read(name)
    }
    const joining = b.engine.connect(PLACE, { passphrase: PASSPHRASE })
    await joining
    expect(reads).toEqual(['records 0/3', 'records 1/3', 'records 2/3'])
    expect((await b.engine.status()).progress).toBeNull()
  })

  it('disconnect forgets the section and leaves the remote as it is', async () => {
    const a = await newDevice(remote)
    await add(a, account())
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    const files = new Map(remote.files)
    await a.engine.disconnect()
    expect((await a.vault.current()).content.sync).toBeUndefined()
    expect(remote.files).toEqual(files)
    expect(await accountsOf(a)).toHaveLength(1)
    expect((await a.engine.status()).connected).toBe(false)
  })

  it('stops when header.json is swapped for another space or removed', async () => {
    const a = await newDevice(remote)
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    const other = memoryRemote()
    await (await newDevice(other)).engine.connect(PLACE, { create: PASSPHRASE })
    remote.put('header.json', other.files.get('header.json')?.text ?? '')
    await expect(a.engine.sync()).rejects.toMatchObject({
      code: 'SYNC_HEADER_CORRUPT',
      message: expect.stringContaining('another sync space') as unknown,
    })
    expect((await a.engine.status()).lastError).toBe('SYNC_HEADER_CORRUPT')
    remote.files.delete('header.json')
    await expect(a.engine.sync()).rejects.toMatchObject({
      code: 'SYNC_HEADER_CORRUPT',
      message: expect.stringContaining('gone') as unknown,
    })
  })
})

describe('daily backups', () => {
  it('writes one a day on a device that knows the recovery key, keeps 10, and imports with the key', async () => {
    const a = await newDevice(remote)
    const b = await newDevice(remote)
    await add(a, account(), account({ type: 'hotp', counter: 7n }))
    const { recoveryKey } = await a.engine.connect(PLACE, { create: PASSPHRASE })
    await b.engine.connect(PLACE, { passphrase: PASSPHRASE })
    const backups = () => [...remote.files.keys()].filter((n) => n.startsWith('backup-')).sort()
    expect(backups()).toEqual(['backup-2023-11-14.json'])
    await a.engine.sync()
    await b.engine.sync() // B joined with the passphrase: it does not know the key, and writes none
    expect(backups()).toHaveLength(1)

    for (let day = 1; day <= 12; day++) {
      clock.now += 24 * 60 * 60 * 1000
      await a.engine.sync()
    }
    expect(backups()).toHaveLength(BACKUPS_KEPT)
    expect(backups()[0]).toBe('backup-2023-11-17.json')
    const latest = remote.files.get(backups().at(-1) as string)?.text as string
    const restored = await importKeyfobBackup(latest, recoveryKey)
    expect(restored.accounts.map((x) => x.id).sort()).toEqual((await accountsOf(a)).map((x) => x.id))
    expect(latest).not.toContain('syncKey')
  })
})

describe('connect when the first sync fails', () => {
  it('is connected all the same, shows the new recovery key, and the next cycle catches up', async () => {
    const a = await newDevice(remote)
    await add(a, account())
    const list = remote.list.bind(remote)
    remote.list = () => Promise.reject(new KeyfobError('SYNC_UNREACHABLE', 'offline'))
    const result = await a.engine.connect(PLACE, { create: PASSPHRASE })
    expect(result).toMatchObject({ created: true, firstSyncError: 'SYNC_UNREACHABLE', toRemote: 0 })
    expect(result.recoveryKey).toBeDefined()
    expect(await a.engine.status()).toMatchObject({ connected: true, lastError: 'SYNC_UNREACHABLE' })
    remote.list = list
    expect(await a.engine.sync()).toMatchObject({ toRemote: 1 })
    expect((await a.engine.status()).lastError).toBeNull()
  })
})
