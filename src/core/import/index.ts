/**
 * Importers for other authenticators' backups (docs: /shared/spec/backup-formats.md).
 * `importBackup` detects and dispatches; the per-format functions are exported
 * for callers that already know the format (and for round-trip tests).
 */
export { importBackup } from './import-backup.ts'
export { detectFormat } from './detect-format.ts'
export {
  FORMAT_NAMES,
  type FormatId,
  type ImportedEntry,
  type ImportOptions,
  type ImportResult,
  type SkippedEntry,
} from './import-result.ts'
export { errorFormat } from './password.ts'
export * as IMPORT_LIMITS from './limits.ts'
export { importAegis } from './import-aegis.ts'
export { importAndOtp } from './import-andotp.ts'
export { importAuthenticatorExtension } from './import-authenticator-extension.ts'
export { importBitwarden } from './import-bitwarden.ts'
export { importBitwardenCsv } from './import-bitwarden-csv.ts'
export { importEnteEncrypted } from './import-ente.ts'
export { importFreeOtpPlus } from './import-freeotp-plus.ts'
export { importLastPass } from './import-lastpass.ts'
export { importProtonAuthenticator } from './import-proton-authenticator.ts'
export { importRaivo } from './import-raivo.ts'
export { importSteam } from './import-steam.ts'
export { importTwoFas } from './import-two-fas.ts'
export { importUriList } from './import-uri-list.ts'
