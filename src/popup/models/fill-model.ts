/**
 * Filling the tab the popup is over: a click on a code copies it, records the use and fills it
 * when the tab has a code field; an account not bound to the tab's site waits for the person's
 * go-ahead, and so does a bound site's form framed by another site.
 */
import { signal, type ReadonlySignal } from '@preact/signals'
import type { Client } from '../../shared/messaging.ts'
import type { FramedFillOffer, PopupOpening, PopupToBackground } from '../../shared/protocol.ts'
import type { AccountsModel } from './accounts-model.ts'
import type { FeedbackModel } from './feedback-model.ts'

type FillWarning = { id: string; name: string; site: string }
type FramedFill = FramedFillOffer & { tabId: number }

export function createFillModel(
  client: Client<PopupToBackground>,
  { run, movedOn, notice }: FeedbackModel,
  accounts: AccountsModel,
  copyText: (text: string) => Promise<void>,
) {
  /** The tab has a one-time-code field: clicking an account fills it. */
  const target = signal<{ tabId: number; site: string | null } | null>(null)
  const warning = signal<FillWarning | null>(null)
  /** 'Filled into the page.': a notice, gone once the person moves on. */
  const filled = notice(false)
  const framed = signal<FramedFill | null>(null)

  /** Fills the account's code into the tab; a mismatch asks first (warning), unless confirmed. */
  const fill = (id: string, confirmMismatch = false) =>
    run(async () => {
      const t = target.value
      if (!t) return
      warning.value = null
      try {
        filled.set((await client('fillFromPopup', { id, tabId: t.tabId, confirmMismatch })).filled)
      } catch (e) {
        const a = accounts.accounts.value.find((x) => x.id === id)
        if ((e as { code?: string }).code !== 'SITE_MISMATCH' || !a) throw e
        warning.value = { id, name: a.issuer || a.account, site: t.site ?? '' }
      }
    })

  return {
    warning: warning as ReadonlySignal<FillWarning | null>,
    filled: filled.shown,
    framed: framed as ReadonlySignal<FramedFill | null>,
    /** What openPopup found in the tab it names. */
    show: (o: PopupOpening) => {
      const tabId = o.tabId
      if (tabId === null) return
      target.value = o.fillable ? { tabId, site: o.list?.activeSite ?? null } : null
      framed.value = o.framed && { tabId, ...o.framed }
    },
    /** A click on a code: copies it, records the use (recently used, clipboard clearing later), and fills the tab when it has a code field. */
    copy: async (id: string, code: string) => {
      movedOn() // copying is moving on: the notices from before clear ('Filled' comes again if this one fills)
      await copyText(code)
      void client('codeCopied', { id, code }).catch(() => undefined)
      if (target.value) void fill(id)
    },
    fill,
    cancel: () => void (warning.value = null),
    /** The person read both sites' names and chose account `index` for the framed form. */
    confirmFramed: (index: number) =>
      run(async () => {
        const f = framed.value
        if (!f) return
        framed.value = null
        filled.set((await client('confirmFramedFill', { tabId: f.tabId, index })).filled)
      }),
    cancelFramed: () => {
      const f = framed.value
      framed.value = null
      if (f) void client('cancelFramedFill', { tabId: f.tabId }).catch(() => undefined)
    },
  }
}

export type FillModel = ReturnType<typeof createFillModel>
