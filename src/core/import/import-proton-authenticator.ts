/**
 * Proton Authenticator JSON exports (backup-formats.md, Proton Authenticator;
 * Aegis `ProtonAuthenticatorImporter`, ente `proton_import_parser.dart`).
 * Plain: entries with an otpauth:// or steam:// URI; `content.name` is the
 * account name shown in the app. Encrypted: Argon2id (t=2, 19 MiB, p=1) and
 * AES-256-GCM with AAD "proton.authenticator.export.v1" around the plain JSON.
 */
import { parseOtpauthUri } from '../uri/parse-otpauth-uri.ts'
import { aesGcmDecrypt } from './ciphers.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import { asArray, asRecord, decodeBase64Field, field, optString, reqString, type JsonRecord } from './json-fields.ts'
import { argon2idKey, utf8Bytes } from './kdf.ts'
import { entryFromUri, entryName } from './make-entry.ts'
import { requirePassword, wrongPassword } from './password.ts'
import { decodeText, parseJson } from './read-json.ts'

const FORMAT = 'proton-authenticator'
const AAD = 'proton.authenticator.export.v1'
const ARGON2 = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 }

export async function importProtonAuthenticator(file: JsonRecord, options: ImportOptions): Promise<ImportResult> {
  const plain = field(file, 'entries') === undefined ? asRecord(await decrypt(file, options), 'content (decrypted)') : file
  const collector = new ImportCollector(FORMAT)
  asArray(field(plain, 'entries'), 'entries').forEach((value, i) => {
    const path = `entries[${i}]`
    const entry = asRecord(value, path)
    const content = asRecord(field(entry, 'content'), `${path}.content`)
    const uri = optString(content, 'uri', `${path}.content`) ?? ''
    const name = optString(content, 'name', `${path}.content`) ?? ''
    const note = optString(entry, 'note', path)
    collector.attempt(entryName(name, '', i), () => {
      const parsed = parseOtpauthUri(uri)
      // The steam:// form carries only the key; its issuer "Steam" is the parser's.
      return entryFromUri({ ...parsed, account: name || parsed.account }, { note })
    })
  })
  return collector.result()
}

async function decrypt(file: JsonRecord, options: ImportOptions): Promise<unknown> {
  const salt = decodeBase64Field(reqString(file, 'salt', 'the file'), 'salt')
  const sealed = decodeBase64Field(reqString(file, 'content', 'the file'), 'content')
  const password = requirePassword(FORMAT, options)
  if (sealed.length < 12 + 16) throw wrongPassword(FORMAT)
  const key = await argon2idKey(password, salt, ARGON2)
  const plain = await aesGcmDecrypt(key, sealed.subarray(0, 12), sealed.subarray(12), utf8Bytes(AAD))
  if (plain === null) throw wrongPassword(FORMAT)
  return parseJson(decodeText(plain, 'The decrypted Proton export'), 'The decrypted Proton export')
}
