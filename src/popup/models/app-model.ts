/**
 * The popup's state: signals plus named actions over an injected background
 * client, so it is unit-testable without a browser. Views read the signals and
 * call the actions; they never touch messaging.
 */
import { computed, signal } from '@preact/signals'
import type { ManualAccountInput } from '../../core/accounts/validate-manual-account.ts'
import type { Client } from '../../shared/messaging.ts'
import type { AccountView, PopupToBackground, ScanPanel, StatusInfo } from '../../shared/protocol.ts'
import type { Settings } from '../../shared/settings.ts'
import { arrangeAccounts } from './arrange-accounts.ts'

export type ErrorText = (e: unknown) => string

export type Screen = 'loading' | 'setup' | 'unlock' | 'accounts' | 'add' | 'edit' | 'qr' | 'settings' | 'corrupt'

/** A panel over the account list. */
export type Panel = { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'qr'; id: string } | { kind: 'settings' }

export interface AppModelOptions {
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
  /** How an error is shown; the popup passes its _locales lookup. */
  errorText?: ErrorText
  /** The tab the popup is about (to offer its site's accounts first). */
  activeTabId?: () => Promise<number | undefined>
}

export function createAppModel(client: Client<PopupToBackground>, opts: AppModelOptions = {}) {
  const now = opts.now ?? Date.now
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))
  const describe = opts.errorText ?? ((e: unknown) => (e instanceof Error ? e.message : String(e)))

  const status = signal<StatusInfo | null>(null)
  const accounts = signal<AccountView[]>([])
  /** Accounts bound to the active tab's site, and that site. */
  const onSite = signal<ReadonlySet<string>>(new Set())
  const activeSite = signal<string | null>(null)
  const error = signal<string | null>(null)
  const busy = signal(false)
  const panel = signal<Panel | null>(null)
  /** The field a form error belongs to, when the background named one. */
  const errorField = signal<string | null>(null)
  const query = signal('')
  /** The last deletion, while it can still be undone. */
  const lastDeleted = signal<{ id: string; name: string } | null>(null)
  const qrSvg = signal<string | null>(null)
  /** The tab the popup is over has a one-time-code field: clicking an account fills it. */
  const fillTarget = signal<{ tabId: number; site: string | null } | null>(null)
  /** An account not bound to the tab's site, waiting for the person's explicit go-ahead. */
  const fillWarning = signal<{ id: string; name: string; site: string } | null>(null)
  const filledNotice = signal(false)
  /** A bound site's form framed by another site: the page asked for a fill, the person decides here. */
  const framedFill = signal<{ tabId: number; site: string; framedBy: string; names: string[] } | null>(null)
  /** A scan result to confirm here: one that waited for the unlock, or one started from the popup. */
  const scan = signal<ScanPanel | null>(null)
  /** Set after an add: how many were added and which were already there. */
  const notice = signal<{ added: number; duplicates: string[] } | null>(null)

  const screen = computed<Screen>(() => {
    const s = status.value
    if (!s) return 'loading'
    if (s.state === 'uninitialized') return 'setup'
    if (s.state === 'corrupt') return 'corrupt'
    if (s.state === 'locked') return 'unlock'
    return panel.value?.kind ?? 'accounts'
  })

  const visible = computed(() => arrangeAccounts(accounts.value, query.value, status.value?.settings.sortOrder ?? 'manual', onSite.value))

  let refreshTimer: unknown = null

  /** Codes are fetched again only when the first shown one expires, not every second. */
  function scheduleRefresh(list: AccountView[]): void {
    if (refreshTimer !== null) clearTimer(refreshTimer)
    refreshTimer = null
    const ends = list.flatMap((a) => (a.timed ? [a.timed.validUntil] : []))
    if (ends.length === 0) return
    // 'refreshCodes', not 'listAccounts': refreshing on its own is not the person using Keyfob (auto-lock).
    refreshTimer = setTimer(() => void loadAccounts('refreshCodes'), Math.max(0, Math.min(...ends) - now()) + 50)
  }

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    error.value = null
    errorField.value = null
    try {
      return await action()
    } catch (e) {
      error.value = describe(e)
      errorField.value = (e as { field?: string }).field ?? null
      return undefined
    } finally {
      busy.value = false
    }
  }

  /** The account list: 'listAccounts' after the person opened the popup or did something, 'refreshCodes' on the popup's own timer. */
  async function loadAccounts(request: 'listAccounts' | 'refreshCodes' = 'listAccounts'): Promise<void> {
    try {
      const tabId = await opts.activeTabId?.().catch(() => undefined)
      const r = await client(request, tabId === undefined ? {} : { tabId })
      const list = r.accounts
      accounts.value = list
      onSite.value = new Set(r.onSite)
      activeSite.value = r.activeSite
      scheduleRefresh(list)
    } catch (e) {
      // Locked in the meantime (auto-lock, another window): show the lock screen.
      status.value = await client('getStatus', {})
      accounts.value = []
      if (status.value.state === 'unlocked') error.value = describe(e)
    }
  }

  async function afterStatus(s: StatusInfo | undefined): Promise<void> {
    if (!s) return
    status.value = s
    if (s.state === 'unlocked') {
      await loadAccounts()
      scan.value = (await client('pendingScan', {})).panel
      const tabId = await opts.activeTabId?.().catch(() => undefined)
      if (tabId !== undefined) {
        const r = await client('tabFillable', { tabId }).catch(() => ({ fillable: false, site: null }))
        fillTarget.value = r.fillable ? { tabId, site: r.site } : null
        const { framed } = await client('pendingFramedFill', { tabId }).catch(() => ({ framed: null }))
        framedFill.value = framed ? { tabId, ...framed } : null
      }
    } else accounts.value = []
  }

  const close = () => { panel.value = null; error.value = null; errorField.value = null; qrSvg.value = null }
  const afterAdd = async (r: Awaited<ReturnType<typeof client<'addAccounts'>>>) => {
    notice.value = { added: r.added.length, duplicates: r.duplicates.map((d) => d.issuer || d.account) }
    close()
    await loadAccounts()
    return r
  }
  /** Position in the manual order, which is what moveAccount's index means. */
  const manualIndex = (id: string) => [...accounts.value].sort((a, b) => a.order - b.order).findIndex((a) => a.id === id)
  const move = (id: string, toIndex: number) => run(async () => { await client('moveAccount', { id, toIndex }); await loadAccounts() })
  const replace = (updated: AccountView) => { accounts.value = accounts.value.map((a) => (a.id === updated.id ? updated : a)) }

  return {
    status, accounts, visible, onSite, activeSite, scan, fillTarget, fillWarning, filledNotice, framedFill, error, errorField, busy, screen, notice, panel, query, lastDeleted, qrSvg,
    refresh: () => run(async () => afterStatus(await client('getStatus', {}))),
    setup: (password: string | null) => run(async () => afterStatus(await client('setup', { password }))),
    unlock: (password: string, restorePrevious = false) =>
      run(async () => {
        try {
          await afterStatus(await client(restorePrevious ? 'restorePrevious' : 'unlock', { password }))
        } finally {
          // A failure changes the throttle state (count, wait): show it.
          if (status.value?.state !== 'unlocked') status.value = await client('getStatus', {})
        }
      }),
    lock: () => run(async () => { close(); await afterStatus(await client('lock', {})) }),
    addPassword: (password: string) => run(async () => afterStatus(await client('addPassword', { password }))),
    clearError: () => { error.value = null; errorField.value = null },
    open: (p: Panel) => { close(); notice.value = null; panel.value = p },
    close,
    addAccounts: (text: string) => run(async () => afterAdd(await client('addAccounts', { text }))),
    addManual: (form: ManualAccountInput) => run(async () => afterAdd(await client('addManual', form))),
    nextHotpCode: (id: string) => run(async () => replace(await client('nextHotpCode', { id }))),
    update: (id: string, patch: { issuer?: string; account?: string; tags?: string[]; sites?: string[]; pinned?: boolean }) =>
      run(async () => { replace(await client('updateAccount', { id, ...patch })); if (!('pinned' in patch)) close() }),
    /** Moves an account `delta` places in the manual order (keyboard, menu). */
    moveBy: (id: string, delta: number) => {
      const index = manualIndex(id)
      return index < 0 ? Promise.resolve(undefined) : move(id, Math.max(0, index + delta))
    },
    /** Moves an account to where another one is (drag and drop). */
    moveTo: (id: string, targetId: string) => move(id, Math.max(0, manualIndex(targetId))),
    remove: (id: string) =>
      run(async () => {
        const gone = accounts.value.find((a) => a.id === id)
        await client('deleteAccount', { id })
        lastDeleted.value = { id, name: gone ? gone.issuer || gone.account : '' }
        close()
        await loadAccounts()
      }),
    undoDelete: () =>
      run(async () => {
        const d = lastDeleted.value
        if (!d) return
        lastDeleted.value = null
        await client('restoreAccount', { id: d.id })
        await loadAccounts()
      }),
    /** Records the copy (recently used) and lets the background clear the clipboard later. */
    codeCopied: (id: string, code: string) => void client('codeCopied', { id, code }).catch(() => undefined),
    scanActiveTab: () =>
      run(async () => {
        const tabId = await opts.activeTabId?.()
        if (tabId === undefined) return
        scan.value = await client('scanActiveTab', { tabId })
        close()
      }),
    scanImage: (dataUrl: string) => run(async () => { scan.value = await client('scanImage', { dataUrl }); close() }),
    confirmScan: () =>
      run(async () => {
        const s = scan.value
        if (!s) return
        scan.value = await client('confirmPendingScan', { scanId: s.scanId })
        await loadAccounts()
      }),
    dismissScan: () => { scan.value = null },
    /** Fills the account's code into the tab; a mismatch asks first (fillWarning), unless confirmed. */
    fill: (id: string, confirmMismatch = false) =>
      run(async () => {
        const target = fillTarget.value
        if (!target) return
        fillWarning.value = null
        try {
          const r = await client('fillFromPopup', { id, tabId: target.tabId, confirmMismatch })
          filledNotice.value = r.filled
        } catch (e) {
          const a = accounts.value.find((x) => x.id === id)
          if ((e as { code?: string }).code === 'SITE_MISMATCH' && a) {
            fillWarning.value = { id, name: a.issuer || a.account, site: target.site ?? '' }
            return
          }
          throw e
        }
      }),
    cancelFill: () => { fillWarning.value = null },
    /** The person read both sites' names and chose account `index` for the framed form. */
    confirmFramedFill: (index: number) =>
      run(async () => {
        const f = framedFill.value
        if (!f) return
        framedFill.value = null
        filledNotice.value = (await client('confirmFramedFill', { tabId: f.tabId, index })).filled
      }),
    cancelFramedFill: () => {
      const f = framedFill.value
      framedFill.value = null
      if (f) void client('cancelFramedFill', { tabId: f.tabId }).catch(() => undefined)
    },
    showQr: (id: string, password: string) => run(async () => { qrSvg.value = (await client('accountQr', { id, password })).svg }),
    updateSettings: (patch: Partial<Settings>) =>
      run(async () => {
        const settings = await client('updateSettings', patch)
        if (status.value) status.value = { ...status.value, settings }
      }),
    /** Computes codes with the offset the sites agreed on (the background's own measurement), then shows the corrected codes. */
    correctClock: () => run(async () => afterStatus(await client('correctClock', {}))),
    /** A correction the person typed, in seconds (the view has checked it with parseClockCorrection). */
    setClockCorrection: (ms: number) =>
      run(async () => {
        const settings = await client('updateSettings', { clockCorrectionMs: ms })
        await afterStatus({ ...(await client('getStatus', {})), settings })
        return true
      }),
    changePassword: (current: string, next: string) => run(async () => { await client('changePassword', { current, next }); return true }),
    dispose: () => { if (refreshTimer !== null) clearTimer(refreshTimer) },
  }
}

export type AppModel = ReturnType<typeof createAppModel>
