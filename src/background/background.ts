/**
 * The background, wired: each feature built from the dependencies it uses, and the handler
 * tables the listeners serve. index.ts builds it from the real browser APIs and registers
 * the listeners; unit tests build it from fakes (@webext-core/fake-browser's storage, a fake
 * TabPort…). No feature receives this object: each gets only what its factory asks for.
 */
import type { QrDecoder } from '../shared/qr-worker-client.ts'
import type { Argon2Params } from '../core/vault/argon2-params.ts'
import type { ContentToBackground, Handlers, PopupToBackground } from '../shared/protocol.ts'
import { noAlarms, type AlarmPort } from './alarm-port.ts'
import type { ContentContext, ExtensionPageContext } from './check-sender.ts'
import { createCodes } from './codes/index.ts'
import type { createFill } from './fill/index.ts'
import { createOpenPopupHandlers } from './open-popup.ts'
import type { KeyValueArea } from './key-value-area.ts'
import type { createScan } from './scan/index.ts'
import { createSettings } from './settings/index.ts'
import { afterSiteList } from './site/public-suffix-list-loader.ts'
import { createSettingsContentHandlers, createSettingsPopupHandlers } from './settings/settings-handlers.ts'
import { createSync, SYNC_ALARM, type BrowserSyncDeps } from './sync/index.ts'
import { noTabs, type TabPort, type Translate } from './tab-port.ts'
import type { createTransfer } from './transfer/index.ts'
import { lazyMethods, loadOnce } from './lazy-methods.ts'
import { SESSION } from '../shared/storage-keys.ts'
import { watchedKey } from './watched-key.ts'
import type { DeviceKeyStore } from './vault/device-key-store.ts'
import { createVault, createVaultFeature } from './vault/index.ts'

const SCAN_EXPIRY_ALARM = 'keyfob-scan-expiry'

export interface BackgroundDeps {
  local: KeyValueArea
  session: KeyValueArea
  deviceKeys: DeviceKeyStore
  version: string
  now?: () => number
  tabs?: TabPort
  alarms?: AlarmPort
  /** A sentence from _locales, for notices shown in pages. */
  t?: Translate
  /** The `Date` header of a HEAD request to `origin`, or null (the clock check). */
  fetchDate?: (origin: string) => Promise<string | null>
  /** Empties the clipboard after `delayMs` if it still holds `code`. */
  clearClipboardAfter?: (code: string, delayMs: number) => Promise<boolean>
  /** How a fill waits out a replayed code (setTimeout). */
  wait?: (ms: number) => Promise<void>
  /** Decodes QR codes off the worker's thread (scan/off-thread-qr.ts); tests decode in-process. */
  decodeQr?: QrDecoder
  /** Sync's requests to its WebDAV folder (the worker's fetch); without it, sync reaches nothing. */
  fetch?: typeof globalThis.fetch
  /** How sync waits out its debounce after a change (setTimeout); tests fire it themselves. */
  later?: (run: () => void, ms: number) => () => void
  /** Argon2id for a new sync space and sync's backups (tests pass the floor). */
  syncKdf?: Argon2Params
  /** Whether the browser lets the worker reach a sync folder's address (permissions.contains). */
  canReachSync?: (url: string) => Promise<boolean>
  /** The browser's own sync storage (storage.sync, its label and change events), for sync's place { kind: 'browser' }. */
  browserSync?: BrowserSyncDeps
  /**
   * Loads the Public Suffix List if it is not yet (site/public-suffix-list-loader.ts). Requests of the
   * features that match sites wait for it; without it, the list must be installed already (unit tests).
   */
  siteList?: () => Promise<void>
  /** The active tab of window `windowId`, or of the last focused window (tabs.query): the tab the popup is over. None without it. */
  tabInFront?: (windowId?: number) => Promise<number | undefined>
}

const noFetch: typeof globalThis.fetch = () => Promise.reject(new TypeError('No network in this background.'))

