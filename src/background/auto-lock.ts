/**
 * Auto-lock: a periodic alarm while unlocked checks how long Keyfob has been
 * unused. Last activity is the last request a person made (the router moves it,
 * counts-as-use.ts: never for the popup refreshing itself), kept in
 * storage.session so it survives worker restarts. Closing the browser clears
 * storage.session, which locks as well.
 */
import browser from 'webextension-polyfill'
import type { Services } from './services.ts'

export const AUTO_LOCK_ALARM = 'keyfob-auto-lock'

/** Pure: is it time to lock? `idleMinutes` 0 means never (only when the browser closes). */
function isIdleTooLong(lastActivity: number | null, now: number, idleMinutes: number): boolean {
  if (idleMinutes <= 0 || lastActivity === null) return false
  return now - lastActivity >= idleMinutes * 60_000
}

export async function scheduleAutoLock(s: Services): Promise<void> {
  const [{ state }, { autoLockMinutes }] = await Promise.all([s.vault.status(), s.settings.get()])
  if (state === 'unlocked' && autoLockMinutes > 0) {
    // Alarms fire at most every 30 s in Chromium; a one-minute check is precise enough.
    await browser.alarms.create(AUTO_LOCK_ALARM, { periodInMinutes: 1 })
  } else {
    await browser.alarms.clear(AUTO_LOCK_ALARM)
  }
}

export async function onAutoLockAlarm(s: Services): Promise<boolean> {
  const { autoLockMinutes } = await s.settings.get()
  if (!isIdleTooLong(await s.vault.lastActivity(), s.now(), autoLockMinutes)) return false
  await s.vault.lock()
  await scheduleAutoLock(s)
  return true
}
