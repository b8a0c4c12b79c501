import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../core/errors.ts'
import type { SyncConnectView, SyncStatusView } from '../shared/protocol.ts'
import { fakeClient } from '../../test/fake-popup-client.ts'
import { createSyncModel, cycleWords, progressWords, refusedWords, type SyncForm } from './sync-model.ts'

/** Words as keys with their values, so a test reads which sentence was chosen. */
const t = (key: string, subs?: string | string[]) => (subs === undefined ? key : `${key}(${[subs].flat().join(',')})`)
const describeError = (e: unknown) => `shown:${(e as KeyfobError).code}`

const idle: SyncStatusView = { connected: false, place: null, lastSyncAt: null, lastError: null, last: null, progress: null }
const connected: SyncStatusView = {
  connected: true,
  place: 'WebDAV at dav.example',
  lastSyncAt: 1_700_000_000_000,
  lastError: null,
  last: { toLocal: 3, toRemote: 0, adopted: 0, refused: 0, backupError: null },
  progress: null,
}
const created: SyncConnectView = {
  created: true,
  recoveryKey: 'ABCD-EFGH',
  accounts: 4,
  firstSyncError: null,
  first: { toLocal: 0, toRemote: 4, adopted: 0, refused: 0, backupError: null },
}
const WEBDAV: SyncForm = {
  place: 'webdav',
  url: ' https://dav.example/keyfob/ ',
  user: 'ana',
  password: 'app password',
  mode: 'create',
  secret: 'correct horse battery staple',
}

/** A poll the test turns by hand: `tick()` is one interval. */
function manualPoll() {
  const ticks: (() => void)[] = []
  let stopped = 0
  return {
    every: (tick: () => void) => (ticks.push(tick), () => void stopped++),
    tick: () => ticks.at(-1)?.(),
    stopped: () => stopped,
  }
}

