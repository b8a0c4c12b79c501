/**
 * Exports to Keyfob's own encrypted backup and to formats other authenticators
 * import, as the background and the import page use them. See
 * docs/backup-format.md for the backup and for what each format cannot carry.
 */
export { exportKeyfobBackup } from './export-keyfob-backup.ts'
export { importKeyfobBackup } from './import-keyfob-backup.ts'
export { isKeyfobBackupJson } from './parse-keyfob-backup.ts'
export { exportAegisJson } from './export-aegis.ts'
export { exportUriList } from './export-uri-list.ts'
export { exportMigrationQrPayloads } from './export-migration.ts'
