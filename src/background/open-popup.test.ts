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

/** Fakes of what the handler reads, each recording its calls; `tabs` answers per tab id (absent: no content script). */
function fakes(
  state: StatusInfo['state'],
  tabs: Record<number, { url: string; fillable: boolean }> = {},
  sync: { connected: boolean; lastSyncAt: number | null; lastError: ErrorCode | null } = NOT_SYNCING,
) {
  const calls: string[] = []
  const deps: OpenPopupDeps = {
    status: async () => (calls.push('status'), status(state)),
    accounts: async (url): Promise<AccountList> => (
      calls.push(`accounts ${url}`),
      { accounts: [], activeSite: url && new URL(url).hostname, onSite: [] }
    ),
    pendingScan: async () => (calls.push('scan'), SCAN),
    pendingFramed: async (tabId) => (calls.push(`framed ${tabId}`), tabId === 7 ? FRAMED : null),
    frontTab: async (tabId) => {
      calls.push(`tab ${tabId}`)
      const tab = tabs[tabId]
      if (!tab) throw new Error('Could not establish connection. Receiving end does not exist.')
      return tab
    },
    syncStatus: async () => (calls.push('sync'), sync),
  }
  return { open: createOpenPopupHandlers(deps).openPopup, calls, deps }
}

describe('openPopup', () => {
  it('answers everything the first screen shows, asking the tab in front once', async () => {
    const { open, calls } = fakes('unlocked', { 7: { url: 'https://login.example.com/2fa', fillable: true } })
    expect(await open(POPUP_INPUTS.openPopup({ tabId: 7 }))).toEqual({
      status: status('unlocked'),
      list: { accounts: [], activeSite: 'login.example.com', onSite: [] },
      scan: SCAN,
      fillable: true,
      framed: FRAMED,
      sync: null,
    })
    // The site the accounts are matched on is the URL the tab's content script reported.
    expect(calls.filter((c) => c.startsWith('tab'))).toEqual(['tab 7'])
    expect(calls).toContain('accounts https://login.example.com/2fa')
  })

  it('while locked or before first run, answers the status and asks nothing else (not the tab)', async () => {
    for (const state of ['locked', 'uninitialized', 'corrupt'] as const) {
      const { open, calls } = fakes(state, { 7: { url: 'https://example.com/', fillable: true } })
      expect(await open({ tabId: 7 })).toEqual({ status: status(state), list: null, scan: null, fillable: false, framed: null, sync: null })
      expect(calls).toEqual(['status'])
    }
  })

  it('a tab without a content script, or no tab, offers no fill and no site', async () => {
    const { open, calls } = fakes('unlocked')
    expect(await open({ tabId: 3 })).toMatchObject({ list: { activeSite: null }, fillable: false, framed: null })
    expect(calls).toContain('accounts null')
    calls.length = 0
    expect(await open(POPUP_INPUTS.openPopup({}))).toMatchObject({ fillable: false, framed: null, scan: SCAN })
    expect(calls.filter((c) => c.startsWith('tab') || c.startsWith('framed'))).toEqual([])
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
