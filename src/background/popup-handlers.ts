/** Every request the extension's own pages may make, in one table the router checks. */
import type { Handlers, PopupToBackground } from '../shared/protocol.ts'
import { createAccountHandlers } from './account-handlers.ts'
import { createExportHandlers } from './export-handlers.ts'
import { createFillHandlers } from './fill-handlers.ts'
import { createImportHandlers } from './import-handlers.ts'
import { createScanHandlers } from './scan-handlers.ts'
import type { ExtensionPageContext } from './check-sender.ts'
import type { Services } from './services.ts'
import { createVaultHandlers } from './vault-handlers.ts'

export function createPopupHandlers(s: Services) {
  return { ...createVaultHandlers(s), ...createAccountHandlers(s), ...createImportHandlers(s), ...createScanHandlers(s), ...createExportHandlers(s), ...createFillHandlers(s) } satisfies Handlers<PopupToBackground, ExtensionPageContext>
}
