/**
 * Importers for other authenticators' backups (docs: /shared/spec/backup-formats.md):
 * what the import page uses. `importBackup` detects the format and dispatches to the
 * per-format importers, which tests import from their own modules.
 */
export { importBackup } from './import-backup.ts'
export type { ImportResult } from './import-result.ts'
