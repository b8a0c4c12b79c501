/**
 * Auto-lock: a periodic alarm while unlocked checks how long Keyfob has been
 * unused. Last activity is the last request a person made (index.ts moves it after
 * each popup request that counts, counts-as-use.ts: never for the popup refreshing
 * itself), kept in storage.session so it survives worker restarts. Closing the
 * browser clears storage.session, which locks as well.
 */
import type { Settings } from '../../shared/settings.ts'
import type { AlarmPort } from '../alarm-port.ts'
import type { VaultService } from './vault-service.ts'

export const AUTO_LOCK_ALARM = 'keyfob-auto-lock'

/** Pure: is it time to lock? `idleMinutes` 0 means never (only when the browser closes). */
function isIdleTooLong(lastActivity: number | null, now: number, idleMinutes: number): boolean {
  if (idleMinutes <= 0 || lastActivity === null) return false
  return now - lastActivity >= idleMinutes * 60_000
}

export function createAutoLock(deps: {
  vault: Pick<VaultService, 'status' | 'lastActivity' | 'lock'>
  settings: { get(): Promise<Pick<Settings, 'autoLockMinutes'>> }
  alarms: AlarmPort
  now: () => number
}) {
  const { vault, settings, alarms } = deps
  /** Arms or disarms auto-lock after a lock, an unlock or a settings change. */
  async function schedule(): Promise<void> {
    const [{ state }, { autoLockMinutes }] = await Promise.all([vault.status(), settings.get()])
    if (state === 'unlocked' && autoLockMinutes > 0) {
      // Alarms fire at most every 30 s in Chromium; a one-minute check is precise enough.
      await alarms.create(AUTO_LOCK_ALARM, { periodInMinutes: 1 })
    } else {
      await alarms.clear(AUTO_LOCK_ALARM)
    }
  }
  /** The alarm fired: locks when Keyfob has been unused for longer than the setting. */
  async function onAlarm(): Promise<boolean> {
    const { autoLockMinutes } = await settings.get()
    if (!isIdleTooLong(await vault.lastActivity(), deps.now(), autoLockMinutes)) return false
    await vault.lock()
    await schedule()
    return true
  }
  return { name: AUTO_LOCK_ALARM, schedule, onAlarm }
}
