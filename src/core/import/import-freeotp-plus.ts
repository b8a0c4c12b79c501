/**
 * FreeOTP+ JSON exports (backup-formats.md, FreeOTP+): secrets are arrays of
 * signed Java bytes. HOTP counters are stored one below the URI counter
 * (FreeOTP's `Token.toUri()` writes counter + 1), so 1 is added here to give
 * the code the original QR code would ("Decisions", 4). FreeOTP shows Steam
 * codes for the issuer "Steam", so such tokens are imported as Steam.
 */
import type { OtpType } from '../types.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportResult } from './import-result.ts'
import { asArray, asRecord, field, optInteger, optString, wrongType, type JsonRecord } from './json-fields.ts'
import { entryName, makeEntry } from './make-entry.ts'

const TYPES: Readonly<Record<string, OtpType>> = { TOTP: 'totp', HOTP: 'hotp' }
/** Keys are at most a few hundred bytes; a huge array is not a key. */
const MAX_SECRET_BYTES = 1024

export function importFreeOtpPlus(file: JsonRecord): ImportResult {
  const collector = new ImportCollector('freeotp-plus')
  let hotp = 0
  asArray(field(file, 'tokens'), 'tokens').forEach((value, i) => {
    const path = `tokens[${i}]`
    const token = asRecord(value, path)
    const issuer = optString(token, 'issuerExt', path) || optString(token, 'issuerInt', path) || ''
    const account = optString(token, 'label', path) ?? ''
    const kind = (optString(token, 'type', path) ?? 'TOTP').toUpperCase()
    const name = entryName(issuer, account, i)
    const secret = readJavaBytes(field(token, 'secret'), `${path}.secret`)
    let type = Object.hasOwn(TYPES, kind) ? TYPES[kind] : undefined
    if (type === undefined) {
      collector.skip(name, `Unsupported token type '${kind.slice(0, 20)}'.`)
      return
    }
    if (type === 'totp' && issuer === 'Steam') {
      type = 'steam'
      collector.warn('Tokens with the issuer "Steam" were imported as Steam Guard codes, as FreeOTP shows them.')
    }
    const stored = optInteger(token, 'counter', path) ?? 0
    if (type === 'hotp') hotp++
    collector.attempt(name, () =>
      makeEntry({
        type,
        secret,
        algorithm: optString(token, 'algo', path),
        digits: optInteger(token, 'digits', path),
        period: optInteger(token, 'period', path),
        counter: type === 'hotp' ? stored + 1 : 0,
        issuer,
        account,
      }),
    )
  })
  if (hotp > 0) {
    collector.warn("FreeOTP+ stores HOTP counters one below the next code's counter; 1 was added so the codes match the original QR codes.")
  }
  return collector.result()
}

function readJavaBytes(value: unknown, path: string): Uint8Array {
  const list = asArray(value ?? [], path, MAX_SECRET_BYTES)
  return Uint8Array.from(list, (b, j) => {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 255) {
      throw wrongType(`${path}[${j}]`, 'a byte (-128 to 255)', b)
    }
    return b & 0xff
  })
}
