import { describe, expect, it } from 'vitest'
import type { ErrorCode } from '../core/errors.ts'
import { POPUP_INPUTS, type AccountList, type ScanPanel, type StatusInfo } from '../shared/protocol.ts'
import { DEFAULT_SETTINGS } from '../shared/settings.ts'
import { countsAsUse } from './counts-as-use.ts'
import { createOpenPopupHandlers, type OpenPopupDeps } from './open-popup.ts'

const status = (state: StatusInfo['state']): StatusInfo => ({
  state,
  hasPassword: true,
  failures: 0,
  retryAt: null,
  version: 't',
  settings: { ...DEFAULT_SETTINGS },
  clock: null,
})
const SCAN: ScanPanel = { scanId: 's1', state: 'found', items: [], batch: null, message: null, note: null }
const FRAMED = { site: 'example.com', framedBy: 'prize.test', names: ['Acme'] }
const NOT_SYNCING = { connected: false, lastSyncAt: null, lastError: null }

/**
 * Fakes of what the handler reads, each recording its calls; `tabs` answers per tab id (absent: no content script);
 * `front`: the active tab per window id ('last' for the last focused window).
 */
function fakes(
  state: StatusInfo['state'],
  tabs: Record<number, { url: string; fillable: boolean }> = {},
  sync: { connected: boolean; lastSyncAt: number | null; lastError: ErrorCode | null } = NOT_SYNCING,
  front: Partial<Record<number | 'last', number>> = {},
) {
  const calls: string[] = []
  const deps: OpenPopupDeps = {
    status: async () => (calls.push('status'), status(state)),
    siteList: async () => void calls.push('site list'),
    accounts: async (site): Promise<AccountList> => {
      calls.push('codes')
      const url = await site
      calls.push(`accounts ${url}`)
      return { accounts: [], activeSite: url && new URL(url).hostname, onSite: [] }
    },
    pendingScan: async () => (calls.push('scan'), SCAN),
    pendingFramed: async (tabId) => (calls.push(`framed ${tabId}`), tabId === 7 ? FRAMED : null),
    frontTab: async (tabId) => {
      calls.push(`tab ${tabId}`)
      const tab = tabs[tabId]
      if (!tab) throw new Error('Could not establish connection. Receiving end does not exist.')
      return tab
    },
    syncStatus: async () => (calls.push('sync'), sync),
    tabInFront: async (windowId) => (calls.push(`front ${windowId ?? 'last'}`), front[windowId ?? 'last']),
  }
  return { open: createOpenPopupHandlers(deps).openPopup, calls, deps }
}

