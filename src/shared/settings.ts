/**
 * Preferences. None names an account. Those a forger could use to weaken protection
 * (PROTECTED_SETTINGS) live inside the encrypted vault, where AES-GCM authenticates
 * them; the display ones stay in storage.local, where the locked popup can read them.
 */
export type Theme = 'system' | 'light' | 'dark'
export type SortOrder = 'manual' | 'issuer' | 'account' | 'recent'

export interface Settings {
  /** Lock after this many minutes without using Keyfob; 0 = only when the browser closes. */
  autoLockMinutes: number
  /** Clear the clipboard this many seconds after copying a code, if it still holds it; 0 = never. */
  clipboardClearSeconds: number
  /** Show codes only after a click. */
  hideCodes: boolean
  theme: Theme
  sortOrder: SortOrder
  /** Show Keyfob's button inside detected code fields. */
  fieldButton: boolean
  /** Submit the form after filling a code (off unless the person turns it on). */
  autoSubmit: boolean
  /** Added to the local clock when computing codes, after the person accepted a measured skew. */
  clockCorrectionMs: number
}

export const DEFAULT_SETTINGS: Readonly<Settings> = /* @__PURE__ */ Object.freeze({
  autoLockMinutes: 15,
  clipboardClearSeconds: 30,
  hideCodes: false,
  theme: 'system',
  sortOrder: 'manual',
  fieldButton: true,
  autoSubmit: false,
  clockCorrectionMs: 0,
})

export const AUTO_LOCK_CHOICES = [0, 1, 5, 15, 30, 60, 240] as const
export const CLIPBOARD_CLEAR_CHOICES = [0, 15, 30, 60, 120] as const
export const THEMES: readonly Theme[] = ['system', 'light', 'dark']
export const SORT_ORDERS: readonly SortOrder[] = ['manual', 'issuer', 'account', 'recent']
/**
 * The largest clock correction stored: one the person typed (parse-clock-correction.ts). A
 * correction offered from sites' clocks is capped far lower (MAX_OFFERED_CORRECTION_MS, 10 min).
 */
export const MAX_CLOCK_CORRECTION_MS = 86_400_000

/**
 * Kept inside the vault: a forged value of any of these would weaken protection. autoSubmit
 * submits a form the person has not looked at; autoLockMinutes 0 keeps the vault open until the
 * browser closes; clipboardClearSeconds 0 leaves codes in the clipboard; hideCodes false shows
 * codes to onlookers the person hid them from; clockCorrectionMs makes codes for another time
 * (codes for later can be collected now). All are only needed while unlocked.
 */
export const PROTECTED_SETTINGS = ['autoLockMinutes', 'clipboardClearSeconds', 'hideCodes', 'autoSubmit', 'clockCorrectionMs'] as const
/** Kept in storage.local: the theme is needed before unlocking; the rest only changes how things look. */
export const DISPLAY_SETTINGS = ['theme', 'sortOrder', 'fieldButton'] as const
