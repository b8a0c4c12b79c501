/**
 * Every storage key Keyfob uses, its area, and why it lives there.
 *
 * storage.local (survives restarts; never holds anything in clear that names an account; the
 * worker closes it to content scripts where the browser allows, see close-local-storage.ts):
 *   vault          the current encrypted vault envelope (docs/vault-format.md)
 *   vaultPrevious  the previous good generation, kept for recovery
 *   vaultDamaged   a damaged vault set aside when the previous generation was restored (never deleted)
 *   throttle       wrong-password counter and lock-out end (must survive worker and browser restarts)
 *   settings       display preferences only (theme, sort order, field button); the ones that
 *                  weaken protection if forged are inside the vault (settings-store.ts)
 *   hotp:<id>      account <id>'s HOTP counter after a code was used, encrypted under the master key,
 *                  until the next vault write takes it in (bookkeeping.ts, docs/vault-format.md)
 *   lastUsed       when accounts were last used, encrypted, batched: until the next vault write
 *
 * storage.session (cleared when the browser closes; trusted contexts only — its access
 * level is never widened, so content scripts cannot read it):
 *   sessionKey     the raw master key while unlocked, so a restarted worker stays unlocked
 *   lastActivity   when Keyfob was last used, for auto-lock
 *   clock          the latest clock-skew measurement per https site, against its Date header
 *                  ({site: {skewMs, at}}): it names sites the person signs in to, so it is not kept
 *                  beyond the session
 *   clipboardClear the SHA-256 of the code last copied, while its clear is pending (Firefox: an alarm
 *                  wakes the event page for it, which may have been stopped with its timer)
 *   pendingScans   scans waiting for the person's Add (their accounts, secrets included), for at
 *                  most ten minutes, so an idle worker stop does not lose them (pending-scans.ts)
 *   scanParts      the parts of a migration export scanned so far, until the last one arrives
 *   lastUsed       when accounts were used since the last flush to storage.local's lastUsed (bookkeeping.ts)
 *   counters       a copy of the hotp:<id> records' counters, so a record removed from storage.local meanwhile
 *                  cannot lower one before the browser closes (bookkeeping.ts)
 */
export const LOCAL = {
  vault: 'vault',
  vaultPrevious: 'vaultPrevious',
  vaultDamaged: 'vaultDamaged',
  throttle: 'throttle',
  settings: 'settings',
  lastUsed: 'lastUsed',
  /** Followed by the account's id: one record per account (bookkeeping.ts). */
  counterPrefix: 'hotp:',
} as const

export const SESSION = {
  sessionKey: 'sessionKey',
  lastActivity: 'lastActivity',
  clock: 'clock',
  clipboardClear: 'clipboardClear',
  pendingScans: 'pendingScans',
  scanParts: 'scanParts',
  lastUsed: 'lastUsed',
  counters: 'counters',
} as const

/** The IndexedDB database holding the non-extractable device key (a CryptoKey cannot go into storage.*). */
export const DEVICE_KEY_DB = { name: 'keyfob-device-key', store: 'keys', id: 'device' } as const
