/**
 * What the handlers work with. index.ts builds it from the real browser APIs;
 * unit tests build it from @webext-core/fake-browser's in-memory ones.
 */
import type { ClockWarning } from '../shared/protocol.ts'
import type { DeviceKeyStore } from './device-key-store.ts'
import type { KeyValueArea } from './key-value-area.ts'
import { CodeEngine } from './code-engine.ts'
import { ScanService } from './scan-service.ts'
import { Autofill } from './autofill.ts'
import { ClockCheck } from './clock-check.ts'
import { SettingsStore } from './settings-store.ts'
import { VaultService } from './vault-service.ts'

export interface Services {
  vault: VaultService
  codes: CodeEngine
  settings: SettingsStore
  scans: ScanService
  autofill: Autofill
  clock: ClockCheck
  /** The time codes are computed for: the clock plus the correction the person accepted. */
  codeNow: () => Promise<number>
  clockWarning: (correctionMs: number) => Promise<ClockWarning | null>
  /** A sentence from _locales, for notices shown in pages. */
  t: (key: string, substitutions?: string | string[]) => string
  now: () => number
  version: string
  /** Arms or disarms auto-lock after a lock, an unlock or a settings change. */
  scheduleAutoLock: () => Promise<void>
  /** The URL of a tab's top frame as its content script reports it, or null (no content script there). */
  tabUrl: (tabId: number) => Promise<string | null>
  /** Empties the clipboard after `delayMs` if it still holds `code`. */
  clearClipboardAfter: (code: string, delayMs: number) => Promise<boolean>
  /** A PNG data URL of the visible part of the active tab of a window (tabs.captureVisibleTab). */
  captureTab: (windowId?: number) => Promise<string>
  /** The window a tab is in (tabs.get needs no permission for that). */
  windowOf: (tabId: number) => Promise<number | undefined>
  /** Sets the alarm that drops expired scans at `when` (Unix ms), or clears it (null). */
  scheduleScanExpiry: (when: number | null) => Promise<void>
}

export function createServices(deps: {
  local: KeyValueArea
  session: KeyValueArea
  deviceKeys: DeviceKeyStore
  now?: () => number
  version: string
  scheduleAutoLock?: (services: Services) => Promise<void>
  tabUrl?: (tabId: number) => Promise<string | null>
  clearClipboardAfter?: (code: string, delayMs: number) => Promise<boolean>
  captureTab?: (windowId?: number) => Promise<string>
  windowOf?: (tabId: number) => Promise<number | undefined>
  scheduleScanExpiry?: (when: number | null) => Promise<void>
  t?: (key: string, substitutions?: string | string[]) => string
  fetchDate?: (origin: string) => Promise<string | null>
}): Services {
  const now = deps.now ?? Date.now
  const vault = new VaultService({ ...deps, now })
  const codes = new CodeEngine()
  const settings = new SettingsStore(deps.local, vault)
  vault.onChange((unlocked) => codes.retain(unlocked?.content.accounts ?? null))
  const services: Services = {
    vault,
    codes,
    settings,
    now,
    version: deps.version,
    scheduleAutoLock: () => deps.scheduleAutoLock?.(services) ?? Promise.resolve(),
    tabUrl: deps.tabUrl ?? (async () => null),
    clearClipboardAfter: deps.clearClipboardAfter ?? (async () => false),
    captureTab: deps.captureTab ?? (async () => { throw new Error('no tab capture here') }),
    windowOf: deps.windowOf ?? (async () => undefined),
    scheduleScanExpiry: deps.scheduleScanExpiry ?? (async () => undefined),
    t: deps.t ?? ((key) => key),
    clock: new ClockCheck(deps.session, now, deps.fetchDate ?? (async () => null)),
    codeNow: async () => now() + (await settings.get()).clockCorrectionMs,
    clockWarning: (correctionMs: number) => services.clock.warning(correctionMs),
  } as Omit<Services, 'scans' | 'autofill'> as Services
  services.scans = new ScanService(services, deps.session)
  services.autofill = new Autofill(services)
  return services
}
