/**
 * Raivo OTP exports, once unzipped: a JSON array of `{kind, algorithm, timer,
 * digits, issuer, account, secret, counter}` (backup-formats.md, Raivo; ente
 * `raivo_plain_text_import.dart`). Numbers may be written as text. No public
 * sample exists, so this follows Ente's importer.
 */
import type { OtpType } from '../types.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportResult } from './import-result.ts'
import { asArray, asRecord, optIntegerish, optString } from './json-fields.ts'
import { entryName, makeEntry } from './make-entry.ts'

const TYPES: Readonly<Record<string, OtpType>> = { totp: 'totp', hotp: 'hotp' }

export function importRaivo(json: unknown): ImportResult {
  const collector = new ImportCollector('raivo')
  asArray(json, 'the file').forEach((value, i) => {
    const path = `[${i}]`
    const entry = asRecord(value, path)
    const issuer = optString(entry, 'issuer', path) ?? ''
    const account = optString(entry, 'account', path) ?? ''
    const kind = (optString(entry, 'kind', path) ?? 'totp').toLowerCase()
    const name = entryName(issuer, account, i)
    const type = Object.hasOwn(TYPES, kind) ? TYPES[kind] : undefined
    if (type === undefined) {
      collector.skip(name, `Unsupported entry type '${kind.slice(0, 20)}'.`)
      return
    }
    collector.attempt(name, () =>
      makeEntry({
        type,
        secret: optString(entry, 'secret', path) ?? '',
        algorithm: optString(entry, 'algorithm', path),
        digits: optIntegerish(entry, 'digits', path),
        period: optIntegerish(entry, 'timer', path),
        counter: optIntegerish(entry, 'counter', path),
        issuer,
        account,
      }),
    )
  })
  return collector.result()
}
