/** The transfer feature: the import page's accounts, stored all or nothing, and exports after the password. */
import { createExportHandlers } from './export-handlers.ts'
import { createImportHandlers, type TransferDeps } from './import-handlers.ts'

export function createTransfer(deps: TransferDeps) {
  return { handlers: { ...createImportHandlers(deps), ...createExportHandlers(deps) } }
}
