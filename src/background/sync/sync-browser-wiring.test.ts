/**
 * Sync through the browser's own sync storage, wired into the background: two devices (two
 * createBackground, each with a storage.sync area of its own, test/support/chrome-sync-area.ts,
 * which reproduces Chrome's quotas) whose areas the test replicates as the browser's sync would
 * (`replicate`: item by item, the later write of each key winning). The areas report their
 * changes as storage.onChanged does, the device's own writes as well as replicated ones, so the
 * trigger on other devices' changes is tested as the worker wires it. Time moves only when the
 * test moves it; the debounce's timers are fired by the test.
 */
import { describe, expect, it } from 'vitest'
import { backupDay, writeDailyBackup } from './write-daily-backup.ts'
import { createChromeSyncArea, replicate, type ChromeSyncArea } from '../../../test/support/chrome-sync-area.ts'
import { memoryArea } from '../../../test/support/memory-area.ts'
import { FAST_KDF } from '../../../test/support/vault-fixtures.ts'
import { createBackground } from '../background.ts'
import type { AreaChange, BrowserSyncArea } from './browser-sync-remote.ts'
import { DEBOUNCE_MS } from './index.ts'
import type { SyncRemote } from './sync-remote.ts'
import { unpackAccountList } from '../../shared/account-list-wire.ts'

