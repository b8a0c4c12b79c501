/**
 * Every import format the detector recognises, each through its own exported
 * importer (so mutations that change what the file looks like still reach that
 * importer's code), plus format detection and importBackup, the one entry
 * point the import page calls, over all seeds together. Plain and encrypted
 * seeds are separate targets, with different time bounds (see ENCRYPTED).
 */
import { detectFormat } from '../../src/core/import/detect-format.ts'
import { importAegis } from '../../src/core/import/import-aegis.ts'
import { importAndOtp } from '../../src/core/import/import-andotp.ts'
import { importAuthenticatorExtension } from '../../src/core/import/import-authenticator-extension.ts'
import { importBackup } from '../../src/core/import/import-backup.ts'
import { importBitwardenCsv } from '../../src/core/import/import-bitwarden-csv.ts'
import { importBitwarden } from '../../src/core/import/import-bitwarden.ts'
import { importAuthenticatorPro } from '../../src/core/import/import-authenticator-pro.ts'
import { importFreeOtp } from '../../src/core/import/import-freeotp.ts'
import { importTotpAuthenticator } from '../../src/core/import/import-totp-authenticator.ts'
import { importWinAuthText, importWinAuthZip } from '../../src/core/import/import-winauth.ts'
import { isZip } from '../../src/core/import/zip-archive.ts'
import { importEnteEncrypted } from '../../src/core/import/import-ente.ts'
import { importFreeOtpPlus } from '../../src/core/import/import-freeotp-plus.ts'
import { importLastPass } from '../../src/core/import/import-lastpass.ts'
import { importProtonAuthenticator } from '../../src/core/import/import-proton-authenticator.ts'
import { importRaivo } from '../../src/core/import/import-raivo.ts'
import type { FormatId, ImportOptions } from '../../src/core/import/import-result.ts'
import { importSteam } from '../../src/core/import/import-steam.ts'
import { importTwoFas } from '../../src/core/import/import-two-fas.ts'
import { importUriList } from '../../src/core/import/import-uri-list.ts'
import { asRecord } from '../../src/core/import/json-fields.ts'
import { decodeText, parseJsonBytes, tryDecodeText } from '../../src/core/import/read-json.ts'
import { defineTarget, FILE_KDF_TIME_LIMIT_MS, FIXED_KDF_TIME_LIMIT_MS, PARSER_TIME_LIMIT_MS } from '../fuzz-target.ts'
import { bytesInputArb, fileInputArb, type FileInput } from '../input-arbitraries.ts'
import { formatSeeds } from '../seeds/cached-seeds.ts'
import { FUZZ_PASSWORD } from '../seeds/format-seeds.ts'
import { sampleFiles } from '../seeds/sample-files.ts'
import { URI_DICTIONARY } from '../seeds/text-seeds.ts'

/** The first step of every JSON format, as sniffFormat does it. */
const record = (f: FileInput) => asRecord(parseJsonBytes(f.bytes), 'the file')
const options = (f: FileInput): ImportOptions => (f.password === undefined ? {} : { password: f.password })

