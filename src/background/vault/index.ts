/** The vault feature: the encrypted vault while the worker runs, auto-lock, and the vault's requests. */
import type { AlarmPort } from '../alarm-port.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import type { Settings } from '../../shared/settings.ts'
import type { StatusInfo } from '../../shared/protocol.ts'
import { createAutoLock } from './auto-lock.ts'
import type { DeviceKeyStore } from './device-key-store.ts'
import { createVaultHandlers } from './vault-handlers.ts'
import { VaultService } from './vault-service.ts'

/** The vault itself: created first, since every other feature reads or changes it. */
export function createVault(deps: {
  local: KeyValueArea
  session: KeyValueArea
  deviceKeys: DeviceKeyStore
  now: () => number
}): VaultService {
  return new VaultService(deps)
}

/** Auto-lock and the vault's requests, once the settings they read exist. */
export function createVaultFeature(deps: {
  vault: VaultService
  settings: { get(): Promise<Pick<Settings, 'autoLockMinutes'>> }
  status: () => Promise<StatusInfo>
  alarms: AlarmPort
  now: () => number
}) {
  const autoLock = createAutoLock(deps)
  return { autoLock, handlers: createVaultHandlers({ vault: deps.vault, status: deps.status, scheduleAutoLock: autoLock.schedule }) }
}
