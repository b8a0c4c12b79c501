/**
 * Sync wired into the background: two devices (two createBackground over storage areas of their
 * own) sync through a real WebDAV server on loopback (test/support/webdav-servers.ts), through
 * the popup requests and the triggers (a change of the vault, the periodic alarm, opening the
 * vault). Time is driven by hand: the debounce's timers are fired by the test, alarms are passed
 * to onAlarm, and the clock moves only when the test moves it.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POPUP_INPUTS } from '../../shared/protocol.ts'
import { memoryArea } from '../../../test/support/memory-area.ts'
import { FAST_KDF } from '../../../test/support/vault-fixtures.ts'
import { apache, rclone, type WebdavServer } from '../../../test/support/webdav-servers.ts'
import { createBackground } from '../background.ts'
import { DEBOUNCE_MS, SYNC_ALARM, SYNC_PERIOD_MINUTES } from './index.ts'

const SLOW = 120_000
const PASSPHRASE = 'correct horse battery staple sync'
/** A distinct key per name (letters are base32 digits). */
const uri = (name: string) =>
  `otpauth://totp/Acme:${name}@example.com?secret=JBSWY3DPEHPK3PXP${name.toUpperCase().padEnd(8, 'A')}&issuer=Acme`
const kind = [apache, rclone].find((k) => k.missing === null)

let clock = 1_700_000_000_000
let folders = 0

interface Timer {
  run: () => void
  ms: number
  cancelled: boolean
}

function device(canReachSync?: (url: string) => Promise<boolean>) {
  const timers: Timer[] = []
  const alarms = new Map<string, { when?: number; periodInMinutes?: number }>()
  let deviceKey: CryptoKey | null = null
  const bg = createBackground({
    local: memoryArea(),
    session: memoryArea(),
    version: 't',
    now: () => clock,
    fetch,
    syncKdf: FAST_KDF,
    ...(canReachSync ? { canReachSync } : {}),
    deviceKeys: { load: async () => deviceKey, save: async (k) => void (deviceKey = k), clear: async () => void (deviceKey = null) },
    alarms: {
      create: async (name, info) => void alarms.set(name, info),
      clear: async (name) => alarms.delete(name),
    },
    later: (run, ms) => {
      const timer = { run, ms, cancelled: false }
      timers.push(timer)
      return () => void (timer.cancelled = true)
    },
  })
  return {
    bg,
    timers,
    alarms,
    /** Timers waiting to fire. */
    waiting: () => timers.filter((t) => !t.cancelled),
    /** Fires every waiting timer (the debounce ran out), and waits for the cycles they start. */
    async elapse(): Promise<void> {
      for (const t of timers.splice(0)) if (!t.cancelled) t.run()
      await bg.syncSettled()
    },
    names: async () => (await bg.popupHandlers.listAccounts({})).accounts.map((a) => a.account).sort(),
  }
}

