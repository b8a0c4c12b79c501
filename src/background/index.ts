/**
 * Service-worker entry: wires the background from the real browser APIs and registers
 * every listener synchronously at the top level (Chrome may stop the worker when idle and
 * start it again for the next event); state is rebuilt lazily from storage by the features.
 */
// First: its top level asks for what the popup's opening reads (start-areas.ts).
import { startLocal, startSession } from './start-areas.ts'
import { ext as browser } from '../shared/browser-api.ts'
import { createBackground } from './background.ts'
import { CLIPBOARD_ALARM } from './codes/clipboard-alarm.ts'
import { loadOnce } from './lazy-methods.ts'
import { serveBackground } from './serve-background.ts'
import { PUBLIC_SUFFIX_LIST_FILE } from '../core/site/index.ts'
import { createPublicSuffixListLoader } from './site/public-suffix-list-loader.ts'
import { syncOriginPattern } from '../shared/sync-permission.ts'
import { syncAreaLabel } from './sync/sync-area-label.ts'
import { createTabPort } from './tab-port.ts'
import { scanUiInjector } from './scan/inject-scan-ui.ts'
import { indexedDbDeviceKeyStore } from './vault/device-key-store.ts'

const t = (key: string, substitutions?: string | string[]) => browser.i18n.getMessage(key, substitutions)

// Load on first use, not with every start (issue #15): clearing the clipboard (after a copy), the menus (at install,
// and on a click or shortcut).
const clipboard = () => import('./codes/clipboard-clearer.ts')
const menus = () => import('./context-menus.ts')

// The Public Suffix List, a data file of the extension read on first use (not code in this script).
const siteList = createPublicSuffixListLoader(async () => {
  const response = await fetch(browser.runtime.getURL(PUBLIC_SUFFIX_LIST_FILE))
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
})

const bg = createBackground({
  // What opening the popup reads, asked for in one read per area before the rest of this script ran (start-areas.ts).
  local: startLocal,
  session: startSession,
  deviceKeys: indexedDbDeviceKeyStore,
  version: browser.runtime.getManifest().version,
  tabs: createTabPort(browser, scanUiInjector(browser.scripting)),
  // The popup's window is the one in front when it opens (the toolbar popup is no tab of its own); its id needs no permission.
  tabInFront: async (windowId) =>
    (await browser.tabs.query(windowId === undefined ? { active: true, lastFocusedWindow: true } : { active: true, windowId }))[0]?.id,
  alarms: browser.alarms,
  t,
  clearClipboardAfter: async (code, delayMs) => (await clipboard()).clearClipboardAfter(code, delayMs),
  // No cookies, no body: only the site's Date header (the site is already being signed in to).
  // Sync's WebDAV requests (sync/index.ts adds credentials: 'omit' and cache: 'no-store').
  fetch: globalThis.fetch,
  // The page asked for the folder's origin (src/shared/sync-permission.ts): has the browser granted it?
  canReachSync: async (url) => {
    const pattern = syncOriginPattern(url)
    return pattern !== null && (await browser.permissions.contains({ origins: [pattern] }))
  },
  // The browser's own sync storage: only sync/browser-sync-remote.ts reads and writes it (encrypted
  // header and records only); its change events bring other devices' writes (sync/index.ts).
  browserSync: {
    area: browser.storage.sync,
    // Worked out when sync first needs it: its patterns cost ~0.7 ms of every cold start (issue #15).
    get label() {
      return syncAreaLabel(navigator.userAgent)
    },
    // storage.onChanged rather than the area's own event, which older Firefox lacks.
    onChanged: (listener) => browser.storage.onChanged.addListener((changes, areaName) => areaName === 'sync' && listener(changes)),
  },
  siteList,
  fetchDate: (origin) =>
    fetch(origin, { method: 'HEAD', credentials: 'omit', cache: 'no-store', redirect: 'manual' }).then(
      (r) => r.headers.get('date'),
      () => null,
    ),
})
const triggers = loadOnce(async () => (await menus()).createTriggers({ fill: bg.fill, scan: bg.scanFlows }))

serveBackground(bg)
// A cycle when the worker starts with the vault unlocked (resumed from storage.session) and sync connected.
void bg.onStart()
browser.alarms.onAlarm.addListener((alarm) => {
  // The clipboard's alarm (Firefox) needs the event page's document: it stays here, beside the clearer's real clipboard.
  if (alarm.name === CLIPBOARD_ALARM) void clipboard().then((m) => m.onClipboardAlarm())
  else void bg.onAlarm(alarm.name)
})
browser.runtime.onInstalled.addListener(() => void menus().then((m) => m.createMenus(browser.contextMenus, t)))
// Filling and scanning match sites: the list is asked for first (if it fails, the flow reports SITE_LIST_UNAVAILABLE).
const afterList = (run: () => Promise<void>) => void siteList().then(run, run)
browser.contextMenus.onClicked.addListener((info, tab) => afterList(async () => (await triggers()).menuClicked(info, tab)))
browser.commands.onCommand.addListener((command, tab) => afterList(async () => (await triggers()).command(command, tab)))
