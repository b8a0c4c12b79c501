/** The settings feature: preferences (settings-store.ts), the clock check against sites, and the status pages show. */
import type { StatusInfo } from '../../shared/protocol.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import type { VaultService } from '../vault/vault-service.ts'
import { ClockCheck } from './clock-check.ts'
import { SettingsStore } from './settings-store.ts'

export function createSettings(deps: {
  local: KeyValueArea
  session: KeyValueArea
  vault: Pick<VaultService, 'current' | 'mutate' | 'status'>
  now: () => number
  version: string
  /** The `Date` header of a HEAD request to an origin, or null (clock-check.ts). */
  fetchDate: (origin: string) => Promise<string | null>
}) {
  const store = new SettingsStore(deps.local, deps.vault)
  const clock = new ClockCheck(deps.session, deps.now, deps.fetchDate)
  return {
    store,
    clock,
    /** The time codes are computed for: the clock plus the correction the person accepted. */
    codeNow: async () => deps.now() + (await store.get()).clockCorrectionMs,
    /** The vault's state, the settings and the clock warning, as the pages show them. */
    status: async (): Promise<StatusInfo> => {
      // Side by side: asked on every popup opening (issue #15).
      const settings = store.get()
      const [vault, warning] = await Promise.all([deps.vault.status(), settings.then((s) => clock.warning(s.clockCorrectionMs))])
      return { ...vault, version: deps.version, settings: await settings, clock: warning }
    },
  }
}
