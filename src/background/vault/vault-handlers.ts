/**
 * Vault requests from the extension's own pages: status, first run, unlock, lock and
 * passwords. The sender was checked before any of these runs (check-sender.ts).
 */
import type { Handlers, PopupToBackground, StatusInfo } from '../../shared/protocol.ts'
import type { ExtensionPageContext } from '../check-sender.ts'
import type { VaultService } from './vault-service.ts'

type VaultEndpoints = Pick<
  PopupToBackground,
  | 'getStatus'
  | 'setup'
  | 'unlock'
  | 'restorePrevious'
  | 'lock'
  | 'changePassword'
  | 'addPassword'
  | 'passkeyBegin'
  | 'passkeyEnrol'
  | 'passkeyUnlock'
  | 'passkeyList'
  | 'passkeyRemove'
>

export function createVaultHandlers(deps: {
  vault: VaultService
  /** The vault's state with the settings and the clock warning, as the pages show it. */
  status: () => Promise<StatusInfo>
  /** Arms or disarms auto-lock after a lock, an unlock or a new password. */
  scheduleAutoLock: () => Promise<void>
}) {
  const { vault, status } = deps
  const withStatus = async (action: Promise<void>): Promise<StatusInfo> => {
    await action
    await deps.scheduleAutoLock()
    return status()
  }
  return {
    getStatus: () => status(),
    setup: ({ password }) => withStatus(vault.setup(password)),
    unlock: ({ password }) => withStatus(vault.unlock(password)),
    restorePrevious: ({ password }) => withStatus(vault.restorePrevious(password)),
    lock: () => withStatus(vault.lock()),
    changePassword: async ({ current, next }) => {
      await vault.changePassword(current, next)
      return {}
    },
    addPassword: ({ password }) => withStatus(vault.addPassword(password)),
    passkeyBegin: ({ password }) => vault.passkeyBegin(password),
    passkeyEnrol: (request) => vault.passkeyEnrol(request),
    passkeyUnlock: ({ credentialId, prfOutput }) => withStatus(vault.passkeyUnlock(credentialId, prfOutput)),
    passkeyList: () => vault.passkeyList(),
    passkeyRemove: ({ id, password }) => vault.passkeyRemove(id, password),
  } satisfies Handlers<VaultEndpoints, ExtensionPageContext>
}
