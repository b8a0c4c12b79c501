/**
 * Ente Auth encrypted exports (backup-formats.md, Ente Auth; ente
 * `export_widget.dart`, `encrypted_ente_import.dart`): key = libsodium
 * crypto_pwhash Argon2id v1.3 (t = opsLimit, m = memLimit / 1024 KiB, p = 1),
 * then one secretstream message whose plaintext is the plain text export.
 * The KDF limits come from the file and are bounded before anything runs.
 * (Ente's plain export is an otpauth URI list, see import-uri-list.ts.)
 */
import { KeyfobError } from '../errors.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import { collectUriLines } from './import-uri-list.ts'
import { asRecord, decodeBase64Field, field, reqInteger, reqString, type JsonRecord } from './json-fields.ts'
import { argon2idKey, checkArgon2 } from './kdf.ts'
import { requirePassword, wrongPassword } from './password.ts'
import { decodeText } from './read-json.ts'
import { secretstreamPullFirst, SECRETSTREAM_HEADER_BYTES } from './secretstream-pull.ts'

const FORMAT = 'ente-encrypted'

export async function importEnteEncrypted(file: JsonRecord, options: ImportOptions): Promise<ImportResult> {
  const version = field(file, 'version')
  if (version !== undefined && version !== 1) {
    throw new KeyfobError('UNSUPPORTED_FORMAT', `Unsupported Ente export version ${JSON.stringify(version)?.slice(0, 20)} (expected 1).`)
  }
  const kdf = asRecord(field(file, 'kdfParams'), 'kdfParams')
  const memLimit = reqInteger(kdf, 'memLimit', 'kdfParams')
  const params = { memoryKiB: memLimit / 1024, iterations: reqInteger(kdf, 'opsLimit', 'kdfParams'), parallelism: 1 }
  checkArgon2(params) // also rejects a memLimit that is not a whole number of KiB
  const salt = decodeBase64Field(reqString(kdf, 'salt', 'kdfParams'), 'kdfParams.salt', 16)
  const header = decodeBase64Field(reqString(file, 'encryptionNonce', 'the file'), 'encryptionNonce', SECRETSTREAM_HEADER_BYTES)
  const data = decodeBase64Field(reqString(file, 'encryptedData', 'the file'), 'encryptedData')

  const key = await argon2idKey(requirePassword(FORMAT, options), salt, params)
  // Ente writes TAG_MESSAGE (0), not TAG_FINAL, so the tag is not checked.
  const pulled = secretstreamPullFirst(key, header, data)
  if (pulled === null) throw wrongPassword(FORMAT)
  const collector = new ImportCollector(FORMAT)
  collectUriLines(decodeText(pulled.message, 'The decrypted Ente export'), collector)
  return collector.result()
}
