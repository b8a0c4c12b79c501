/**
 * Which requests from the extension's pages are something a person did, and so
 * count as use for auto-lock (they move lastActivity). What a page asks on its own
 * does not: the popup's refresh when a code expires, and the status it asks after
 * an error (and the export page when it loads). Otherwise a popup left open would
 * refresh itself every 30 s and never lock.
 *
 * Every request is listed, so a new one is a build error until someone decides.
 * When unsure, false: auto-lock then locks sooner, never later.
 */
import type { PopupToBackground } from '../shared/protocol.ts'

const COUNTS_AS_USE: { readonly [K in keyof PopupToBackground]: boolean } = {
  // Asked by a page on its own.
  getStatus: false,
  refreshCodes: false,
  listCodes: false,
  // The Sync page asks it when it opens and while it is shown.
  syncStatus: false,
  // Nothing left to keep unlocked.
  lock: false,
  // The person opened the popup, or did something in it or in an options page. openPopup is
  // sent only when the popup opens (and after an unlock or another change of the vault's state the
  // person made); the popup's own timer asks refreshCodes, its drawing listCodes, and its fallback after an error getStatus.
  openPopup: true,
  listAccounts: true,
  setup: true,
  unlock: true,
  restorePrevious: true,
  addAccounts: true,
  addManual: true,
  nextHotpCode: true,
  // Asked when the person opens an account's edit panel.
  suggestSites: true,
  updateAccount: true,
  moveAccount: true,
  deleteAccount: true,
  restoreAccount: true,
  codeCopied: true,
  importAccounts: true,
  scanImage: true,
  scanActiveTab: true,
  pickScanRegion: true,
  confirmPendingScan: true,
  fillFromPopup: true,
  confirmFramedFill: true,
  cancelFramedFill: true,
  exportVault: true,
  accountQr: true,
  changePassword: true,
  addPassword: true,
  updateSettings: true,
  correctClock: true,
  syncConnect: true,
  syncNow: true,
  syncDisconnect: true,
  // The passkeys page asks it on its own when it loads.
  passkeyList: false,
  // The unlock page asks it on its own when it loads (while locked: there is nothing to keep unlocked).
  // The person entered the password, used a passkey or pressed Remove.
  passkeyBegin: true,
  passkeyEnrol: true,
  passkeyUnlock: true,
  passkeyRemove: true,
}

/** Whether the popup request `type` counts as use (false for a name that is no request). */
export function countsAsUse(type: string): boolean {
  return Object.hasOwn(COUNTS_AS_USE, type) && COUNTS_AS_USE[type as keyof PopupToBackground]
}

/**
 * Moves auto-lock's clock (`touch`, a storage.session write) when request `type` counts as use, without
 * holding the answer for it: a popup open waited for the write (issue #15). Started before the answer
 * leaves, so a later request finds it under way; a write that fails only leaves the clock where it was
 * (auto-lock then locks sooner, never later), as when the answer waited for it.
 */
export function recordUse(type: string, touch: () => Promise<void>): void {
  if (countsAsUse(type)) touch().catch(() => undefined)
}
