/**
 * One or more valid files per import format, plain and encrypted, built from
 * the README's accounts (plain-fixtures.ts). Encrypted seeds use the cheapest
 * KDF parameters each format lets a file choose (scrypt N=16, one PBKDF2
 * iteration, Argon2id at 8 KiB); formats with fixed parameters (2FAS PBKDF2
 * 10,000; Proton and Authenticator v8 Argon2id 19 MiB; Authenticator Pro
 * legacy PBKDF2 64,000) keep theirs.
 */
import {
  aegisEncryptedFile,
  andOtpEncryptedFile,
  andOtpEncryptedOldFile,
  bitwardenEncryptedFile,
  enteEncryptedFile,
  protonEncryptedFile,
  twoFasEncryptedFile,
} from '../../test/support/encrypted-fixtures.ts'
import type { FormatId } from '../../src/core/import/import-result.ts'
import {
  aegisPlainFile,
  andOtpPlainFile,
  authenticatorExtensionPlainFile,
  bitwardenCsvFile,
  bitwardenJsonFile,
  bytesOf,
  FIXTURE_ENTRIES,
  freeOtpPlusFile,
  lastPassFile,
  protonPlainFile,
  raivoFile,
  steamMaFile,
  twoFasPlainFile,
  uriListFile,
} from '../../test/support/plain-fixtures.ts'
import { buildOtpauthUri } from '../../src/core/uri/build-otpauth-uri.ts'
import { encodeMigrationPayloads } from '../../src/core/uri/encode-migration-payloads.ts'
import {
  authProLegacyFile,
  authProPlainFile,
  freeOtpBackupFile,
  totpAuthenticatorFile,
  winAuthText,
  zipFile,
} from '../../test/support/more-format-fixtures.ts'
import { authenticatorExtensionLegacySeed, authenticatorExtensionV8Seed } from './authenticator-extension-seeds.ts'
import { migrationCaseUris } from './text-seeds.ts'

/** The password of every encrypted seed. */
export const FUZZ_PASSWORD = 'fuzz-password'

export interface FileSeed {
  bytes: Uint8Array
  encrypted: boolean
  /** Opening it runs a KDF whose cost the format fixes at tens of milliseconds. */
  slowKdf?: boolean
}

const plain = (bytes: Uint8Array): FileSeed => ({ bytes, encrypted: false })
const sealed = (bytes: Uint8Array, slowKdf = false): FileSeed => ({ bytes, encrypted: true, slowKdf })
const E = FIXTURE_ENTRIES
const otp = E.filter((e) => e.type !== 'steam')
const steam = E.filter((e) => e.type === 'steam')
const text = (t: string) => new TextEncoder().encode(t)

/** Blank lines, a non-URI line, Bitwarden's steam:// form, a migration line and Ente's codeDisplay, in one list. */
function mixedUriList(migrationUri: string): string {
  const display = encodeURIComponent(JSON.stringify({ pinned: true, trashed: false, tags: ['Work'], note: 'n' }))
  return [
    buildOtpauthUri(E[0]!),
    '',
    '  ',
    'not a URI',
    `steam://${steam[0]!.secret}`,
    migrationUri,
    `otpauth://totp/Ente:x?secret=${E[1]!.secret}&issuer=Ente&codeDisplay=${display}`,
  ].join('\n')
}

export async function buildFormatSeeds(): Promise<Record<FormatId, FileSeed[]>> {
  const P = FUZZ_PASSWORD
  const migration = encodeMigrationPayloads(otp, { maxAccounts: 2, batchId: 7, skipUnsupported: true }).uris
  return {
    'otpauth-uri-list': [plain(uriListFile(E)), plain(uriListFile(E, '\r\n')), plain(text(mixedUriList(migration[0]!)))],
    'google-migration': [plain(text(migration.join('\n'))), plain(text(migrationCaseUris().join('\n')))],
    aegis: [
      plain(aegisPlainFile(E)),
      plain(aegisPlainFile(E, 2)),
      plain(aegisPlainFile(E, 1)),
      sealed(await aegisEncryptedFile(E, P, { n: 16, r: 1, p: 1 })),
    ],
    'two-fas': [plain(twoFasPlainFile(E)), sealed(await twoFasEncryptedFile(E.slice(0, 3), P))],
    andotp: [plain(andOtpPlainFile(E)), sealed(await andOtpEncryptedFile(E, P, 1)), sealed(await andOtpEncryptedOldFile(E.slice(0, 3), P))],
    'bitwarden-json': [plain(bitwardenJsonFile(E)), sealed(await bitwardenEncryptedFile(E, P, 1))],
    'bitwarden-csv': [plain(bitwardenCsvFile(E))],
    'authenticator-extension': [
      plain(authenticatorExtensionPlainFile(E)),
      sealed(await authenticatorExtensionV8Seed(E.slice(0, 3), P), true),
      sealed(await authenticatorExtensionLegacySeed(E.slice(0, 3), P, true)),
      sealed(await authenticatorExtensionLegacySeed(E.slice(0, 2), P, false)),
    ],
    'ente-encrypted': [sealed(await enteEncryptedFile(new TextDecoder().decode(uriListFile(E)), P, { memLimit: 8192, opsLimit: 1 }))],
    'freeotp-plus': [plain(freeOtpPlusFile(E.filter((e) => e.type !== 'steam')))],
    lastpass: [plain(lastPassFile(E.filter((e) => e.type === 'totp')))],
    'proton-authenticator': [plain(protonPlainFile(E)), sealed(await protonEncryptedFile(E.slice(0, 3), P), true)],
    steam: [
      plain(steamMaFile(steam[0]!)),
      plain(bytesOf({ accounts: { 1: JSON.parse(new TextDecoder().decode(steamMaFile(steam[0]!))) as unknown } })),
    ],
    raivo: [plain(raivoFile(otp))],
    // Authenticator Pro's strong container (Argon2id 64 MiB × 3) is left out: about a second an input.
    'authenticator-pro': [plain(authProPlainFile(E)), sealed(await authProLegacyFile(E.slice(0, 3), P), true)],
    freeotp: [sealed(await freeOtpBackupFile(otp.slice(0, 4), P, 1)), sealed(await freeOtpBackupFile(otp.slice(0, 2), P, 1, 'SHA-1'))],
    'totp-authenticator': [
      sealed(
        await totpAuthenticatorFile(
          E.filter((e) => e.type === 'totp'),
          P,
        ),
      ),
    ],
    winauth: [
      plain(text(winAuthText(otp))),
      plain(zipFile('winauth.txt', text(winAuthText(otp)))),
      sealed(zipFile('winauth-2023-11-14.txt', text(winAuthText(otp.slice(0, 3))), P)),
    ],
  }
}