/** andOTP: JSON text is the plain backup; anything else is the encrypted binary form. */
function andOtpJson(bytes: Uint8Array): unknown {
  const text = tryDecodeText(bytes)
  return text !== null && /^\s*\[/.test(text) ? parseJsonBytes(bytes) : undefined
}

/** Authenticator Pro: JSON text is the plain backup; anything else an encrypted container. */
function authProJson(bytes: Uint8Array): unknown {
  const text = tryDecodeText(bytes)
  return text !== null && /^\s*\{/.test(text) ? parseJsonBytes(bytes) : undefined
}

const IMPORTERS: Record<FormatId, [entry: string, run: (f: FileInput) => unknown]> = {
  'otpauth-uri-list': ['importUriList', (f) => importUriList(decodeText(f.bytes))],
  'google-migration': ['importUriList', (f) => importUriList(decodeText(f.bytes), 'google-migration')],
  aegis: ['importAegis', (f) => importAegis(record(f), options(f))],
  'two-fas': ['importTwoFas', (f) => importTwoFas(record(f), options(f))],
  andotp: ['importAndOtp', (f) => importAndOtp(andOtpJson(f.bytes), f.bytes, options(f))],
  'bitwarden-json': ['importBitwarden', (f) => importBitwarden(record(f), options(f))],
  'bitwarden-csv': ['importBitwardenCsv', (f) => importBitwardenCsv(decodeText(f.bytes))],
  'authenticator-extension': ['importAuthenticatorExtension', (f) => importAuthenticatorExtension(record(f), options(f))],
  'ente-encrypted': ['importEnteEncrypted', (f) => importEnteEncrypted(record(f), options(f))],
  'freeotp-plus': ['importFreeOtpPlus', (f) => importFreeOtpPlus(record(f))],
  lastpass: ['importLastPass', (f) => importLastPass(record(f))],
  'proton-authenticator': ['importProtonAuthenticator', (f) => importProtonAuthenticator(record(f), options(f))],
  steam: ['importSteam', (f) => importSteam(record(f))],
  raivo: ['importRaivo', (f) => importRaivo(parseJsonBytes(f.bytes))],
  'authenticator-pro': ['importAuthenticatorPro', (f) => importAuthenticatorPro(authProJson(f.bytes), f.bytes, options(f))],
  freeotp: ['importFreeOtp', (f) => importFreeOtp(f.bytes, options(f))],
  'totp-authenticator': ['importTotpAuthenticator', (f) => importTotpAuthenticator(decodeText(f.bytes), options(f))],
  winauth: ['importWinAuthZip', (f) => (isZip(f.bytes) ? importWinAuthZip(f.bytes, options(f)) : importWinAuthText(decodeText(f.bytes)))],
}

/**
 * Formats come in two targets. Plain seeds are fuzzed without a password, so no
 * key derivation can run and the parser's one-second bound applies. Encrypted
 * seeds get the password, and a file may legitimately ask for a costly
 * derivation (limits.ts allows 10,000,000 PBKDF2 iterations, 4.2 s here for
 * SHA-1, or Argon2id at 1 GiB × 4 passes): FILE_KDF_TIME_LIMIT_MS, or
 * FIXED_KDF_TIME_LIMIT_MS where the format fixes the parameters. Formats with a
 * fixed *slow* KDF (Proton, Authenticator v8: Argon2id 19 MiB, tens of
 * milliseconds an input) get a small share of the long run. Parameters beyond
 * the bounds must be refused before any derivation: kdf-refusal.test.ts.
 */
const ENCRYPTED: Partial<Record<FormatId, { weight: number; ciRuns: number; timeLimitMs: number }>> = {
  'proton-authenticator': { weight: 0.05, ciRuns: 30, timeLimitMs: FIXED_KDF_TIME_LIMIT_MS },
  'authenticator-extension': { weight: 0.1, ciRuns: 60, timeLimitMs: FILE_KDF_TIME_LIMIT_MS },
  'two-fas': { weight: 0.5, ciRuns: 150, timeLimitMs: FIXED_KDF_TIME_LIMIT_MS },
  aegis: { weight: 1, ciRuns: 200, timeLimitMs: FILE_KDF_TIME_LIMIT_MS },
  andotp: { weight: 1, ciRuns: 200, timeLimitMs: FILE_KDF_TIME_LIMIT_MS },
  'bitwarden-json': { weight: 1, ciRuns: 200, timeLimitMs: FILE_KDF_TIME_LIMIT_MS },
  'ente-encrypted': { weight: 1, ciRuns: 300, timeLimitMs: FILE_KDF_TIME_LIMIT_MS },
  'authenticator-pro': { weight: 0.2, ciRuns: 60, timeLimitMs: FIXED_KDF_TIME_LIMIT_MS },
  freeotp: { weight: 1, ciRuns: 200, timeLimitMs: FILE_KDF_TIME_LIMIT_MS },
  'totp-authenticator': { weight: 1, ciRuns: 200, timeLimitMs: PARSER_TIME_LIMIT_MS },
  winauth: { weight: 1, ciRuns: 200, timeLimitMs: PARSER_TIME_LIMIT_MS },
}

const sizeOfFile = (f: FileInput) => f.bytes.length

function plainTarget(format: FormatId) {
  return defineTarget<FileInput>({
    name: `import:${format}`,
    entry: IMPORTERS[format][0],
    weight: 1,
    ciRuns: 300,
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    prepare: async (size) => {
      const samples = sampleFiles().filter((s) => !s.encrypted && sniff(s.bytes) === format)
      const seeds = (await formatSeeds())[format].filter((s) => !s.encrypted)
      return {
        arbitrary: fileInputArb([...seeds, ...samples], size, { dictionary: URI_DICTIONARY }),
        run: IMPORTERS[format][1],
        sizeOf: sizeOfFile,
      }
    },
  })
}

function encryptedTarget(format: FormatId) {
  return defineTarget<FileInput>({
    name: `import:${format}:encrypted`,
    entry: IMPORTERS[format][0],
    ...ENCRYPTED[format]!,
    prepare: async (size) => {
      const seeds = (await formatSeeds())[format].filter((s) => s.encrypted)
      return {
        arbitrary: fileInputArb(seeds, size, { dictionary: URI_DICTIONARY, password: FUZZ_PASSWORD }),
        run: IMPORTERS[format][1],
        sizeOf: sizeOfFile,
      }
    },
  })
}

function sniff(bytes: Uint8Array): FormatId | null {
  try {
    return detectFormat(bytes)
  } catch {
    return null
  }
}

const FORMATS = Object.keys(IMPORTERS) as FormatId[]

/** Synthetic seeds, plain or encrypted, but none behind a fixed slow KDF (their own targets fuzz them). */
async function syntheticSeeds(encrypted: boolean) {
  const seeds = await formatSeeds()
  return FORMATS.flatMap((f) => seeds[f]).filter((s) => s.encrypted === encrypted && !s.slowKdf)
}

/** Plain seeds and every real export (encrypted ones too: without a password, their slow KDFs never run). */
async function plainFiles() {
  return [...(await syntheticSeeds(false)), ...sampleFiles()]
}

export const IMPORT_TARGETS = [
  defineTarget<Uint8Array>({
    name: 'detect-format',
    entry: 'detectFormat',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 2,
    ciRuns: 800,
    prepare: async (size) => ({
      arbitrary: bytesInputArb(
        [...(await plainFiles()), ...(await syntheticSeeds(true))].map((s) => s.bytes),
        size,
      ),
      run: (b) => detectFormat(b),
      sizeOf: (b) => b.length,
    }),
  }),
  defineTarget<FileInput>({
    name: 'import-backup',
    entry: 'importBackup',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 2,
    ciRuns: 500,
    prepare: async (size) => ({
      arbitrary: fileInputArb(await plainFiles(), size, { dictionary: URI_DICTIONARY }),
      run: (f) => importBackup(f.bytes, options(f)),
      sizeOf: sizeOfFile,
    }),
  }),
  defineTarget<FileInput>({
    name: 'import-backup:encrypted',
    entry: 'importBackup',
    timeLimitMs: FILE_KDF_TIME_LIMIT_MS,
    weight: 1,
    ciRuns: 300,
    prepare: async (size) => ({
      arbitrary: fileInputArb(await syntheticSeeds(true), size, { dictionary: URI_DICTIONARY, password: FUZZ_PASSWORD }),
      run: (f) => importBackup(f.bytes, options(f)),
      sizeOf: sizeOfFile,
    }),
  }),
  ...FORMATS.flatMap((format) => [
    ...(format === 'ente-encrypted' || format === 'freeotp' || format === 'totp-authenticator' ? [] : [plainTarget(format)]),
    ...(ENCRYPTED[format] ? [encryptedTarget(format)] : []),
  ]),
]
