/**
 * Steam mobile authenticator data (`.maFile`, SteamDesktopAuthenticator, or
 * `{accounts: {id: …}}` as in the Aegis sample): `shared_secret` is the
 * base64 HMAC key of Steam Guard codes (backup-formats.md, Format sniffing).
 */
import { KeyfobError } from '../errors.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportResult } from './import-result.ts'
import { asRecord, field, optString, type JsonRecord } from './json-fields.ts'
import { MAX_ENTRIES } from './limits.ts'
import { entryName, makeEntry } from './make-entry.ts'

export function importSteam(file: JsonRecord): ImportResult {
  const list: [string, JsonRecord][] = Object.hasOwn(file, 'shared_secret')
    ? [['the file', file]]
    : Object.entries(asRecord(field(file, 'accounts'), 'accounts')).map(([id, a]) => [`accounts.${id}`, asRecord(a, `accounts.${id}`)])
  if (list.length > MAX_ENTRIES) throw new KeyfobError('INVALID_FILE', `The file holds more than ${MAX_ENTRIES} accounts.`)
  const collector = new ImportCollector('steam')
  list.forEach(([path, account], i) => {
    const name = optString(account, 'account_name', path) ?? ''
    collector.attempt(entryName('Steam', name, i), () =>
      makeEntry({
        type: 'steam',
        secret: optString(account, 'shared_secret', path) ?? '',
        secretEncoding: 'base64',
        issuer: 'Steam',
        account: name,
      }),
    )
  })
  return collector.result()
}
