/** Every request the extension's own pages may make, in one table the router checks. */
import { tabClient } from '../shared/background-messaging.ts'
import type { Handlers, PopupToBackground } from '../shared/protocol.ts'
import { accountList, createAccountHandlers } from './account-handlers.ts'
import { createExportHandlers } from './export-handlers.ts'
import { createFillHandlers } from './fill-handlers.ts'
import { createImportHandlers } from './import-handlers.ts'
import { createOpenPopupHandlers } from './open-popup.ts'
import { createScanHandlers } from './scan-handlers.ts'
import type { ExtensionPageContext } from './check-sender.ts'
import type { Services } from './services.ts'
import { createVaultHandlers } from './vault-handlers.ts'

export function createPopupHandlers(s: Services) {
  const vault = createVaultHandlers(s)
  const openPopup = createOpenPopupHandlers({
    status: vault.getStatus.handle,
    accounts: (url) => accountList(s, url),
    pendingScan: () => s.scans.latest(),
    pendingFramed: (tabId) => s.autofill.pendingFramed(tabId),
    frontTab: (tabId) => tabClient(tabId, 0)('otpFieldStatus', {}),
  })
  return { ...vault, ...createAccountHandlers(s), ...createImportHandlers(s), ...createScanHandlers(s), ...createExportHandlers(s), ...createFillHandlers(s), ...openPopup } satisfies Handlers<PopupToBackground, ExtensionPageContext>
}
