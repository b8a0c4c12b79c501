/**
 * Keyfob's own formats: the encrypted backup (validation alone, and the whole
 * restore with its KDF and decryption), and the vault (envelope validation,
 * content decoding, and opening a mutated envelope with the right master key).
 */
import { importKeyfobBackup } from '../../src/core/export/import-keyfob-backup.ts'
import { parseKeyfobBackup } from '../../src/core/export/parse-keyfob-backup.ts'
import { deserializeContent } from '../../src/core/vault/content-codec.ts'
import { parseEnvelope } from '../../src/core/vault/parse-envelope.ts'
import { openVault } from '../../src/core/vault/vault.ts'
import { defineTarget, FILE_KDF_TIME_LIMIT_MS, PARSER_TIME_LIMIT_MS } from '../fuzz-target.ts'
import { fileInputArb, valueInputArb, type FileInput } from '../input-arbitraries.ts'
import { vaultSeeds } from '../seeds/cached-seeds.ts'
import { VAULT_PASSWORD } from '../seeds/vault-seeds.ts'

const encoder = new TextEncoder()
/** Values as storage or JSON.parse hand them over: plain data, no prototypes or classes. */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown
const jsonSize = (v: unknown) => JSON.stringify(v)?.length ?? 0

export const KEYFOB_TARGETS = [
  defineTarget<unknown>({
    name: 'keyfob-backup-parse',
    entry: 'parseKeyfobBackup',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 1,
    ciRuns: 800,
    prepare: async (size) => ({
      arbitrary: valueInputArb([asJson(JSON.parse((await vaultSeeds()).backupText))], size),
      run: parseKeyfobBackup,
      sizeOf: jsonSize,
    }),
  }),
  defineTarget<FileInput>({
    name: 'keyfob-backup-import',
    entry: 'importKeyfobBackup',
    timeLimitMs: FILE_KDF_TIME_LIMIT_MS,
    weight: 1,
    ciRuns: 300,
    prepare: async (size) => ({
      arbitrary: fileInputArb([{ bytes: encoder.encode((await vaultSeeds()).backupText) }], size, { password: VAULT_PASSWORD }),
      run: (f) => importKeyfobBackup(f.bytes, f.password),
      sizeOf: (f) => f.bytes.length,
    }),
  }),
  defineTarget<unknown>({
    name: 'vault-envelope',
    entry: 'parseEnvelope',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 1,
    ciRuns: 800,
    prepare: async (size) => {
      const s = await vaultSeeds()
      return { arbitrary: valueInputArb([asJson(s.deviceEnvelope), asJson(s.fullEnvelope)], size), run: parseEnvelope, sizeOf: jsonSize }
    },
  }),
  defineTarget<FileInput>({
    name: 'vault-content',
    entry: 'deserializeContent',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 1,
    ciRuns: 800,
    prepare: async (size) => ({
      arbitrary: fileInputArb([{ bytes: encoder.encode((await vaultSeeds()).contentText) }], size),
      // The vault decrypts bytes and decodes them as UTF-8 before this step; a lenient decode stands in for that.
      run: (f) => deserializeContent(new TextDecoder().decode(f.bytes)),
      sizeOf: (f) => f.bytes.length,
    }),
  }),
  defineTarget<unknown>({
    name: 'vault-open',
    entry: 'parseEnvelope + openVault',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 1,
    ciRuns: 500,
    prepare: async (size) => {
      const s = await vaultSeeds()
      return {
        arbitrary: valueInputArb([asJson(s.deviceEnvelope)], size),
        run: (value) => openVault(parseEnvelope(value), s.masterKey),
        sizeOf: jsonSize,
      }
    },
  }),
]
