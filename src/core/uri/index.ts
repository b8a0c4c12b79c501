/** otpauth:// key URIs and Google Authenticator export (otpauth-migration://) payloads. */
export { parseOtpauthUri, type ParsedOtpauthUri } from './parse-otpauth-uri.ts'
export { buildOtpauthUri } from './build-otpauth-uri.ts'
export { decodeMigrationUri } from './decode-migration-uri.ts'
export {
  encodeMigrationPayloads,
  type EncodeMigrationOptions,
  type MigrationExport,
  type SkippedAccount,
} from './encode-migration-payloads.ts'
export { migrationLimitations } from './migration-limitations.ts'
export { collectMigrationBatches, type MigrationBatchProgress } from './collect-migration-batches.ts'
export type { MigrationAccount, MigrationBatch } from './migration-schema.ts'
