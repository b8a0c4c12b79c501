import { AUTO_LOCK_CHOICES, CLIPBOARD_CLEAR_CHOICES, DEFAULT_SETTINGS, MAX_CLOCK_CORRECTION_MS, SORT_ORDERS, THEMES, type Settings } from '../shared/settings.ts'
import { LOCAL } from '../shared/storage-keys.ts'
import type { KeyValueArea } from './key-value-area.ts'

/** Keeps only known keys with allowed values, so a damaged record falls back to defaults field by field. */
export function sanitizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof Settings, unknown>>
  const pick = <T>(value: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback)
  return {
    autoLockMinutes: pick(r.autoLockMinutes, AUTO_LOCK_CHOICES, DEFAULT_SETTINGS.autoLockMinutes),
    clipboardClearSeconds: pick(r.clipboardClearSeconds, CLIPBOARD_CLEAR_CHOICES, DEFAULT_SETTINGS.clipboardClearSeconds),
    hideCodes: typeof r.hideCodes === 'boolean' ? r.hideCodes : DEFAULT_SETTINGS.hideCodes,
    theme: pick(r.theme, THEMES, DEFAULT_SETTINGS.theme),
    sortOrder: pick(r.sortOrder, SORT_ORDERS, DEFAULT_SETTINGS.sortOrder),
    fieldButton: typeof r.fieldButton === 'boolean' ? r.fieldButton : DEFAULT_SETTINGS.fieldButton,
    autoSubmit: typeof r.autoSubmit === 'boolean' ? r.autoSubmit : DEFAULT_SETTINGS.autoSubmit,
    clockCorrectionMs: Number.isInteger(r.clockCorrectionMs) && Math.abs(r.clockCorrectionMs as number) <= MAX_CLOCK_CORRECTION_MS ? (r.clockCorrectionMs as number) : 0,
  }
}

export class SettingsStore {
  constructor(private readonly local: KeyValueArea) {}

  async get(): Promise<Settings> {
    return sanitizeSettings((await this.local.get([LOCAL.settings]))[LOCAL.settings])
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = sanitizeSettings({ ...(await this.get()), ...patch })
    await this.local.set({ [LOCAL.settings]: next })
    return next
  }
}
