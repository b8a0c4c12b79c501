/**
 * The popup's one request when it opens: the vault's state and settings (with the clock warning)
 * and, while unlocked, every account with the codes of the rows it opens on, the scan waiting for a confirmation, whether
 * the tab in front has a code field, and a framed fill waiting there. The tab is asked once: its
 * content script answers with its URL and its code fields together (opening used to cost five
 * requests, and three messages to the tab). The popup names no tab: the worker looks up the one in
 * front, and says which it was.
 */
import type {
  AccountList,
  FramedFillOffer,
  Handlers,
  PopupOpening,
  PopupToBackground,
  ScanPanel,
  StatusInfo,
  SyncStatusView,
} from '../shared/protocol.ts'
import type { ExtensionPageContext } from './check-sender.ts'
import { packAccountList } from '../shared/account-list-wire.ts'
import type { SortOrder } from '../shared/settings.ts'

export interface OpenPopupDeps {
  status: () => Promise<StatusInfo>
  /**
   * Loads the Public Suffix List if it is not yet (site/public-suffix-list-loader.ts). Only a tab's site (the accounts
   * bound to it) needs it, so it is read while the tab answers, never before every list's codes (issue #15).
   */
  siteList: () => Promise<void>
  /**
   * Every account, and those bound to the site of `url` (the tab's top frame), computed while `url` is on its way. The
   * codes only of the rows a popup sorted `opensOn` shows first, and of the site's accounts (codes/account-handlers.ts).
   */
  accounts: (url: Promise<string | null>, opensOn: SortOrder) => Promise<AccountList>
  pendingScan: () => Promise<ScanPanel | null>
  pendingFramed: (tabId: number) => Promise<FramedFillOffer | null>
  /** The one message to the tab's top frame: its URL and whether it has a code field. Rejects where no content script answers. */
  frontTab: (tabId: number) => Promise<{ url: string; fillable: boolean }>
  /** The active tab of window `windowId` (the popup opened as a tab), else of the last focused window: the tab the popup is over. */
  tabInFront: (windowId?: number) => Promise<number | undefined>
  /** The sync engine's status: what it remembers and the vault's sync section, no network. */
  syncStatus: () => Promise<Pick<SyncStatusView, 'connected' | 'lastSyncAt' | 'lastError'>>
}

export function createOpenPopupHandlers(d: OpenPopupDeps) {
  return {
    openPopup: async (input, ctx?: ExtensionPageContext): Promise<PopupOpening> => {
      // Without a tab named, the worker finds the one in front itself, beside reading the vault's state: the popup sends
      // its request as the very first thing it does instead of asking the browser for its tab first (issue #15).
      // A popup opened as a tab and in front is itself the tab in front (check-sender.ts): nothing to look up or ask there.
      const own = ctx?.ownTabInFront
      const inFront =
        input.tabId !== undefined || own !== undefined
          ? Promise.resolve(input.tabId ?? own)
          : d.tabInFront(ctx?.windowId).catch(() => undefined)
      const status = await d.status()
      if (status.state !== 'unlocked')
        return { status, tabId: (await inFront) ?? null, list: null, scan: null, fillable: false, framed: null, sync: null }
      const other = inFront.then((tabId) => (tabId === undefined || tabId === own ? null : tabId))
      // The site comes from the tab's own content script (what the browser loaded), never from the popup. A tab without a
      // content script (a browser page, a store) or a framed fill gone stale only means nothing to offer there. The site
      // list loads while the tab answers: only a site needs it (one that cannot be loaded shows where a lookup needs it,
      // as afterSiteList does for the other handlers).
      const asked = other.then((tabId) => {
        if (tabId === null) return null
        const listed = d.siteList().catch(() => undefined)
        return d.frontTab(tabId).then(
          (tab) => listed.then(() => tab),
          () => null,
        )
      })
      // The codes are computed meanwhile (issue #15: they waited for the browser to name the tab, for the tab to answer
      // and for the site list, each a round trip to another process or a file to decode).
      const list = d.accounts(
        asked.then((t) => t?.url ?? null),
        status.settings.sortOrder,
      )
      list.catch(() => undefined) // awaited below, unless another part failed first
      const [tabId, tab, scan, framed, sync] = await Promise.all([
        inFront.then((id) => id ?? null),
        asked,
        d.pendingScan(),
        other.then((tabId) => (tabId === null ? null : d.pendingFramed(tabId).catch(() => null))),
        // The sync line is a nicety: a status that cannot be read leaves it out rather than the popup.
        d.syncStatus().catch(() => null),
      ])
      return {
        status,
        tabId,
        list: packAccountList(await list),
        scan,
        fillable: tab?.fillable ?? false,
        framed,
        sync: sync?.connected ? { lastSyncAt: sync.lastSyncAt, lastError: sync.lastError } : null,
      }
    },
  } satisfies Handlers<Pick<PopupToBackground, 'openPopup'>, ExtensionPageContext>
}
