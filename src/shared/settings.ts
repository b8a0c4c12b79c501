/**
 * Preferences that reveal nothing about accounts, kept in storage.local in clear.
 * (Anything that names an account lives inside the encrypted vault instead.)
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

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
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
export const MAX_CLOCK_CORRECTION_MS = 86_400_000
