/**
 * andOTP backups: a JSON array of entries, plain or encrypted
 * (backup-formats.md, andOTP; Aegis `AndOtpImporter`). Secrets are padded
 * base32; `tags` are kept; mOTP entries are skipped. Very old entries have no
 * `issuer` and put "Issuer - label" (or "Issuer - Issuer:label") in `label`.
 */
import type { OtpType } from '../types.ts'
import { decryptAndOtp } from './andotp-decrypt.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import { asArray, asRecord, optInteger, optString, optStringArray, reqString } from './json-fields.ts'
import { entryName, makeEntry } from './make-entry.ts'
import { requirePassword } from './password.ts'

const TYPES: Readonly<Record<string, OtpType>> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' }

/** `json` is the parsed plain backup, or undefined for the encrypted (binary) form. */
export async function importAndOtp(json: unknown, bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const list = asArray(json === undefined ? await decryptAndOtp(bytes, requirePassword('andotp', options)) : json, 'the file')
  const collector = new ImportCollector('andotp')
  list.forEach((value, i) => {
    const path = `[${i}]`
    const entry = asRecord(value, path)
    const { issuer, account } = names(optString(entry, 'issuer', path), optString(entry, 'label', path) ?? '')
    const type = reqString(entry, 'type', path)
    const name = entryName(issuer, account, i)
    const otpType = Object.hasOwn(TYPES, type.toUpperCase()) ? TYPES[type.toUpperCase()] : undefined
    if (otpType === undefined) {
      collector.skip(
        name,
        type.toUpperCase() === 'MOTP'
          ? 'mOTP (MD5, PIN-based) is not supported by Keyfob.'
          : `Unsupported entry type '${type.slice(0, 20)}'.`,
      )
      return
    }
    collector.attempt(name, () =>
      makeEntry({
        type: otpType,
        secret: optString(entry, 'secret', path) ?? '',
        algorithm: optString(entry, 'algorithm', path),
        digits: optInteger(entry, 'digits', path),
        period: optInteger(entry, 'period', path),
        counter: optInteger(entry, 'counter', path),
        issuer,
        account,
        tags: optStringArray(entry, 'tags', path),
      }),
    )
  })
  return collector.result()
}

function names(issuerField: string | undefined, label: string): { issuer: string; account: string } {
  if (issuerField !== undefined) return { issuer: issuerField, account: label }
  const dash = label.indexOf(' - ')
  if (dash === -1) return { issuer: '', account: label }
  const issuer = label.slice(0, dash)
  const rest = label.slice(dash + 3)
  return { issuer, account: rest.startsWith(`${issuer}:`) ? rest.slice(issuer.length + 1) : rest }
}
