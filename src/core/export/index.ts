/**
 * Exports to Keyfob's own encrypted backup and to formats other authenticators
 * import. See docs/backup-format.md for the backup and for what each format
 * cannot carry.
 */
export { exportKeyfobBackup, type KeyfobBackupOptions } from './export-keyfob-backup.ts'
export { importKeyfobBackup, type KeyfobBackupContent } from './import-keyfob-backup.ts'
export { BACKUP_FORMAT, BACKUP_VERSION, type KeyfobBackup } from './keyfob-backup-format.ts'
export { isKeyfobBackupJson, parseKeyfobBackup } from './parse-keyfob-backup.ts'
export { exportAegisJson, type AegisExportOptions } from './export-aegis.ts'
export { aegisLimitations } from './aegis-limitations.ts'
export { exportUriList } from './export-uri-list.ts'
export {
  exportMigrationQrPayloads, MIGRATION_QR_MAX_ACCOUNTS, MIGRATION_QR_MAX_CHARS, type MigrationQrExport,
} from './export-migration.ts'
export { accountsInOrder, type ExportFormat, type SkippedExport, type TextExport } from './export-result.ts'
export { plaintextWarning } from './plaintext-warning.ts'
export { exportFileName } from './export-file-name.ts'
