/**
 * Service-worker entry. Registers every listener synchronously at the top level
 * (Chrome may stop the worker when idle and start it again for the next event);
 * state is rebuilt lazily from storage by the services.
 */
import browser from 'webextension-polyfill'
import { listen, tabClient } from '../shared/messaging.ts'
import { AUTO_LOCK_ALARM, onAutoLockAlarm, scheduleAutoLock } from './auto-lock.ts'
import { clearClipboardAfter } from './clipboard-clearer.ts'
import { indexedDbDeviceKeyStore } from './device-key-store.ts'
import { createRouter } from './router.ts'
import { createServices } from './services.ts'

const services = createServices({
  local: browser.storage.local,
  session: browser.storage.session,
  deviceKeys: indexedDbDeviceKeyStore,
  version: browser.runtime.getManifest().version,
  scheduleAutoLock,
  clearClipboardAfter,
  tabUrl: (tabId) => tabClient(tabId, 0)('ping', {}).then((r) => r.url, () => null),
})

listen(createRouter(services))

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === AUTO_LOCK_ALARM) void onAutoLockAlarm(services)
})