describe.skipIf(kind === undefined)(`sync in the background, over ${kind?.name ?? 'no WebDAV server'}`, () => {
  let server: WebdavServer
  beforeAll(async () => {
    server = await (kind ?? apache).start()
  }, SLOW)
  afterAll(() => server?.stop(), SLOW)

  function freshFolder() {
    const name = `wired-${++folders}`
    mkdirSync(join(server.root, name))
    return { kind: 'webdav' as const, url: `${server.origin}/${name}/`, user: server.user, password: server.password }
  }

  async function twoDevices() {
    const a = device()
    const b = device()
    await a.bg.vault.setup(null)
    await b.bg.vault.setup(null)
    return { a, b, place: freshFolder() }
  }

  it(
    'A creates the space, B joins with the passphrase; an account added on A reaches B through the triggers',
    async () => {
      const { a, b, place } = await twoDevices()
      await a.bg.popupHandlers.addAccounts({ text: uri('alice') })
      // Not connected: a change schedules nothing.
      expect(a.waiting()).toEqual([])
      expect(await a.bg.popupHandlers.syncStatus()).toMatchObject({ connected: false, lastSyncAt: null })

      const created = await a.bg.popupHandlers.syncConnect({ place, secret: { create: PASSPHRASE } })
      expect(created).toMatchObject({ created: true, accounts: 1, firstSyncError: null, first: { toRemote: 1 } })
      expect(created.recoveryKey?.length).toBeGreaterThan(40)
      expect(a.alarms.get(SYNC_ALARM)).toEqual({ periodInMinutes: SYNC_PERIOD_MINUTES })
      // Connecting wrote the vault twice or more (the engine's own writes): nothing scheduled.
      expect(a.waiting()).toEqual([])

      const joined = await b.bg.popupHandlers.syncConnect({ place, secret: { passphrase: PASSPHRASE } })
      expect(joined).toMatchObject({ created: false, recoveryKey: null, accounts: 1, firstSyncError: null })
      expect(await b.names()).toEqual(['alice@example.com'])

      // A change on A: one debounced cycle, DEBOUNCE_MS later.
      clock += 60_000
      await a.bg.popupHandlers.addAccounts({ text: uri('bob') })
      expect(a.waiting().map((t) => t.ms)).toEqual([DEBOUNCE_MS])
      await a.bg.popupHandlers.updateAccount({ id: (await a.bg.popupHandlers.listAccounts({})).accounts[0]?.id ?? '', tags: ['work'] })
      expect(a.waiting()).toHaveLength(1) // coalesced: the second change replaced the first's timer
      await a.elapse()
      expect(await a.bg.popupHandlers.syncStatus()).toMatchObject({
        connected: true,
        lastSyncAt: clock,
        lastError: null,
        last: { toRemote: 2 },
      })
      // The loop guard: the cycle's own vault writes scheduled no other cycle.
      expect(a.waiting()).toEqual([])
      expect(a.bg.syncPending()).toBe(false)

      // B's periodic alarm brings it in.
      clock += 60_000
      await b.bg.onAlarm(SYNC_ALARM)
      expect(await b.names()).toEqual(['alice@example.com', 'bob@example.com'])
      expect(await b.bg.popupHandlers.syncStatus()).toMatchObject({ lastSyncAt: clock, lastError: null, last: { toLocal: 2 } })
      expect((await b.bg.popupHandlers.listAccounts({})).accounts.find((x) => x.account === 'alice@example.com')?.tags).toEqual(['work'])
      // Applying A's account on B was the engine's write: B schedules nothing either.
      expect(b.waiting()).toEqual([])
      await b.bg.syncSettled()
      expect(b.waiting()).toEqual([])
    },
    SLOW,
  )

  it(
    'opening the vault (an unlock, a worker start) syncs, unless a cycle completed moments ago',
    async () => {
      const { a, b, place } = await twoDevices()
      await a.bg.popupHandlers.syncConnect({ place, secret: { create: PASSPHRASE } })
      await b.bg.popupHandlers.syncConnect({ place, secret: { passphrase: PASSPHRASE } })
      await a.bg.popupHandlers.addAccounts({ text: uri('carol') })
      await a.elapse()

      // B's worker stops and starts again within the minute after its last cycle (connecting): no cycle.
      await b.bg.vault.lock()
      await b.bg.onStart()
      await b.bg.syncSettled()
      expect(await b.names()).toEqual([])

      // Later: the vault resumes (its device key opens it) and syncs.
      await b.bg.vault.lock()
      clock += 120_000
      await b.bg.onStart()
      await b.bg.syncSettled()
      expect(await b.names()).toEqual(['carol@example.com'])
      expect(b.waiting()).toEqual([])
    },
    SLOW,
  )

  it(
    'a wrong passphrase is WRONG_SYNC_PASSPHRASE, and leaves the device unconnected',
    async () => {
      const { a, b, place } = await twoDevices()
      await a.bg.popupHandlers.syncConnect({ place, secret: { create: PASSPHRASE } })
      await expect(b.bg.popupHandlers.syncConnect({ place, secret: { passphrase: 'not the passphrase at all' } })).rejects.toMatchObject({
        code: 'WRONG_SYNC_PASSPHRASE',
      })
      expect(await b.bg.popupHandlers.syncStatus()).toMatchObject({ connected: false })
      expect(b.alarms.has(SYNC_ALARM)).toBe(false)
    },
    SLOW,
  )

  it(
    'without the browser’s permission for the folder, connecting is SYNC_PERMISSION_DENIED and reaches nothing',
    async () => {
      const asked: string[] = []
      const c = device(async (url) => (asked.push(url), false))
      await c.bg.vault.setup(null)
      const place = freshFolder()
      await expect(c.bg.popupHandlers.syncConnect({ place, secret: { create: PASSPHRASE } })).rejects.toMatchObject({
        code: 'SYNC_PERMISSION_DENIED',
      })
      expect(asked).toEqual([place.url])
      expect(readdirSync(join(server.root, new URL(place.url).pathname))).toEqual([])
      expect(await c.bg.popupHandlers.syncStatus()).toMatchObject({ connected: false })
    },
    SLOW,
  )

  it(
    'disconnecting clears the alarm; the alarm then syncs nothing and clears itself',
    async () => {
      const { a, place } = await twoDevices()
      await a.bg.popupHandlers.syncConnect({ place, secret: { create: PASSPHRASE } })
      expect(await a.bg.popupHandlers.syncDisconnect()).toMatchObject({ connected: false, lastError: null })
      expect(a.alarms.has(SYNC_ALARM)).toBe(false)
      await a.bg.popupHandlers.addAccounts({ text: uri('dave') })
      expect(a.waiting()).toEqual([])
      a.alarms.set(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES })
      await a.bg.onAlarm(SYNC_ALARM)
      expect(a.alarms.has(SYNC_ALARM)).toBe(false)
    },
    SLOW,
  )

  it(
    'syncNow answers the status, a failure as its lastError (never thrown)',
    async () => {
      const { a, place } = await twoDevices()
      await a.bg.popupHandlers.syncConnect({ place, secret: { create: PASSPHRASE } })
      clock += 1000
      expect(await a.bg.popupHandlers.syncNow()).toMatchObject({ connected: true, lastSyncAt: clock, lastError: null })
      rmSync(join(server.root, new URL(place.url).pathname), { recursive: true })
      clock += 1000
      expect(await a.bg.popupHandlers.syncNow()).toMatchObject({
        connected: true,
        lastSyncAt: clock - 1000,
        lastError: 'SYNC_FOLDER_NOT_FOUND',
      })
      // A trigger's failure lands there too.
      await a.bg.popupHandlers.addAccounts({ text: uri('erin') })
      await a.elapse()
      expect(await a.bg.popupHandlers.syncStatus()).toMatchObject({ lastError: 'SYNC_FOLDER_NOT_FOUND' })
    },
    SLOW,
  )
})

