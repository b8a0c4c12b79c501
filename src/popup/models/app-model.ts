/**
 * The popup's state: signals plus named actions over an injected background
 * client, so it is unit-testable without a browser. Views read the signals and
 * call the actions; they never touch messaging.
 */
import { computed, signal } from '@preact/signals'
import type { Client } from '../../shared/messaging.ts'
import type { AccountView, PopupToBackground, StatusInfo } from '../../shared/protocol.ts'

export type ErrorText = (e: unknown) => string

export type Screen = 'loading' | 'setup' | 'unlock' | 'accounts' | 'add' | 'corrupt'

export interface AppModelOptions {
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
  /** How an error is shown; the popup passes its _locales lookup. */
  errorText?: ErrorText
}

export function createAppModel(client: Client<PopupToBackground>, opts: AppModelOptions = {}) {
  const now = opts.now ?? Date.now
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))
  const describe = opts.errorText ?? ((e: unknown) => (e instanceof Error ? e.message : String(e)))

  const status = signal<StatusInfo | null>(null)
  const accounts = signal<AccountView[]>([])
  const error = signal<string | null>(null)
  const busy = signal(false)
  const adding = signal(false)
  /** Set after an add: how many were added and which were already there. */
  const notice = signal<{ added: number; duplicates: string[] } | null>(null)

  const screen = computed<Screen>(() => {
    const s = status.value
    if (!s) return 'loading'
    if (s.state === 'uninitialized') return 'setup'
    if (s.state === 'corrupt') return 'corrupt'
    if (s.state === 'locked') return 'unlock'
    return adding.value ? 'add' : 'accounts'
  })

  let refreshTimer: unknown = null

  /** Codes are fetched again only when the first shown one expires, not every second. */
  function scheduleRefresh(list: AccountView[]): void {
    if (refreshTimer !== null) clearTimer(refreshTimer)
    refreshTimer = null
    const ends = list.flatMap((a) => (a.timed ? [a.timed.validUntil] : []))
    if (ends.length === 0) return
    refreshTimer = setTimer(() => void loadAccounts(), Math.max(0, Math.min(...ends) - now()) + 50)
  }

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    error.value = null
    try {
      return await action()
    } catch (e) {
      error.value = describe(e)
      return undefined
    } finally {
      busy.value = false
    }
  }

  async function loadAccounts(): Promise<void> {
    try {
      const { accounts: list } = await client('listAccounts', {})
      accounts.value = list
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
    if (s.state === 'unlocked') await loadAccounts()
    else accounts.value = []
  }

  return {
    status, accounts, error, busy, screen, notice, adding,
    refresh: () => run(async () => afterStatus(await client('getStatus', {}))),
    setup: (password: string | null) => run(async () => afterStatus(await client('setup', { password }))),
    unlock: (password: string) =>
      run(async () => {
        try {
          await afterStatus(await client('unlock', { password }))
        } finally {
          // A failure changes the throttle state (count, wait): show it.
          if (status.value?.state !== 'unlocked') status.value = await client('getStatus', {})
        }
      }),
    lock: () => run(async () => afterStatus(await client('lock', {}))),
    addPassword: (password: string) => run(async () => afterStatus(await client('addPassword', { password }))),
    openAdd: () => { adding.value = true; error.value = null; notice.value = null },
    closeAdd: () => { adding.value = false; error.value = null },
    addAccounts: (text: string) =>
      run(async () => {
        const r = await client('addAccounts', { text })
        notice.value = { added: r.added.length, duplicates: r.duplicates.map((d) => d.issuer || d.account) }
        adding.value = false
        await loadAccounts()
        return r
      }),
    nextHotpCode: (id: string) =>
      run(async () => {
        const updated = await client('nextHotpCode', { id })
        accounts.value = accounts.value.map((a) => (a.id === id ? updated : a))
      }),
    dispose: () => { if (refreshTimer !== null) clearTimer(refreshTimer) },
  }
}

export type AppModel = ReturnType<typeof createAppModel>
