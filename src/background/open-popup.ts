/**
 * The popup's one request when it opens: the vault's state and settings (with the clock warning)
 * and, while unlocked, every account with its codes, the scan waiting for a confirmation, whether
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

export interface OpenPopupDeps {
  status: () => Promise<StatusInfo>
  /**
   * Loads the Public Suffix List if it is not yet (site/public-suffix-list-loader.ts). Only the account list needs it
   * (bound and suggested sites), so a stopped worker reads the file beside the vault rather than before it (issue #15).
   */
  siteList: () => Promise<void>
  /** Every account with its codes, and those bound to the site of `url` (the tab's top frame), computed while `url` is on its way. */
  accounts: (url: Promise<string | null>) => Promise<AccountList>
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
      const inFront = input.tabId !== undefined ? Promise.resolve(input.tabId) : d.tabInFront(ctx?.windowId).catch(() => undefined)
      // A list that cannot be loaded shows where a lookup needs it (as afterSiteList does for the other handlers).
      const siteList = d.siteList().catch(() => undefined)
      const status = await d.status()
      const tabId = (await inFront) ?? null
      if (status.state !== 'unlocked') return { status, tabId, list: null, scan: null, fillable: false, framed: null, sync: null }
      // A tab without a content script (a browser page, a store) or a framed fill gone stale only means nothing to offer there.
      const asked = tabId === null ? Promise.resolve(null) : d.frontTab(tabId).catch(() => null)
      // The site comes from the tab's own content script (what the browser loaded), never from the popup. The codes are
      // computed while the tab answers (issue #15: they waited for it, a round trip to another process).
      const list = siteList.then(() => d.accounts(asked.then((t) => t?.url ?? null)))
      list.catch(() => undefined) // awaited below, unless another part failed first
      const [tab, scan, framed, sync] = await Promise.all([
        asked,
        d.pendingScan(),
        tabId === null ? null : d.pendingFramed(tabId).catch(() => null),
        // The sync line is a nicety: a status that cannot be read leaves it out rather than the popup.
        d.syncStatus().catch(() => null),
      ])
      return {
        status,
        tabId,
        list: await list,
        scan,
        fillable: tab?.fillable ?? false,
        framed,
        sync: sync?.connected ? { lastSyncAt: sync.lastSyncAt, lastError: sync.lastError } : null,
      }
    },
  } satisfies Handlers<Pick<PopupToBackground, 'openPopup'>, ExtensionPageContext>
}