describe('syncConnect input', () => {
  const place = { kind: 'webdav', url: 'https://dav.example.com/keyfob/', user: 'alice', password: 'app password' }
  const check = (input: unknown) => POPUP_INPUTS.syncConnect(input)

  it('takes a WebDAV place and exactly one secret', () => {
    expect(check({ place, secret: { create: PASSPHRASE } })).toEqual({ place, secret: { create: PASSPHRASE } })
    expect(check({ place, secret: { recoveryKey: 'ABCD-EFGH' } })).toEqual({ place, secret: { recoveryKey: 'ABCD-EFGH' } })
  })

  it('takes the browser place, which needs nothing more', () => {
    expect(check({ place: { kind: 'browser' }, secret: { create: PASSPHRASE } })).toEqual({
      place: { kind: 'browser' },
      secret: { create: PASSPHRASE },
    })
  })

  it.each([
    ['no secret', { place, secret: {} }],
    ['two secrets', { place, secret: { create: PASSPHRASE, passphrase: PASSPHRASE } }],
    ['an unknown secret', { place, secret: { password: PASSPHRASE } }],
    ['an empty passphrase', { place, secret: { passphrase: '' } }],
    ['a passphrase that is no string', { place, secret: { passphrase: 42 } }],
    ['an overlong passphrase', { place, secret: { passphrase: 'x'.repeat(1025) } }],
    ['an overlong recovery key', { place, secret: { recoveryKey: 'A'.repeat(201) } }],
    [
      'a browser place with WebDAV fields',
      { place: { kind: 'browser', url: 'https://dav.example.com/' }, secret: { passphrase: PASSPHRASE } },
    ],
    ['an unknown kind of place', { place: { kind: 'dropbox' }, secret: { passphrase: PASSPHRASE } }],
    ['an address that is no http(s)', { place: { ...place, url: 'ftp://dav.example.com/' }, secret: { passphrase: PASSPHRASE } }],
    [
      'an overlong address',
      { place: { ...place, url: `https://dav.example.com/${'x'.repeat(2048)}` }, secret: { passphrase: PASSPHRASE } },
    ],
    ['an extra field', { place: { ...place, token: 'x' }, secret: { passphrase: PASSPHRASE } }],
  ])('refuses %s', (_, input) => {
    expect(() => check(input)).toThrow(expect.objectContaining({ code: 'INVALID_MESSAGE' }) as Error)
  })
})