describe('sync model', () => {
  it('asks for the folder origin first, then connects with the place and the new passphrase, and keeps the recovery key once', async () => {
    const asked: string[] = []
    const { client, calls } = fakeClient({ syncConnect: () => created, syncStatus: () => connected })
    const m = createSyncModel(client, { requestOrigin: async (url) => (asked.push(url), true), describe: describeError, translate: t })
    await m.connect(WEBDAV)
    expect(asked).toEqual(['https://dav.example/keyfob/'])
    expect(calls[0]).toEqual({
      type: 'syncConnect',
      input: {
        place: { kind: 'webdav', url: 'https://dav.example/keyfob/', user: 'ana', password: 'app password' },
        secret: { create: 'correct horse battery staple' },
      },
    })
    expect([m.recoveryKey.value, m.notice.value, m.status.value, m.error.value, m.busy.value]).toEqual([
      'ABCD-EFGH',
      'syncCreated(4)',
      connected,
      null,
      false,
    ])
    m.recoveryStored()
    expect(m.recoveryKey.value).toBeNull()
  })

  it('joins with the passphrase or the recovery key; the browser place asks for no origin', async () => {
    const { client, calls } = fakeClient({
      syncConnect: () => ({ ...created, created: false, recoveryKey: null, accounts: 7 }),
      syncStatus: () => connected,
    })
    const m = createSyncModel(client, {
      requestOrigin: async () => {
        throw new Error('not for the browser place')
      },
      describe: describeError,
      translate: t,
    })
    await m.connect({ ...WEBDAV, place: 'browser', mode: 'passphrase', secret: 'pass' })
    expect(m.notice.value).toBe('syncJoined(7)')
    expect(m.recoveryKey.value).toBeNull()
    await m.connect({ ...WEBDAV, place: 'browser', mode: 'recoveryKey', secret: 'abcd efgh' })
    expect(calls.filter((c) => c.type === 'syncConnect').map((c) => c.input)).toEqual([
      { place: { kind: 'browser' }, secret: { passphrase: 'pass' } },
      { place: { kind: 'browser' }, secret: { recoveryKey: 'abcd efgh' } },
    ])
  })

  it('says so when the browser refuses the origin, or the address is not one sync can use, and sends nothing', async () => {
    const { client, calls } = fakeClient({})
    let answer: (granted: boolean) => void = () => undefined
    const m = createSyncModel(client, {
      requestOrigin: () => new Promise<boolean>((r) => (answer = r)),
      describe: describeError,
      translate: t,
    })
    const connecting = m.connect(WEBDAV)
    // The browser's prompt is open: the page says it waits for it.
    expect(m.asking.value).toBe(true)
    answer(false)
    await connecting
    expect([m.asking.value, m.error.value]).toEqual([false, 'syncPermissionRefused'])
    await m.connect({ ...WEBDAV, url: 'http://dav.example/keyfob/' })
    expect(m.error.value).toBe('syncAddressInvalid')
    expect(calls).toEqual([])
  })

  it('polls the status for progress while the connect is pending, and stops when it ends', async () => {
    const poll = manualPoll()
    let finish: (v: SyncConnectView) => void = () => undefined
    let step: SyncStatusView['progress'] = { step: 'key', done: 0, total: 0 }
    const { client } = fakeClient({
      syncConnect: () => new Promise<SyncConnectView>((r) => (finish = r)) as unknown as SyncConnectView,
      syncStatus: () => ({ ...idle, progress: step }),
    })
    const m = createSyncModel(client, { requestOrigin: async () => true, describe: describeError, translate: t, every: poll.every })
    const connecting = m.connect(WEBDAV)
    await expect.poll(() => m.busy.value).toBe(true)
    expect(progressWords(m.progress.value, t)).toBe('syncConnecting')
    poll.tick()
    await expect.poll(() => m.progress.value).toEqual({ step: 'key', done: 0, total: 0 })
    step = { step: 'records', done: 12, total: 40 }
    poll.tick()
    await expect.poll(() => progressWords(m.progress.value, t)).toBe('syncSyncingCount(12,40)')
    finish(created)
    await connecting
    expect([m.busy.value, m.progress.value, poll.stopped()]).toEqual([false, null, 1])
  })

  it('shows a failed connect as its sentence, and a locked vault as "unlock to sync"', async () => {
    let code: 'WRONG_SYNC_PASSPHRASE' | 'VAULT_LOCKED' = 'WRONG_SYNC_PASSPHRASE'
    const { client } = fakeClient({
      syncConnect: () => {
        throw new KeyfobError(code, 'no')
      },
      syncStatus: () => {
        throw new KeyfobError('VAULT_LOCKED', 'locked')
      },
    })
    const poll = manualPoll()
    const m = createSyncModel(client, { requestOrigin: async () => true, describe: describeError, translate: t, every: poll.every })
    await m.connect({ ...WEBDAV, mode: 'passphrase' })
    expect([m.error.value, m.locked.value, m.recoveryKey.value, poll.stopped()]).toEqual(['shown:WRONG_SYNC_PASSPHRASE', false, null, 1])
    await m.load()
    expect([m.locked.value, m.error.value]).toEqual([true, null])
    code = 'VAULT_LOCKED'
    await m.connect(WEBDAV)
    expect(m.locked.value).toBe(true)
  })

  it('syncs now and disconnects through the background, showing the status they answer', async () => {
    const failed = { ...connected, lastError: 'SYNC_UNREACHABLE' as const }
    const { client, types } = fakeClient({ syncNow: () => failed, syncDisconnect: () => idle, syncStatus: () => connected })
    const m = createSyncModel(client, { requestOrigin: async () => true, describe: describeError, translate: t })
    await m.load()
    expect(m.status.value).toEqual(connected)
    await m.syncNow()
    expect(m.status.value?.lastError).toBe('SYNC_UNREACHABLE')
    await m.disconnect()
    expect(m.status.value?.connected).toBe(false)
    expect(types()).toEqual(['syncStatus', 'syncNow', 'syncDisconnect'])
  })
})

describe('sync words', () => {
  it('says each step of a connect', () => {
    expect(progressWords({ step: 'check', done: 0, total: 0 }, t)).toBe('syncChecking')
    expect(progressWords({ step: 'key', done: 0, total: 0 }, t)).toBe('syncDeriving')
    expect(progressWords({ step: 'records', done: 0, total: 0 }, t)).toBe('syncSyncing')
  })

  it('says what the last cycle did, one and many apart, and the records refused', () => {
    const cycle = { toLocal: 0, toRemote: 0, adopted: 0, refused: 0, backupError: null }
    expect(cycleWords(cycle, t)).toBe('syncCycleNothing')
    expect(cycleWords({ ...cycle, toLocal: 3, toRemote: 1 }, t)).toBe('syncCycleIn(3), syncCycleOut(1).')
    expect(cycleWords({ ...cycle, toLocal: 1, adopted: 1 }, t)).toBe('syncCycleInOne, syncCycleAdoptedOne.')
    expect(cycleWords({ ...cycle, adopted: 5 }, t)).toBe('syncCycleAdopted(5).')
    expect(refusedWords(cycle, t)).toBeNull()
    expect(refusedWords({ ...cycle, refused: 1 }, t)).toBe('syncRefusedOne')
    expect(refusedWords({ ...cycle, refused: 2 }, t)).toBe('syncRefused(2)')
  })
})
