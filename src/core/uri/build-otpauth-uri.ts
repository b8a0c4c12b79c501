import { base32Decode, base32Encode } from '../encoding/base32.ts'
import { KeyfobError } from '../errors.ts'
import { DEFAULT_DIGITS, DEFAULT_PERIOD, type AccountFields } from '../types.ts'
import { assertWellFormed } from './assert-well-formed.ts'
import { checkCounter, checkDigits, checkPeriod, checkT0, parseAlgorithm } from './otp-parameters.ts'

/**
 * Replaces a `:` inside an issuer or account name in the *label*. Other
 * parsers (Aegis, Stratum, hectorm, FreeOTP) treat `%3A` as the label
 * separator too, so an encoded colon would split the name in the wrong place
 * (otpauth-uri.md, "Writing URIs"). U+FF1A FULLWIDTH COLON looks the same to a
 * person but separates nothing. The exact issuer still travels in `issuer=`,
 * which wins when parsing; an account name has nowhere else to go, so its
 * colons come back as '：'.
 */
const LABEL_COLON = '\uFF1A'

/** Parameters the builder writes itself; an `extra` entry cannot override them. */
const RESERVED = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'image', 't0'])

/**
 * Writes an `otpauth://` URI following otpauth-uri.md, "Writing URIs":
 * `otpauth://TYPE/Issuer:Account?secret=…&issuer=…`, then `algorithm`,
 * `digits` and `period` only when not the default, `counter` always for HOTP,
 * then `image` and the `extra` parameters. Everything is encoded with
 * encodeURIComponent (so `%20`, never `+`, for spaces).
 *
 * Steam entries are written as `otpauth://totp/Issuer:Account?…&encoder=steam`
 * (pyotp/KeePassXC form, "Decisions for this project"); an imported Steam entry
 * normally has the issuer "Steam", which gives exactly the spec's
 * `otpauth://totp/Steam:<account>?secret=…&issuer=Steam&encoder=steam`.
 *
 * Throws INVALID_SECRET or INVALID_PARAMETER for fields that cannot be read back,
 * A TOTP start time (T0) other than 0 is written as django-otp does: `&t0=<Unix seconds>`.
 */
export function buildOtpauthUri(fields: AccountFields): string {
  const secret = base32Encode(base32Decode(fields.secret))
  assertWellFormed(fields.issuer, 'issuer')
  assertWellFormed(fields.account, 'account name')

  const account = encodeURIComponent(fields.account.replaceAll(':', LABEL_COLON))
  const label = fields.issuer === '' ? account : `${encodeURIComponent(fields.issuer.replaceAll(':', LABEL_COLON))}:${account}`

  const params: Array<[string, string]> = [['secret', secret]]
  if (fields.issuer !== '') params.push(['issuer', fields.issuer])
  if (fields.type === 'steam') {
    // Digits, period and algorithm are fixed for Steam; the parser ignores them.
    params.push(['encoder', 'steam'])
  } else {
    const algorithm = parseAlgorithm(fields.algorithm)
    checkDigits(fields.digits)
    if (algorithm !== 'SHA1') params.push(['algorithm', algorithm])
    if (fields.digits !== DEFAULT_DIGITS) params.push(['digits', String(fields.digits)])
    if (fields.type === 'totp') {
      checkPeriod(fields.period)
      if (fields.period !== DEFAULT_PERIOD) params.push(['period', String(fields.period)])
      // django-otp's start time, only when it is not the RFC's 0.
      if (fields.t0 !== undefined && fields.t0 !== 0) {
        checkT0(fields.t0)
        params.push(['t0', String(fields.t0)])
      }
    } else if (fields.type === 'hotp') {
      checkCounter(fields.counter)
      params.push(['counter', fields.counter.toString()])
    } else {
      throw new KeyfobError('UNSUPPORTED_TYPE', `Unsupported OTP type '${String(fields.type)}'.`)
    }
  }
  if (fields.image !== undefined && fields.image !== '') params.push(['image', fields.image])
  for (const [key, value] of Object.entries(fields.extra ?? {})) {
    const lower = key.toLowerCase()
    // `encoder=steam` on a TOTP entry would turn it into a Steam one when read back.
    const changesType =
      lower === 'encoder' && (fields.type === 'steam' || (fields.type === 'totp' && value.trim().toLowerCase() === 'steam'))
    if (key === '' || RESERVED.has(lower) || changesType) continue
    params.push([key, value])
  }

  const query = params
    .map(([key, value]) => {
      assertWellFormed(key, 'parameter name')
      assertWellFormed(value, `'${key}' parameter`)
      return `${encodeURIComponent(key)}=${encodeURIComponent(value)}`
    })
    .join('&')
  return `otpauth://${fields.type === 'hotp' ? 'hotp' : 'totp'}/${label}?${query}`
}
