import { base32Decode, base32Encode } from '../encoding/base32.ts'
import { KeyfobError } from '../errors.ts'
import { DEFAULT_DIGITS, DEFAULT_PERIOD, STEAM_DIGITS, type AccountFields, type Algorithm, type OtpType } from '../types.ts'
import { parseAlgorithm, parseCounter, parseDigits, parsePeriod, parseT0 } from './otp-parameters.ts'
import { percentDecode } from './percent-decode.ts'
import { quote } from './quote.ts'
import { readQueryParams, type QueryParam } from './read-query-params.ts'
import { splitLabel } from './split-label.ts'

export type ParsedOtpauthUri = AccountFields & {
  /** Both a label prefix and an `issuer=` parameter exist and differ (policy rule 6). */
  issuerMismatch: boolean
  /** The key is shorter than 128 bits (RFC 4226 R6); accepted, but worth a warning. */
  weak: boolean
}

const OTPAUTH = 'otpauth://'
const STEAM = 'steam://'
const WEAK_BELOW_BYTES = 16
/** Parameters the parser interprets; everything else is kept in `extra` (rule 10). */
const KNOWN = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'image', 't0'])

/**
 * Parses an `otpauth://` key URI, or Bitwarden's `steam://SECRET`, following
 * /shared/spec/otpauth-uri.md ("Parsing policy", rules 1–10) exactly.
 * Throws KeyfobError: INVALID_URI, UNSUPPORTED_TYPE, INVALID_SECRET,
 * UNSUPPORTED_ALGORITHM or INVALID_PARAMETER.
 */
export function parseOtpauthUri(uri: string): ParsedOtpauthUri {
  // Rule 1: trim, case-insensitive scheme.
  const text = uri.trim()
  const scheme = text.slice(0, OTPAUTH.length).toLowerCase()
  if (scheme.startsWith(STEAM)) return parseSteamUri(text.slice(STEAM.length))
  if (scheme !== OTPAUTH) {
    const hint = /^otpauth-migration:/i.test(text) ? ' It is a Google Authenticator export, which holds several accounts.' : ''
    throw new KeyfobError('INVALID_URI', `This is not an otpauth:// URI.${hint}`)
  }

  // Rule 2: split by hand. new URL() would turn the literal '#' in Microsoft
  // guest labels (`user#EXT#@tenant`) into a fragment and drop the secret.
  const rest = text.slice(OTPAUTH.length)
  const q = rest.indexOf('?')
  const head = q === -1 ? rest : rest.slice(0, q)
  const slash = head.indexOf('/')
  const typeText = (slash === -1 ? head : head.slice(0, slash)).toLowerCase()
  const rawLabel = slash === -1 ? '' : head.slice(slash + 1)

  // Rule 3: the type comes first, so a wrong type is reported as such.
  if (typeText !== 'totp' && typeText !== 'hotp' && typeText !== 'steam') {
    const message = typeText === '' ? 'The URI has no OTP type.' : `Unsupported OTP type ${quote(typeText)} (expected totp, hotp or steam).`
    throw new KeyfobError('UNSUPPORTED_TYPE', message)
  }
  const params = readQueryParams(q === -1 ? '' : rest.slice(q + 1))
  const value = (key: string) => params.get(key)?.value
  const encoderIsSteam = value('encoder')?.trim().toLowerCase() === 'steam'
  // Steam only from an explicit marker, never from the name "Steam" ("Decisions").
  const type: OtpType = typeText === 'steam' || (typeText === 'totp' && encoderIsSteam) ? 'steam' : typeText

  // Rules 5 and 6: the non-empty issuer parameter wins over the label prefix.
  const issuerParam = (value('issuer') ?? '').trim()
  const { prefix, account } = splitLabel(rawLabel, issuerParam)
  const issuer = issuerParam !== '' ? issuerParam : prefix
  const issuerMismatch = issuerParam !== '' && prefix !== '' && issuerParam !== prefix

  // Rule 7.
  const secretText = value('secret')
  if (secretText === undefined) throw new KeyfobError('INVALID_SECRET', 'The URI has no secret parameter.')
  const key = base32Decode(secretText)

  // Rules 8 and 9. Parameters a type ignores are not validated either.
  let algorithm: Algorithm = 'SHA1'
  let digits = DEFAULT_DIGITS
  let period = DEFAULT_PERIOD
  let counter = 0n
  let t0 = 0
  if (type === 'steam') {
    // Rule 9: Steam Guard codes are fixed at 5 characters every 30 s, and are
    // HMAC-SHA1, so algorithm, digits and period parameters are ignored.
    digits = STEAM_DIGITS
  } else {
    const a = value('algorithm')
    const d = value('digits')
    if (a !== undefined) algorithm = parseAlgorithm(a)
    if (d !== undefined) digits = parseDigits(d)
    if (type === 'totp') {
      const p = value('period')
      if (p !== undefined) period = parsePeriod(p)
      const start = value('t0')
      if (start !== undefined) t0 = parseT0(start)
    } else {
      const c = value('counter')
      if (c !== undefined) counter = parseCounter(c)
    }
  }

  // Rule 10: keep `image` and unknown parameters for round-tripping.
  const image = value('image')
  const extra = collectExtra(params, type === 'steam' && encoderIsSteam)

  const parsed: ParsedOtpauthUri = {
    type,
    issuer,
    account,
    secret: base32Encode(key),
    algorithm,
    digits,
    period,
    counter,
    issuerMismatch,
    weak: key.length < WEAK_BELOW_BYTES,
  }
  if (t0 !== 0) parsed.t0 = t0
  if (image !== undefined && image !== '') parsed.image = image
  if (extra) parsed.extra = extra
  return parsed
}

/** Bitwarden's `steam://<base32>` form: nothing but the key (rule 1). */
function parseSteamUri(rawSecret: string): ParsedOtpauthUri {
  const key = base32Decode(percentDecode(rawSecret, { plusAsSpace: false, what: 'the steam:// secret' }))
  return {
    type: 'steam',
    issuer: 'Steam',
    account: '',
    secret: base32Encode(key),
    algorithm: 'SHA1',
    digits: STEAM_DIGITS,
    period: DEFAULT_PERIOD,
    counter: 0n,
    issuerMismatch: false,
    weak: key.length < WEAK_BELOW_BYTES,
  }
}

/**
 * Unknown parameters, keyed by their decoded name as spelled in the URI: the
 * spec compares keys case-insensitively, but apps such as Ente read their own
 * keys (`codeDisplay`) case-sensitively, so the spelling is kept for export.
 * `encoder` is consumed only when it made the entry a Steam one.
 */
function collectExtra(params: Map<string, QueryParam>, encoderConsumed: boolean): Record<string, string> | undefined {
  let extra: Record<string, string> | undefined
  for (const [lower, { key, value }] of params) {
    if (KNOWN.has(lower) || (lower === 'encoder' && encoderConsumed)) continue
    extra ??= {}
    // defineProperty, not assignment: a key named `__proto__` must stay data.
    Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true })
  }
  return extra
}
