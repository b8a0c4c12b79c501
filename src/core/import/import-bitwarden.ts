/**
 * Bitwarden JSON exports (backup-formats.md, Bitwarden; Aegis
 * `BitwardenImporter`): plain, password-protected, and the Bitwarden
 * Authenticator app's export. Folders become tags, favourites pinned, notes
 * the note. Account-restricted exports are encrypted under the account key
 * and cannot be opened with a password: they are refused with an explanation.
 */
import { KeyfobError } from '../errors.ts'
import { bitwardenEntry } from './bitwarden-totp.ts'
import { decryptBitwardenExport } from './bitwarden-decrypt.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import {
  asArray,
  asRecord,
  field,
  optArray,
  optBoolean,
  optInteger,
  optRecord,
  optString,
  reqString,
  type JsonRecord,
} from './json-fields.ts'
import { entryName } from './make-entry.ts'
import { requirePassword } from './password.ts'

const LOGIN = 1

export async function importBitwarden(file: JsonRecord, options: ImportOptions): Promise<ImportResult> {
  if (field(file, 'encrypted') === true) {
    if (field(file, 'passwordProtected') !== true) {
      throw new KeyfobError(
        'UNSUPPORTED_FORMAT',
        'This Bitwarden export is "account restricted": it is encrypted with your Bitwarden account key, not a password, so no other app can open it. Export again choosing "Password protected" (or an unencrypted .json/.csv).',
      )
    }
    const plain = await decryptBitwardenExport(file, requirePassword('bitwarden-json', options))
    return readVault(asRecord(plain, 'data (decrypted)'))
  }
  return readVault(file)
}

function readVault(vault: JsonRecord): ImportResult {
  const folders = new Map<string, string>()
  optArray(vault, 'folders', 'the file')?.forEach((f, i) => {
    const folder = asRecord(f, `folders[${i}]`)
    folders.set(reqString(folder, 'id', `folders[${i}]`), optString(folder, 'name', `folders[${i}]`) ?? '')
  })
  const collector = new ImportCollector('bitwarden-json')
  let withoutTotp = 0
  asArray(field(vault, 'items'), 'items').forEach((value, i) => {
    const path = `items[${i}]`
    const item = asRecord(value, path)
    const login = optRecord(item, 'login', path)
    const totp = login && optString(login, 'totp', `${path}.login`)
    if (optInteger(item, 'type', path) !== LOGIN || !login || !totp?.trim()) {
      withoutTotp++
      return
    }
    const name = optString(item, 'name', path) ?? ''
    const username = optString(login, 'username', `${path}.login`) ?? ''
    const folderId = optString(item, 'folderId', path)
    const folder = folderId === undefined ? undefined : folders.get(folderId)
    collector.attempt(entryName(name, username, i), () =>
      bitwardenEntry({
        totp,
        name,
        username,
        tags: folder ? [folder] : [],
        pinned: optBoolean(item, 'favorite', path) ?? false,
        note: optString(item, 'notes', path),
      }),
    )
  })
  if (withoutTotp > 0) collector.warn(`${withoutTotp} item(s) without a TOTP key (passwords, notes, cards…) were ignored.`)
  return collector.result()
}