const SLOW = 120_000
const PASSPHRASE = 'correct horse battery staple sync'
const BROWSER = { kind: 'browser' } as const
/** A distinct key per name (letters only: they are base32 digits). */
const secretOf = (name: string) => `JBSWY3DPEHPK3PXP${name.toUpperCase().padEnd(8, 'A')}`
const uri = (name: string) => `otpauth://totp/Acme%20Bank:${name}@example.com?secret=${secretOf(name)}&issuer=Acme%20Bank`
/** n distinct names of letters: aa, ab, … */
const names = (n: number, prefix = 'x') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`)

let clock = 1_700_000_000_000

type Listener = (changes: Record<string, AreaChange>) => void

/**
 * A ChromeSyncArea whose changes are reported as storage.onChanged reports them: after each
 * write of this device, and after `receive` (the browser's sync bringing another device's items),
 * only for keys whose value changed.
 */
function observed(area: ChromeSyncArea) {
  const listeners: Listener[] = []
  const reported: Record<string, AreaChange>[] = []
  function changesSince(before: Record<string, unknown>): Record<string, AreaChange> {
    const after = area.snapshot()
    const changes: Record<string, AreaChange> = {}
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue
      changes[key] = { ...(key in before ? { oldValue: before[key] } : {}), ...(key in after ? { newValue: after[key] } : {}) }
    }
    return changes
  }
  function emit(changes: Record<string, AreaChange>) {
    if (Object.keys(changes).length === 0) return
    reported.push(changes)
    // Events arrive after the call that caused them.
    queueMicrotask(() => listeners.forEach((l) => l(changes)))
  }
  const reporting: BrowserSyncArea = {
    QUOTA_BYTES: area.QUOTA_BYTES,
    QUOTA_BYTES_PER_ITEM: area.QUOTA_BYTES_PER_ITEM,
    MAX_ITEMS: area.MAX_ITEMS,
    MAX_WRITE_OPERATIONS_PER_MINUTE: area.MAX_WRITE_OPERATIONS_PER_MINUTE,
    MAX_WRITE_OPERATIONS_PER_HOUR: area.MAX_WRITE_OPERATIONS_PER_HOUR,
    get: (keys) => area.get(keys),
    getBytesInUse: (keys) => area.getBytesInUse(keys),
    async set(items) {
      const before = area.snapshot()
      await area.set(items)
      emit(changesSince(before))
    },
    async remove(keys) {
      const before = area.snapshot()
      await area.remove(keys)
      emit(changesSince(before))
    },
  }
  return {
    area,
    reporting,
    reported,
    onChanged: (l: Listener) => void listeners.push(l),
    /** The browser's sync brings `from`'s items here. */
    receive(from: ChromeSyncArea): string[] {
      const before = area.snapshot()
      const keys = replicate(from, area)
      emit(changesSince(before))
      return keys
    },
    /** Another extension-independent change: a key that is not Keyfob's. */
    emit,
  }
}

interface Timer {
  run: () => void
  ms: number
  cancelled: boolean
}

function device() {
  const timers: Timer[] = []
  const sync = observed(createChromeSyncArea({ now: () => clock }))
  let deviceKey: CryptoKey | null = null
  const bg = createBackground({
    local: memoryArea(),
    session: memoryArea(),
    version: 't',
    now: () => clock,
    syncKdf: FAST_KDF,
    browserSync: { area: sync.reporting, label: 'Chrome sync', onChanged: sync.onChanged },
    deviceKeys: { load: async () => deviceKey, save: async (k) => void (deviceKey = k), clear: async () => void (deviceKey = null) },
    later: (run, ms) => {
      const timer = { run, ms, cancelled: false }
      timers.push(timer)
      return () => void (timer.cancelled = true)
    },
  })
  return {
    bg,
    sync,
    area: sync.area,
    waiting: () => timers.filter((t) => !t.cancelled),
    /** Lets reported changes reach the listeners, and the reads they start settle. */
    async settle(): Promise<void> {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
    },
    async elapse(): Promise<void> {
      for (const t of timers.splice(0)) if (!t.cancelled) t.run()
      await bg.syncSettled()
    },
    accounts: async () =>
      unpackAccountList(await bg.popupHandlers.listAccounts({}))
        .accounts.map((a) => ({ issuer: a.issuer, account: a.account, tags: a.tags }))
        .sort((x, y) => x.account.localeCompare(y.account)),
    names: async () => (await bg.popupHandlers.listAccounts({})).accounts.map((a) => a.account).sort(),
  }
}

async function setUp(...accounts: string[]) {
  return setUpWith(null, accounts)
}

async function setUpWith(password: string | null, accounts: string[]) {
  const d = device()
  await d.bg.vault.setup(password)
  if (accounts.length > 0) await d.bg.popupHandlers.addAccounts({ text: accounts.map(uri).join('\n') })
  return d
}

/** Every stored value of an area as text, keys included. */
const everything = (area: ChromeSyncArea) => JSON.stringify(area.snapshot())

describe('sync through the browser’s sync storage, in the background', () => {
  it(
    'A creates the space there, its items reach B, B joins with the passphrase; edits travel both ways and converge',
    async () => {
      const a = await setUp('alice', 'bob')
      const b = await setUp()

      const created = await a.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { create: PASSPHRASE } })
      expect(created).toMatchObject({ created: true, accounts: 2, firstSyncError: null, first: { toRemote: 2 } })
      expect(await a.bg.popupHandlers.syncStatus()).toMatchObject({ connected: true, place: 'Chrome sync', lastError: null })
      // The header and two records, each one item.
      expect(Object.keys(a.area.snapshot()).sort()).toHaveLength(3)
      expect(Object.keys(a.area.snapshot()).every((k) => k.startsWith('kf:f:'))).toBe(true)
      // A's own writes were reported (as Chrome reports them) and scheduled nothing.
      await a.settle()
      expect(a.sync.reported.length).toBeGreaterThan(0)
      expect(a.waiting()).toEqual([])

      // The browser's sync moves A's items to B; B is not connected yet: nothing scheduled.
      expect(b.sync.receive(a.area)).toHaveLength(3)
      await b.settle()
      expect(b.waiting()).toEqual([])

      const joined = await b.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { passphrase: PASSPHRASE } })
      expect(joined).toMatchObject({ created: false, recoveryKey: null, accounts: 2, firstSyncError: null })
      expect(await b.accounts()).toEqual(await a.accounts())
      expect(await b.names()).toEqual(['alice@example.com', 'bob@example.com'])
      await b.settle()
      expect(b.waiting()).toEqual([])

      // An edit on B: its own debounced cycle writes it; the browser brings it to A, whose trigger runs a cycle.
      clock += 60_000
      await b.bg.popupHandlers.addAccounts({ text: uri('carol') })
      expect(b.waiting().map((t) => t.ms)).toEqual([DEBOUNCE_MS])
      await b.elapse()
      expect(await b.bg.popupHandlers.syncStatus()).toMatchObject({ lastError: null, last: { toRemote: 1 } })
      await b.settle()
      expect(b.waiting()).toEqual([])
      expect(a.sync.receive(b.area).length).toBeGreaterThan(0)
      await a.settle()
      expect(a.waiting().map((t) => t.ms)).toEqual([DEBOUNCE_MS])
      await a.elapse()
      expect(await a.names()).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.com'])
      await a.settle()
      expect(a.waiting()).toEqual([])

      // Concurrent edits of the same account on both, before either device hears of the other's: both survive.
      clock += 60_000
      const idOn = async (d: ReturnType<typeof device>, name: string) =>
        (await d.bg.popupHandlers.listAccounts({})).accounts.find((x) => x.account === name)?.id ?? ''
      await a.bg.popupHandlers.updateAccount({ id: await idOn(a, 'alice@example.com'), tags: ['work'] })
      await b.bg.popupHandlers.updateAccount({ id: await idOn(b, 'alice@example.com'), issuer: 'Acme Savings' })
      await b.bg.popupHandlers.deleteAccount({ id: await idOn(b, 'bob@example.com') })
      await a.elapse()
      clock += 1000
      await b.elapse()
      // The browser syncs both ways; per key the later write wins (B's record of alice here).
      b.sync.receive(a.area)
      a.sync.receive(b.area)
      await a.settle()
      await b.settle()
      // Each cycles on what arrived until neither has anything to write.
      for (let round = 0; round < 4; round++) {
        clock += 60_000
        await a.elapse()
        await b.elapse()
        b.sync.receive(a.area)
        a.sync.receive(b.area)
        await a.settle()
        await b.settle()
      }
      const expected = [
        { issuer: 'Acme Savings', account: 'alice@example.com', tags: ['work'] },
        { issuer: 'Acme Bank', account: 'carol@example.com', tags: [] },
      ]
      expect(await a.accounts()).toEqual(expected)
      expect(await b.accounts()).toEqual(expected)
      expect(a.area.snapshot()).toEqual(b.area.snapshot())
      expect(await a.bg.popupHandlers.syncStatus()).toMatchObject({ lastError: null })
      expect(await b.bg.popupHandlers.syncStatus()).toMatchObject({ lastError: null })

      // Nothing in either area is in clear: no name, issuer, secret, tag or passphrase, and no backup file.
      for (const d of [a, b]) {
        const text = everything(d.area)
        // Short words are looked for outside base64 runs, where a ciphertext spells 'bob' now and then by chance.
        const outsideBase64 = text.replace(/[A-Za-z0-9+/=]{16,}/g, '')
        for (const clear of ['alice', 'bob', 'carol', 'example.com', 'Acme', 'Savings', 'work']) {
          expect(outsideBase64, clear).not.toContain(clear)
        }
        for (const clear of [PASSPHRASE, ...['alice', 'bob', 'carol'].map(secretOf)]) expect(text).not.toContain(clear)
        expect(Object.keys(d.area.snapshot()).some((k) => k.includes('backup'))).toBe(false)
      }
      // A holds the recovery key (it created the space), so a backup was due: it was not written here.
      expect(created.recoveryKey).not.toBeNull()
    },
    SLOW,
  )

  it(
    'a vault that would not fit is refused before anything is written: SYNC_TOO_BIG says how many of its accounts fit',
    async () => {
      const a = await setUp(...names(40))
      const refused = await a.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { create: PASSPHRASE } }).catch((e: unknown) => e)
      expect(refused).toMatchObject({ code: 'SYNC_TOO_BIG', values: [expect.stringMatching(/^\d+$/), '40'] })
      const fit = Number((refused as { values: string[] }).values[0])
      // 100 KiB, a header, records of 3,056 bytes each (accounts-that-fit.ts).
      expect(fit).toBe(33)
      expect(String((refused as Error).message)).toMatch(/Only 33 of 40 accounts fit .*WebDAV/)
      expect(a.area.snapshot()).toEqual({})
      expect(a.area.writeCalls).toBe(0)
      expect(await a.bg.popupHandlers.syncStatus()).toMatchObject({ connected: false })

      // One that fits connects, and does fit.
      const b = await setUp(...names(33))
      expect(await b.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { create: PASSPHRASE } })).toMatchObject({
        firstSyncError: null,
        first: { toRemote: 33 },
      })
      expect(await b.area.getBytesInUse(null)).toBeLessThanOrEqual(b.area.QUOTA_BYTES)
    },
    SLOW,
  )

  it(
    'a device joining with more than fits beside what the area holds is refused, and writes nothing',
    async () => {
      const a = await setUp(...names(20, 'a'))
      await a.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { create: PASSPHRASE } })
      const b = await setUp(...names(20, 'b'))
      b.sync.receive(a.area)
      const before = b.area.snapshot()
      const calls = b.area.writeCalls
      await expect(b.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { passphrase: PASSPHRASE } })).rejects.toMatchObject({
        code: 'SYNC_TOO_BIG',
        values: ['33', '40'],
      })
      expect(b.area.snapshot()).toEqual(before)
      expect(b.area.writeCalls).toBe(calls)
      expect(await b.names()).toHaveLength(20)
    },
    SLOW,
  )

  it(
    'accounts added later that overflow the area: the cycle fails with SYNC_TOO_BIG, and nothing is lost locally',
    async () => {
      const a = await setUp(...names(30))
      await a.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { create: PASSPHRASE } })
      clock += 60_000
      await a.bg.popupHandlers.addAccounts({ text: names(6, 'y').map(uri).join('\n') })
      await a.elapse()
      expect(await a.bg.popupHandlers.syncStatus()).toMatchObject({ connected: true, lastError: 'SYNC_TOO_BIG' })
      expect(await a.names()).toHaveLength(36)
      // What was written fits, and is whole: another device joins and gets the accounts that made it.
      expect(await a.area.getBytesInUse(null)).toBeLessThanOrEqual(a.area.QUOTA_BYTES)
      const b = await setUp()
      b.sync.receive(a.area)
      await b.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { passphrase: PASSPHRASE } })
      expect((await b.names()).length).toBeGreaterThanOrEqual(30)
      expect((await b.names()).length).toBeLessThan(36)
      // A keeps every account, and the records still to write: the next cycle tries them again, and fails the same way.
      const pending = (await a.bg.vault.current()).content.sync?.pending ?? []
      expect(pending.length).toBe(36 - (await b.names()).length)
      clock += 60_000
      expect(await a.bg.popupHandlers.syncNow()).toMatchObject({ connected: true, lastError: 'SYNC_TOO_BIG' })
      expect((await a.bg.vault.current()).content.sync?.pending).toEqual(pending)
      expect(await a.names()).toHaveLength(36)
    },
    SLOW,
  )

  it(
    'with the area full, an edit of a synced account still goes out: new records wait, changed ones do not',
    async () => {
      const a = await setUp(...names(30))
      await a.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { create: PASSPHRASE } })
      const b = await setUp()
      b.sync.receive(a.area)
      await b.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { passphrase: PASSPHRASE } })
      clock += 60_000
      await a.bg.popupHandlers.addAccounts({ text: names(6, 'y').map(uri).join('\n') })
      await a.elapse()
      expect(await a.bg.popupHandlers.syncStatus()).toMatchObject({ lastError: 'SYNC_TOO_BIG' })
      // One of the 30 synced accounts renamed on A, while the new ones still do not fit.
      const synced = (await a.bg.popupHandlers.listAccounts({})).accounts.find((x) => x.account === 'xaa@example.com')
      await a.bg.popupHandlers.updateAccount({ id: synced!.id, issuer: 'Renamed Bank' })
      clock += 60_000
      await a.elapse()
      expect(await a.bg.popupHandlers.syncStatus()).toMatchObject({ lastError: 'SYNC_TOO_BIG' })
      b.sync.receive(a.area)
      clock += 60_000
      await b.bg.popupHandlers.syncNow()
      expect((await b.accounts()).find((x) => x.account === 'xaa@example.com')?.issuer).toBe('Renamed Bank')
    },
    SLOW,
  )

  it(
    'the change trigger: only Keyfob’s items written elsewhere, only while connected to the browser, only unlocked',
    async () => {
      const a = await setUp('dave')
      // A password, so that a lock holds (a vault without one reopens with its device key).
      const password = 'a vault password long enough'
      const b = await setUpWith(password, [])
      await a.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { create: PASSPHRASE } })
      b.sync.receive(a.area)
      await b.bg.popupHandlers.syncConnect({ place: BROWSER, secret: { passphrase: PASSPHRASE } })
      await b.settle()
      expect(b.waiting()).toEqual([])

      // A key that is not Keyfob's: nothing.
      b.sync.emit({ other: { newValue: 1 } })
      await b.settle()
      expect(b.waiting()).toEqual([])

      // A's new write arrives: one debounced cycle.
      clock += 60_000
      await a.bg.popupHandlers.addAccounts({ text: uri('erin') })
      await a.elapse()
      b.sync.receive(a.area)
      await b.settle()
      expect(b.waiting().map((t) => t.ms)).toEqual([DEBOUNCE_MS])
      await b.elapse()
      expect(await b.names()).toEqual(['dave@example.com', 'erin@example.com'])

      // Locked: nothing scheduled (the next unlock syncs).
      clock += 60_000
      await a.bg.popupHandlers.addAccounts({ text: uri('fred') })
      await a.elapse()
      await b.bg.vault.lock()
      b.sync.receive(a.area)
      await b.settle()
      expect(b.waiting()).toEqual([])

      // Disconnected: nothing either.
      await b.bg.vault.unlock(password)
      await b.bg.syncSettled()
      expect(await b.names()).toEqual(['dave@example.com', 'erin@example.com', 'fred@example.com'])
      await b.bg.popupHandlers.syncDisconnect()
      clock += 60_000
      await a.bg.popupHandlers.addAccounts({ text: uri('gina') })
      await a.elapse()
      b.sync.receive(a.area)
      await b.settle()
      expect(b.waiting()).toEqual([])
    },
    SLOW,
  )

  it('without a browser area, the browser place is refused', async () => {
    const bg = createBackground({
      local: memoryArea(),
      session: memoryArea(),
      version: 't',
      now: () => clock,
      syncKdf: FAST_KDF,
      deviceKeys: { load: async () => null, save: async () => undefined, clear: async () => undefined },
    })
    await bg.vault.setup(null)
    await expect(bg.popupHandlers.syncConnect({ place: BROWSER, secret: { create: PASSPHRASE } })).rejects.toMatchObject({
      code: 'INVALID_PARAMETER',
    })
  })
})

describe('daily backups', () => {
  const remote = (holdsBackups: boolean | undefined) => {
    const writes: string[] = []
    const r: SyncRemote = {
      label: 'x',
      ...(holdsBackups === undefined ? {} : { holdsBackups }),
      check: async () => undefined,
      list: async () => [],
      read: async () => null,
      write: async (name) => (writes.push(name), { etag: '1' }),
      remove: async () => undefined,
    }
    return { r, writes }
  }
  const content = (accounts: never[]) => ({ schemaVersion: 1, accounts, settings: {} }) as never

  it('are written where the place holds them, and never to one that does not (the browser’s sync area)', async () => {
    const now = Date.UTC(2026, 0, 2)
    for (const [holds, expected] of [
      [undefined, [`backup-${backupDay(now)}.json`]],
      [true, [`backup-${backupDay(now)}.json`]],
      [false, []],
    ] as const) {
      const { r, writes } = remote(holds)
      await writeDailyBackup(r, content([]), 'ABCD-EFGH', now, [], FAST_KDF)
      expect(writes, String(holds)).toEqual(expected)
    }
  })
})
