/**
 * The vault's state as the popup shows it, and what is on screen: first run, unlock, the
 * accounts, or a panel over them. Opening asks the background once (openPopup) and hands the
 * answer to the other models.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals'
import type { Client } from '../../shared/messaging.ts'
import type { PopupOpening, PopupToBackground, StatusInfo } from '../../shared/protocol.ts'
import type { FeedbackModel } from './feedback-model.ts'

type Screen = 'loading' | 'setup' | 'unlock' | 'accounts' | 'add' | 'edit' | 'qr' | 'settings' | 'lockInfo' | 'corrupt'

/**
 * A panel over the account list. A QR panel holds its picture once the password was given; closing drops it.
 * Settings with `password` open at the password form; lockInfo says why Lock cannot lock a vault without a password.
 */
export type Panel =
  | { kind: 'add' }
  | { kind: 'edit'; id: string }
  | { kind: 'qr'; id: string; svg?: string }
  | { kind: 'settings'; password?: boolean }
  | { kind: 'lockInfo' }

interface SessionDeps {
  /** openPopup as the page's first script sent it (popup/opening.ts): the first open takes this answer instead of asking. */
  first?: Promise<PopupOpening>
  /** The vault is open: what openPopup answered, for the other models. */
  opened: (o: PopupOpening) => void
  /** The vault is not open: the other models drop what it showed. */
  closed: () => void
}

export function createSessionModel(client: Client<PopupToBackground>, { run, fail, clearError }: FeedbackModel, deps: SessionDeps) {
  const status = signal<StatusInfo | null>(null)
  const panel = signal<Panel | null>(null)
  const sync = signal<PopupOpening['sync']>(null)
  const screen = computed<Screen>(() => {
    const s = status.value
    if (!s) return 'loading'
    if (s.state === 'uninitialized') return 'setup'
    if (s.state === 'corrupt') return 'corrupt'
    if (s.state === 'locked') return 'unlock'
    return panel.value?.kind ?? 'accounts'
  })
  const apply = (s: StatusInfo) => {
    status.value = s
    if (s.state !== 'unlocked') deps.closed()
  }
  let first = deps.first
  /** The tab the popup is over, as the first answer named it (the background finds it: a popup closes when the person turns to another tab). */
  let tabId: number | null = null
  /** Everything the popup shows, in one request. */
  async function reload(): Promise<void> {
    const sent = first
    first = undefined
    const o = await (sent ?? client('openPopup', tabId === null ? {} : { tabId }))
    tabId ??= o.tabId
    apply(o.status)
    sync.value = o.sync
    if (o.status.state === 'unlocked') deps.opened(o)
  }
  const close = () => {
    panel.value = null
    clearError()
  }
  const show = (p: Panel) => {
    close()
    panel.value = p
  }

  return {
    status: status as ReadonlySignal<StatusInfo | null>,
    panel: panel as ReadonlySignal<Panel | null>,
    /** While sync is connected: the popup's one line about it. */
    sync: sync as ReadonlySignal<PopupOpening['sync']>,
    screen,
    /** The person opened the popup. */
    open: () => run(reload),
    /** openPopup again, inside an action that changed the vault's state or the codes' clock. */
    reload,
    /** The tab the popup is over, once openPopup answered (undefined: none, or not yet). */
    tabId: async () => tabId ?? undefined,
    /** A status the background answered; anything but unlocked drops the accounts. */
    apply,
    /** A request failed: locked in the meantime (auto-lock, another window) shows the lock screen, anything else the error. */
    async recheck(e: unknown): Promise<void> {
      apply(await client('getStatus', {}))
      if (status.value?.state === 'unlocked') fail(e)
    },
    show,
    close,
    /**
     * Without a password the device key opens the vault again at once (vault-service tryResume), so
     * locking would change nothing the person sees: they are told why, and offered a password, instead.
     */
    lock: async () => {
      if (status.value?.hasPassword === false) return show({ kind: 'lockInfo' })
      await run(async () => {
        close()
        apply(await client('lock', {}))
      })
    },
  }
}

export type SessionModel = ReturnType<typeof createSessionModel>