describe('openPopup', () => {
  it('answers everything the first screen shows, asking the tab in front once', async () => {
    const { open, calls } = fakes('unlocked', { 7: { url: 'https://login.example.com/2fa', fillable: true } })
    expect(await open(POPUP_INPUTS.openPopup({ tabId: 7 }))).toEqual({
      status: status('unlocked'),
      tabId: 7,
      list: { accounts: [], activeSite: 'login.example.com', onSite: [] },
      scan: SCAN,
      fillable: true,
      framed: FRAMED,
      sync: null,
    })
    // The site the accounts are matched on is the URL the tab's content script reported.
    expect(calls.filter((c) => c.startsWith('tab'))).toEqual(['tab 7'])
    expect(calls).toContain('accounts https://login.example.com/2fa')
    expect(calls, 'a tab named is not looked up').not.toContain('front last')
  })

  it("without a tab named, finds the one in front itself (of the page's window when the popup is a tab) and says which", async () => {
    const tabs = { 7: { url: 'https://login.example.com/2fa', fillable: true }, 9: { url: 'https://shop.test/', fillable: false } }
    // The toolbar popup is no tab: the active tab of the last focused window.
    const toolbar = fakes('unlocked', tabs, NOT_SYNCING, { last: 7, 2: 9 })
    expect(await toolbar.open(POPUP_INPUTS.openPopup({}), { url: 'chrome-extension://x/src/popup/index.html' })).toMatchObject({
      tabId: 7,
      list: { activeSite: 'login.example.com' },
      fillable: true,
      framed: FRAMED,
    })
    expect(toolbar.calls.filter((c) => /^(front|tab|framed) /.test(c)).sort()).toEqual(['framed 7', 'front last', 'tab 7'])
    // The popup opened as a tab of window 2: the active tab there.
    const inTab = fakes('unlocked', tabs, NOT_SYNCING, { last: 7, 2: 9 })
    expect(await inTab.open({}, { url: 'chrome-extension://x/src/popup/index.html', windowId: 2 })).toMatchObject({
      tabId: 9,
      list: { activeSite: 'shop.test' },
      fillable: false,
    })
    expect(inTab.calls).toContain('front 2')
    // The popup opened as a tab and in front of its window is the tab in front itself: no look-up, no content script to ask.
    const itself = fakes('unlocked', { ...tabs, 4: { url: 'https://never.test/', fillable: true } }, NOT_SYNCING, { last: 7, 2: 4 })
    const own = { url: 'chrome-extension://x/src/popup/index.html', windowId: 2, ownTabInFront: 4 }
    expect(await itself.open({}, own)).toMatchObject({ tabId: 4, list: { activeSite: null }, fillable: false, framed: null })
    expect(itself.calls.filter((c) => /^(front|tab|framed) /.test(c))).toEqual([])
  })

  it('no tab in front, or one that cannot be looked up: no tab, no fill, no site', async () => {
    const none = fakes('unlocked', { 7: { url: 'https://example.com/', fillable: true } })
    expect(await none.open({})).toMatchObject({ tabId: null, list: { activeSite: null }, fillable: false, framed: null, scan: SCAN })
    const { deps } = fakes('unlocked', { 7: { url: 'https://example.com/', fillable: true } }, NOT_SYNCING, { last: 7 })
    const failing = createOpenPopupHandlers({ ...deps, tabInFront: () => Promise.reject(new Error('No current window')) }).openPopup
    expect(await failing({})).toMatchObject({ tabId: null, fillable: false, framed: null, scan: SCAN })
  })

  it('while locked or before first run, answers the status and asks nothing else (not the tab)', async () => {
    for (const state of ['locked', 'uninitialized', 'corrupt'] as const) {
      const { open, calls } = fakes(state, { 7: { url: 'https://example.com/', fillable: true } })
      expect(await open({ tabId: 7 })).toEqual({
        status: status(state),
        tabId: 7,
        list: null,
        scan: null,
        fillable: false,
        framed: null,
        sync: null,
      })
      expect(calls).toEqual(['status'])
    }
  })

  it('a tab without a site (no content script, no tab) never waits for the site list (issue #15: a cold worker decoded it first)', async () => {
    const { deps, calls } = fakes('unlocked')
    const open = createOpenPopupHandlers({ ...deps, siteList: () => new Promise<void>(() => undefined) }).openPopup
    expect(await open({ tabId: 3 })).toMatchObject({ list: { accounts: [], activeSite: null }, fillable: false })
    expect(await open({})).toMatchObject({ tabId: null, list: { activeSite: null } })
    expect(calls.filter((c) => c.startsWith('accounts'))).toEqual(['accounts null', 'accounts null'])
  })

  it('a tab without a content script, or no tab, offers no fill and no site', async () => {
    const { open, calls } = fakes('unlocked')
    expect(await open({ tabId: 3 })).toMatchObject({ list: { activeSite: null }, fillable: false, framed: null })
    expect(calls).toContain('accounts null')
    calls.length = 0
    expect(await open(POPUP_INPUTS.openPopup({}))).toMatchObject({ tabId: null, fillable: false, framed: null, scan: SCAN })
    expect(calls.filter((c) => c.startsWith('tab') || c.startsWith('framed'))).toEqual([])
  })

  it("loads the site list while the tab answers, and picks the site's accounts only once it is there (or failed: its lookups refuse)", async () => {
    const { deps, calls } = fakes('unlocked', { 7: { url: 'https://example.com/', fillable: true } })
    let loaded!: () => void
    const list = new Promise<void>((resolve) => (loaded = resolve))
    const open = createOpenPopupHandlers({ ...deps, siteList: () => list }).openPopup
    const answer = open({ tabId: 7 })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(calls).toContain('status')
    expect(calls.filter((c) => c.startsWith('accounts'))).toEqual([])
    loaded()
    expect(await answer).toMatchObject({ list: { activeSite: 'example.com' }, fillable: true })
    const failing = createOpenPopupHandlers({ ...deps, siteList: () => list.then(() => Promise.reject(new Error('damaged'))) }).openPopup
    expect(await failing({ tabId: 7 })).toMatchObject({ list: { activeSite: 'example.com' } })
  })

  it('computes the codes while the browser is still naming the tab in front', async () => {
    const { deps, calls } = fakes('unlocked', { 7: { url: 'https://example.com/', fillable: true } })
    let named!: (id: number) => void
    const front = new Promise<number>((resolve) => (named = resolve))
    const open = createOpenPopupHandlers({ ...deps, tabInFront: () => front }).openPopup
    const opening = open({})
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(calls).toContain('codes')
    expect(calls.filter((c) => c.startsWith('tab'))).toEqual([])
    named(7)
    expect(await opening).toMatchObject({ tabId: 7, list: { activeSite: 'example.com' }, fillable: true, framed: FRAMED })
  })

  it("computes the codes while the tab in front answers: its URL only picks the site's accounts", async () => {
    const { deps, calls } = fakes('unlocked')
    let answer!: (tab: { url: string; fillable: boolean }) => void
    const tab = new Promise<{ url: string; fillable: boolean }>((resolve) => (answer = resolve))
    const open = createOpenPopupHandlers({ ...deps, frontTab: (id) => (calls.push(`tab ${id}`), tab) }).openPopup
    const opening = open({ tabId: 7 })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(calls).toEqual(expect.arrayContaining(['tab 7', 'codes']))
    expect(calls.filter((c) => c.startsWith('accounts'))).toEqual([])
    answer({ url: 'https://login.example.com/', fillable: true })
    expect(await opening).toMatchObject({ list: { activeSite: 'login.example.com' }, fillable: true })
  })

  it('a framed fill that cannot be read any more is left out; the rest still answers', async () => {
    const { deps } = fakes('unlocked', { 7: { url: 'https://example.com/', fillable: true } })
    const failing = createOpenPopupHandlers({
      ...deps,
      pendingFramed: async () => {
        throw new Error('gone')
      },
    }).openPopup
    expect(await failing({ tabId: 7 })).toMatchObject({ fillable: true, framed: null })
  })

  it('answers the sync line while sync is connected: when it last synced, or why it failed', async () => {
    const synced = fakes('unlocked', {}, { connected: true, lastSyncAt: 1_700_000_000_000, lastError: null })
    expect((await synced.open({})).sync).toEqual({ lastSyncAt: 1_700_000_000_000, lastError: null })
    const failed = fakes('unlocked', {}, { connected: true, lastSyncAt: null, lastError: 'SYNC_UNREACHABLE' })
    expect((await failed.open({})).sync).toEqual({ lastSyncAt: null, lastError: 'SYNC_UNREACHABLE' })
    // Not connected: no line (the status's own lastError, from a refused join, is the Sync page's business).
    const off = fakes('unlocked', {}, { connected: false, lastSyncAt: null, lastError: 'WRONG_SYNC_PASSPHRASE' })
    expect((await off.open({})).sync).toBeNull()
    expect(off.calls).toContain('sync')
  })

  it('a sync status that cannot be read leaves the line out, and the popup opens all the same', async () => {
    const { deps } = fakes('unlocked')
    const failing = createOpenPopupHandlers({
      ...deps,
      syncStatus: async () => {
        throw new Error('remote for an unknown place')
      },
    }).openPopup
    expect(await failing({})).toMatchObject({ sync: null, scan: SCAN })
  })

  it('checks its input: only an optional tab id', () => {
    expect(POPUP_INPUTS.openPopup({})).toEqual({})
    for (const bad of [{ tabId: -1 }, { tabId: 'x' }, { tabId: 1, url: 'https://bank.example/' }, 'x']) {
      expect(() => POPUP_INPUTS.openPopup(bad)).toThrowError(expect.objectContaining({ code: 'INVALID_MESSAGE' }))
    }
  })

  it('counts as use (auto-lock): only a person opening the popup sends it', () => {
    expect(countsAsUse('openPopup')).toBe(true)
    expect(countsAsUse('refreshCodes')).toBe(false)
  })
})
