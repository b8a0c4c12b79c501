/**
 * Service-worker entry. Registers every listener synchronously at the top level
 * (Chrome may stop the worker when idle and start it again for the next event);
 * state is rebuilt lazily from storage by the services.
 */
import browser from 'webextension-polyfill'
import { listen, tabClient } from '../shared/background-messaging.ts'
import { AUTO_LOCK_ALARM, onAutoLockAlarm, scheduleAutoLock } from './auto-lock.ts'
import { CLIPBOARD_ALARM, clearClipboardAfter, onClipboardAlarm } from './clipboard-clearer.ts'
import { closeLocalStorageToContentScripts } from './close-local-storage.ts'
import { createMenus, onMenuClick } from './context-menus.ts'
import { scanVisibleTab, showInTab } from './scan-flows.ts'
import { indexedDbDeviceKeyStore } from './device-key-store.ts'
import { createRouter } from './router.ts'
import { createServices } from './services.ts'

// First, before anything reads storage.local: content scripts may no longer reach it.
closeLocalStorageToContentScripts()

const SCAN_EXPIRY_ALARM = 'keyfob-scan-expiry'

const services = createServices({
  local: browser.storage.local,
  session: browser.storage.session,
  deviceKeys: indexedDbDeviceKeyStore,
  version: browser.runtime.getManifest().version,
  scheduleAutoLock,
  clearClipboardAfter,
  // No cookies, no body: only the site's Date header (the site is already being signed in to).
  fetchDate: (origin) => fetch(origin, { method: 'HEAD', credentials: 'omit', cache: 'no-store', redirect: 'manual' }).then((r) => r.headers.get('date'), () => null),
  t: (key, substitutions) => browser.i18n.getMessage(key, substitutions),
  windowOf: async (tabId) => (await browser.tabs.get(tabId)).windowId,
  captureTab: (windowId) => browser.tabs.captureVisibleTab(windowId ?? browser.windows.WINDOW_ID_CURRENT, { format: 'png' }),
  tabUrl: (tabId) => tabClient(tabId, 0)('ping', {}).then((r) => r.url, () => null),
  // A one-shot alarm: scans nobody added leave storage.session when they expire, even if Keyfob is not used again.
  scheduleScanExpiry: (when) => (when === null ? browser.alarms.clear(SCAN_EXPIRY_ALARM).then(() => undefined) : browser.alarms.create(SCAN_EXPIRY_ALARM, { when })),
})

listen(createRouter(services))

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === AUTO_LOCK_ALARM) void onAutoLockAlarm(services)
  if (alarm.name === SCAN_EXPIRY_ALARM) void services.scans.purge()
  if (alarm.name === CLIPBOARD_ALARM) void onClipboardAlarm()
})

browser.runtime.onInstalled.addListener(createMenus)
browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(services, info, tab))
browser.commands.onCommand.addListener((command, tab) => {
  if (command === 'fill-code' && tab?.id !== undefined) {
    const tabId = tab.id
    // The shortcut fills in the top frame (which also reaches its same-origin frames).
    void services.tabUrl(tabId).then((url) => (url ? services.autofill.fillInFrame(tabId, 0, url) : undefined)).catch(() => undefined)
  }
  if (command === 'scan-page' && tab?.id !== undefined) {
    const tabId = tab.id
    void scanVisibleTab(services, tabId, tab.windowId).then((panel) => showInTab(tabId, panel))
  }
})