export function createBackground(deps: BackgroundDeps) {
  const now = deps.now ?? Date.now
  const t = deps.t ?? ((key: string) => key)
  const tabs = deps.tabs ?? noTabs
  const alarms = deps.alarms ?? noAlarms

  const vault = createVault({ local: deps.local, session: deps.session, deviceKeys: deps.deviceKeys, now })
  const settings = createSettings({
    local: deps.local,
    session: deps.session,
    vault,
    now,
    version: deps.version,
    fetchDate: deps.fetchDate ?? (async () => null),
  })
  const { autoLock, handlers: vaultHandlers } = createVaultFeature({
    vault,
    settings: settings.store,
    status: settings.status,
    alarms,
    now,
  })
  const codes = createCodes({
    vault,
    settings: settings.store,
    codeNow: settings.codeNow,
    tabs,
    now,
    clearClipboardAfter: deps.clearClipboardAfter ?? (async () => false),
  })
  // Scanning loads with its first use (a scan, an Add, the expiry alarm): its flows, the scans waiting and their checks
  // are not start-up code (issue #15). Every opening asks whether a scan waits (the key is removed when none does): kept
  // while unchanged, so a running worker answers without a storage round trip.
  const scansKey = watchedKey(deps.session, SESSION.pendingScans)
  const scanFeature = loadOnce(() =>
    import('./scan/index.ts').then((m) =>
      m.createScan({
        session: deps.session,
        scans: scansKey,
        vault,
        tabs,
        now,
        ...(deps.decodeQr ? { decodeQr: deps.decodeQr } : {}),
        // A one-shot alarm: scans nobody added leave storage.session when they expire, even if Keyfob is not used again.
        scheduleExpiry: (when) =>
          when === null ? alarms.clear(SCAN_EXPIRY_ALARM).then(() => undefined) : alarms.create(SCAN_EXPIRY_ALARM, { when }),
      }),
    ),
  )
  type Scan = ReturnType<typeof createScan>
  const scan = {
    service: lazyMethods<Scan['service']>(
      { interpret: true, describe: true, latest: true, purge: true, confirm: true, cancel: true },
      async () => (await scanFeature()).service,
    ),
    flows: lazyMethods<Scan['flows']>(
      { element: true, visibleTab: true, region: true, dataUrl: true, show: true },
      async () => (await scanFeature()).flows,
    ),
    popupHandlers: lazyMethods<Scan['popupHandlers']>(
      { scanImage: true, scanActiveTab: true, confirmPendingScan: true, pickScanRegion: true },
      async () => (await scanFeature()).popupHandlers,
    ),
    contentHandlers: lazyMethods<Scan['contentHandlers']>(
      { confirmScan: true, cancelScan: true, scanRegion: true },
      async () => (await scanFeature()).contentHandlers,
    ),
  }
  // Filling loads with its first request (the field button, the menu, the shortcut, the popup): a worker woken to show
  // codes does not parse it (issue #15). Its state (the framed fill waiting for the popup) is worker memory.
  let fillLoaded = false
  const fillFeature = loadOnce(() =>
    import('./fill/index.ts').then((m) => {
      fillLoaded = true
      return m.createFill({
        vault,
        codes: codes.engine,
        settings: settings.store,
        codeNow: settings.codeNow,
        clock: settings.clock,
        tabs,
        t,
        now,
        ...(deps.wait ? { wait: deps.wait } : {}),
      })
    }),
  )
  type Fill = ReturnType<typeof createFill>
  const fill = {
    service: lazyMethods<Fill['service']>(
      { fromPage: true, fromPopup: true, pendingFramed: true, confirmFramed: true, cancelFramed: true },
      async () => (await fillFeature()).service,
    ),
    popupHandlers: lazyMethods<Fill['popupHandlers']>(
      { fillFromPopup: true, confirmFramedFill: true, cancelFramedFill: true },
      async () => (await fillFeature()).popupHandlers,
    ),
    contentHandlers: lazyMethods<Fill['contentHandlers']>(
      { fillRequest: true, fillChosen: true },
      async () => (await fillFeature()).contentHandlers,
    ),
  }
  // Import and export load with their first request (their formats and QR encoder are not start-up code).
  const transfer = {
    handlers: lazyMethods<ReturnType<typeof createTransfer>['handlers']>({ importAccounts: true, exportVault: true }, () =>
      import('./transfer/index.ts').then((m) => m.createTransfer({ vault, now }).handlers),
    ),
  }
  const sync = createSync({
    vault,
    alarms,
    now,
    fetch: deps.fetch ?? noFetch,
    ...(deps.later ? { later: deps.later } : {}),
    ...(deps.syncKdf ? { kdf: deps.syncKdf } : {}),
    ...(deps.canReachSync ? { canReach: deps.canReachSync } : {}),
    ...(deps.browserSync ? { browserSync: deps.browserSync } : {}),
  })

  const siteList = deps.siteList ?? (() => Promise.resolve())
  // Unlocking, import, export and sync match no site: they do not wait for the list.
  const popupHandlers = {
    ...vaultHandlers,
    ...transfer.handlers,
    ...sync.handlers,
    ...codes.codeHandlers,
    ...afterSiteList(
      {
        ...createSettingsPopupHandlers({
          settings: settings.store,
          clock: settings.clock,
          status: settings.status,
          scheduleAutoLock: autoLock.schedule,
        }),
        ...codes.handlers,
        ...scan.popupHandlers,
        ...fill.popupHandlers,
      },
      siteList,
    ),
    // Opening waits for the list only where it matches sites, so a stopped worker reads it beside the vault (issue #15).
    ...createOpenPopupHandlers({
      status: settings.status,
      siteList,
      accounts: codes.list,
      pendingScan: async () => ((await scansKey.read()) !== undefined ? scan.service.latest() : null),
      // A fill waits for the popup only in the memory of a loaded fill feature.
      pendingFramed: async (tabId) => (fillLoaded ? fill.service.pendingFramed(tabId) : null),
      frontTab: (tabId) => tabs.ask(tabId, 0, 'otpFieldStatus', {}),
      tabInFront: deps.tabInFront ?? (async () => undefined),
      syncStatus: () => sync.popupStatus(),
    }),
  } satisfies Handlers<PopupToBackground, ExtensionPageContext>

  const contentHandlers = afterSiteList(
    {
      ...createSettingsContentHandlers(settings.store),
      ...fill.contentHandlers,
      ...scan.contentHandlers,
    },
    siteList,
  ) satisfies Handlers<ContentToBackground, ContentContext>

  return {
    now,
    vault,
    settings: settings.store,
    clock: settings.clock,
    /** The time codes are computed for: the clock plus the correction the person accepted. */
    codeNow: settings.codeNow,
    status: settings.status,
    autoLock,
    codes: codes.engine,
    scans: scan.service,
    scanFlows: scan.flows,
    fill: fill.service,
    sync: sync.engine,
    /** Whether a sync is waiting out its debounce after a change. */
    syncPending: sync.pending,
    /** Resolves once the sync cycles started so far by triggers have ended. */
    syncSettled: sync.settled,
    popupHandlers,
    contentHandlers,
    /** The alarms the background sets (index.ts passes each one that fires). */
    async onAlarm(name: string): Promise<void> {
      if (name === autoLock.name) await autoLock.onAlarm()
      if (name === SCAN_EXPIRY_ALARM) await scan.service.purge()
      if (name === SYNC_ALARM) await sync.onAlarm()
    },
    /** The worker started (index.ts): sync if the vault is unlocked and connected. Never throws. */
    onStart: () => sync.onStart(),
  }
}

export type Background = ReturnType<typeof createBackground>
