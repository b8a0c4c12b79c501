/**
 * Settings: the display ones in storage.local, the protected ones (PROTECTED_SETTINGS) inside
 * the encrypted vault content, so nothing written into storage.local from outside (a content
 * script in Firefox, which cannot close the area) changes auto-submit, auto-lock, clipboard
 * clearing, hidden codes or the clock correction. While locked, the protected ones read as
 * their defaults; nothing uses them then.
 */
import {
  AUTO_LOCK_CHOICES,
  CLIPBOARD_CLEAR_CHOICES,
  DEFAULT_SETTINGS,
  DISPLAY_SETTINGS,
  MAX_CLOCK_CORRECTION_MS,
  PROTECTED_SETTINGS,
  SORT_ORDERS,
  THEMES,
  type Settings,
} from '../../shared/settings.ts'
import { LOCAL } from '../../shared/storage-keys.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import { watchedKey, type WatchedKey } from '../watched-key.ts'
import type { VaultService } from '../vault/vault-service.ts'

/** Keeps only known keys with allowed values, so a damaged record falls back to defaults field by field. */
function sanitizeSettings(raw: unknown): Settings {
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
    clockCorrectionMs:
      Number.isInteger(r.clockCorrectionMs) && Math.abs(r.clockCorrectionMs as number) <= MAX_CLOCK_CORRECTION_MS
        ? (r.clockCorrectionMs as number)
        : 0,
  }
}

const only = <K extends keyof Settings>(s: Partial<Settings>, keys: readonly K[]): Partial<Pick<Settings, K>> =>
  Object.fromEntries(keys.filter((k) => k in s).map((k) => [k, s[k]])) as Partial<Pick<Settings, K>>

type Vault = Pick<VaultService, 'current' | 'mutate'>

export class SettingsStore {
  /** The display settings' record, kept between reads (watched-key.ts). */
  private readonly stored: WatchedKey

  constructor(
    local: KeyValueArea,
    private readonly vault: Vault,
  ) {
    this.stored = watchedKey(local, LOCAL.settings)
  }

  async get(): Promise<Settings> {
    // Side by side: asked on every popup opening, where one storage round trip after the other added up (issue #15).
    const [stored, content] = await Promise.all([
      this.readLocal(),
      this.vault.current().then(
        (u) => u.content,
        () => null,
      ),
    ])
    if (content && content.settings === undefined) return sanitizeSettings({ ...stored, ...(await this.migrate(stored)) })
    return sanitizeSettings({
      ...only(stored, DISPLAY_SETTINGS),
      ...only((content?.settings ?? {}) as Partial<Settings>, PROTECTED_SETTINGS),
    })
  }

  /** Protected settings need the vault unlocked (VAULT_LOCKED otherwise); they are written as one new vault generation. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const protectedPatch = only(patch, PROTECTED_SETTINGS)
    if (Object.keys(protectedPatch).length > 0) {
      await this.vault.mutate((content) => {
        content.settings = only(sanitizeSettings({ ...content.settings, ...protectedPatch }), PROTECTED_SETTINGS)
      })
    }
    const displayPatch = only(patch, DISPLAY_SETTINGS)
    if (Object.keys(displayPatch).length > 0) {
      await this.stored.write(only(sanitizeSettings({ ...(await this.readLocal()), ...displayPatch }), DISPLAY_SETTINGS))
    }
    return this.get()
  }

  private async readLocal(): Promise<Partial<Settings>> {
    return only(sanitizeSettings(await this.stored.read()), [...DISPLAY_SETTINGS, ...PROTECTED_SETTINGS])
  }

  /**
   * A vault from before settings moved inside it: its protected settings are still in storage.local.
   * They move into the vault once (a vault with a settings object never takes them again), then leave
   * storage.local. New vaults start with a settings object, so they never take anything from there.
   */
  private async migrate(stored: Partial<Settings>): Promise<Partial<Settings>> {
    const moved = await this.vault.mutate((content) => {
      content.settings ??= only(sanitizeSettings(stored), PROTECTED_SETTINGS)
      return content.settings
    })
    await this.stored.write(only(sanitizeSettings(stored), DISPLAY_SETTINGS))
    return moved
  }
}
