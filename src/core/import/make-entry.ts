/**
 * Builds an ImportedEntry from the loose fields of a foreign format, with the
 * same validation the otpauth parser applies (../uri/otp-parameters.ts), so an
 * imported account always generates codes. Throws the entry-level codes
 * (INVALID_SECRET, INVALID_PARAMETER, UNSUPPORTED_ALGORITHM, UNSUPPORTED_TYPE),
 * which ImportCollector turns into a skipped row.
 */
import { base32Decode, base32Encode } from '../encoding/base32.ts'
import { checkMotpPin, MOTP_DIGITS, MOTP_PERIOD } from '../otp/motp.ts'
import { YANDEX_DIGITS, YANDEX_PERIOD, yandexKey } from '../otp/yandex.ts'
import { parseSecret, type SecretEncoding } from '../encoding/parse-secret.ts'
import { KeyfobError } from '../errors.ts'
import { DEFAULT_DIGITS, DEFAULT_PERIOD, STEAM_DIGITS, type AccountFields, type Algorithm, type OtpType } from '../types.ts'
import type { ParsedOtpauthUri } from '../uri/parse-otpauth-uri.ts'
import { checkCounter, checkDigits, checkPeriod, parseAlgorithm } from '../uri/otp-parameters.ts'
import type { ImportedEntry } from './import-result.ts'

export interface EntryMeta {
  tags?: readonly string[]
  pinned?: boolean
  note?: string | undefined
}

export interface EntryInput extends EntryMeta {
  type: OtpType
  /** Key text in `secretEncoding` (default base32), or the raw key bytes. */
  secret: string | Uint8Array
  secretEncoding?: SecretEncoding
  /** Case-insensitive name; SHA1 when absent. */
  algorithm?: string | undefined
  digits?: number | undefined
  period?: number | undefined
  counter?: number | bigint | undefined
  /** mOTP and Yandex Key: the PIN every code needs. */
  pin?: string | undefined
  issuer?: string | undefined
  account?: string | undefined
}

export function makeEntry(input: EntryInput): ImportedEntry {
  if (input.type === 'motp' || input.type === 'yandex') return makePinEntry(input)
  const secret = readSecret(input.secret, input.secretEncoding)
  const steam = input.type === 'steam'
  let algorithm: Algorithm = 'SHA1'
  if (!steam && input.algorithm !== undefined) {
    algorithm = parseAlgorithm(input.algorithm)
  }
  const digits = steam ? STEAM_DIGITS : (input.digits ?? DEFAULT_DIGITS)
  if (!steam) checkDigits(digits)
  const period = steam || input.type === 'hotp' ? DEFAULT_PERIOD : (input.period ?? DEFAULT_PERIOD)
  checkPeriod(period)
  const counter = input.type === 'hotp' ? toCounter(input.counter ?? 0) : 0n
  return withMeta(
    {
      type: input.type,
      secret,
      algorithm,
      digits,
      period,
      counter,
      issuer: (input.issuer ?? '').trim(),
      account: (input.account ?? '').trim(),
    },
    input,
  )
}

/**
 * mOTP (MD5 of time, key and PIN; 10 s, 6 characters by default) and Yandex Key
 * (HMAC-SHA256 from key and PIN; 30 s, 8 letters): the key and PIN are checked
 * here, so an imported account always has codes. `algorithm` is not used by
 * either; it is stored as SHA1 (mOTP) or SHA256 (Yandex) for the vault's shape.
 */
function makePinEntry(input: EntryInput): ImportedEntry {
  const secret = readSecret(input.secret, input.secretEncoding)
  const bytes = base32Decode(secret)
  const motp = input.type === 'motp'
  if (motp) checkMotpPin(input.pin)
  else {
    yandexKey(bytes)
    if (input.pin === undefined || input.pin.length < 4 || input.pin.length > 16) {
      throw new KeyfobError('INVALID_PARAMETER', 'A Yandex Key account needs its PIN: 4 to 16 characters.')
    }
  }
  const digits = motp ? (input.digits ?? MOTP_DIGITS) : YANDEX_DIGITS
  checkDigits(digits)
  const period = motp ? (input.period ?? MOTP_PERIOD) : YANDEX_PERIOD
  checkPeriod(period)
  return withMeta(
    {
      type: input.type,
      secret,
      algorithm: motp ? 'SHA1' : 'SHA256',
      digits,
      period,
      counter: 0n,
      pin: input.pin,
      issuer: (input.issuer ?? '').trim(),
      account: (input.account ?? '').trim(),
    },
    input,
  )
}

/** An entry from a parsed otpauth URI: drops the parser's warning flags, keeps `image`/`extra`. */
export function entryFromUri(parsed: ParsedOtpauthUri, meta: EntryMeta = {}): ImportedEntry {
  const { issuerMismatch: _m, weak: _w, ...fields } = parsed
  return withMeta(fields, meta)
}

function withMeta(fields: AccountFields, meta: EntryMeta): ImportedEntry {
  const entry: ImportedEntry = { ...fields, tags: cleanTags(meta.tags ?? []), pinned: meta.pinned ?? false }
  const note = meta.note?.trim()
  if (note) entry.note = note
  return entry
}

function readSecret(secret: string | Uint8Array, encoding: SecretEncoding = 'base32'): string {
  if (secret instanceof Uint8Array) {
    if (secret.length === 0) throw new KeyfobError('INVALID_SECRET', 'The secret is empty.')
    return base32Encode(secret)
  }
  return parseSecret(secret, encoding).secret
}

function toCounter(value: number | bigint): bigint {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new KeyfobError('INVALID_PARAMETER', `The counter must be a whole number (got ${value}).`)
  }
  const n = BigInt(value)
  checkCounter(n)
  return n
}

/** Trimmed, non-empty, each once, in first-seen order. */
function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))]
}

/** How an entry is named in `skipped`: "Issuer (account)", or "Entry N" without names. */
export function entryName(issuer: string | undefined, account: string | undefined, index: number): string {
  const i = (issuer ?? '').trim()
  const a = (account ?? '').trim()
  const name = i && a ? `${i} (${a})` : i || a
  return name ? truncate(name) : `Entry ${index + 1}`
}

function truncate(text: string): string {
  const chars = [...text]
  return chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : text
}
