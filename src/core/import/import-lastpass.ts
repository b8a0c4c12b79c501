/**
 * LastPass Authenticator JSON exports (backup-formats.md, LastPass; Stratum
 * sample `lastpass.json`): TOTP only. An empty `issuerName` falls back to
 * `originalIssuerName`; folders become tags except the built-in folder 0
 * ("Other accounts"), and favourites become pinned.
 */
import { ImportCollector } from './import-collector.ts'
import type { ImportResult } from './import-result.ts'
import { asArray, asRecord, field, optArray, optBoolean, optInteger, optRecord, optString, type JsonRecord } from './json-fields.ts'
import { entryName, makeEntry } from './make-entry.ts'

const OTHER_ACCOUNTS = 0
const FAVORITES = 1

export function importLastPass(file: JsonRecord): ImportResult {
  const folders = new Map<number, string>()
  optArray(file, 'folders', 'the file')?.forEach((f, i) => {
    const folder = asRecord(f, `folders[${i}]`)
    const id = optInteger(folder, 'id', `folders[${i}]`)
    if (id !== undefined) folders.set(id, optString(folder, 'name', `folders[${i}]`) ?? '')
  })
  const collector = new ImportCollector('lastpass')
  asArray(field(file, 'accounts'), 'accounts').forEach((value, i) => {
    const path = `accounts[${i}]`
    const account = asRecord(value, path)
    const issuer = optString(account, 'issuerName', path) || optString(account, 'originalIssuerName', path) || ''
    const user = optString(account, 'userName', path) || optString(account, 'originalUserName', path) || ''
    const folderId = optInteger(optRecord(account, 'folderData', path) ?? {}, 'folderId', `${path}.folderData`)
    const folder = folderId === undefined || folderId === OTHER_ACCOUNTS || folderId === FAVORITES ? undefined : folders.get(folderId)
    collector.attempt(entryName(issuer, user, i), () =>
      makeEntry({
        type: 'totp',
        secret: optString(account, 'secret', path) ?? '',
        algorithm: optString(account, 'algorithm', path),
        digits: optInteger(account, 'digits', path),
        period: optInteger(account, 'timeStep', path),
        issuer,
        account: user,
        tags: folder ? [folder] : [],
        pinned: (optBoolean(account, 'isFavorite', path) ?? false) || folderId === FAVORITES,
      }),
    )
  })
  return collector.result()
}
