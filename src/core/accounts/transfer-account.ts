/**
 * Accounts crossing from the import page to the background. Runtime messages are
 * JSON, so the HOTP counter travels as a decimal string. The background trusts
 * nothing: every field is checked as strictly as the vault checks its own.
 */
import { normalizeBase32 } from '../encoding/base32.ts'
import { KeyfobError, isKeyfobError } from '../errors.ts'
import type { AccountFields, Algorithm, OtpType } from '../types.ts'

export interface TransferredAccount {
  type: OtpType
  issuer: string
  account: string
  secret: string
  algorithm: Algorithm
  digits: number
  period: number
  counter: string
  tags: string[]
  pinned: boolean
  /** Bound sites (host names), from a Keyfob backup; other formats have none. */
  sites: string[]
  /** TOTP start time in Unix seconds, when not 0. */
  t0?: number
  /** mOTP and Yandex Key: the PIN. */
  pin?: string
}

export type IncomingAccount = AccountFields & { tags: string[]; pinned: boolean; sites: string[] }

export function toTransferred(a: AccountFields & { tags?: string[]; pinned?: boolean; sites?: string[] }): TransferredAccount {
  const out: TransferredAccount = {
    type: a.type,
    issuer: a.issuer,
    account: a.account,
    secret: a.secret,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: a.counter.toString(),
    tags: a.tags ?? [],
    pinned: a.pinned ?? false,
    sites: a.sites ?? [],
  }
  if (a.type === 'totp' && a.t0 !== undefined && a.t0 !== 0) out.t0 = a.t0
  if ((a.type === 'motp' || a.type === 'yandex') && a.pin !== undefined) out.pin = a.pin
  return out
}

const KEYS = ['type', 'issuer', 'account', 'secret', 'algorithm', 'digits', 'period', 'counter', 'tags', 'pinned', 'sites', 't0', 'pin']
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{1,63}$/

/** Checks one transferred account; `where` names it in the message ("Account 3"). */
export function fromTransferred(input: unknown, where: string): IncomingAccount {
  const fail = (what: string): never => {
    throw new KeyfobError('INVALID_MESSAGE', `${where}: ${what}`)
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('not an account.')
  const o = input as Record<string, unknown>
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) fail(`unexpected field '${k}'.`)
  const text = (k: string, max: number) =>
    typeof o[k] === 'string' && o[k].length <= max ? o[k] : fail(`'${k}' must be text of at most ${max} characters.`)
  const type = o.type as OtpType
  if (!['totp', 'hotp', 'steam', 'motp', 'yandex'].includes(type)) fail("'type' must be totp, hotp, steam, motp or yandex.")
  const algorithm = o.algorithm as Algorithm
  if (!['SHA1', 'SHA256', 'SHA512'].includes(algorithm)) fail("'algorithm' must be SHA1, SHA256 or SHA512.")
  const digits = o.digits as number
  const [minDigits, maxDigits] = type === 'steam' ? [5, 5] : type === 'yandex' ? [8, 8] : [6, 10]
  if (!(Number.isInteger(digits) && digits >= minDigits && digits <= maxDigits)) fail("'digits' is out of range.")
  const pin = o.pin
  if (type === 'motp' || type === 'yandex' ? !(typeof pin === 'string' && pin.length >= 4 && pin.length <= 16) : pin !== undefined) {
    fail("'pin' is 4 to 16 characters, for mOTP and Yandex Key only.")
  }
  const period = o.period as number
  if (!(Number.isInteger(period) && period >= 1 && period <= 86_400)) fail("'period' must be 1 to 86400 seconds.")
  const counterText = text('counter', 20)
  if (!/^\d+$/.test(counterText) || BigInt(counterText) > 2n ** 64n - 1n) fail("'counter' must be a whole number below 2^64.")
  let secret = ''
  try {
    secret = normalizeBase32(text('secret', 1024))
  } catch (e) {
    if (!isKeyfobError(e)) throw e
    fail(e.message)
  }
  const tags = o.tags
  if (!Array.isArray(tags) || tags.length > 20 || !tags.every((t) => typeof t === 'string' && t.length <= 40))
    fail("'tags' must be at most 20 short names.")
  if (typeof o.pinned !== 'boolean') fail("'pinned' must be true or false.")
  const sites = o.sites ?? []
  if (!Array.isArray(sites) || sites.length > 20 || !sites.every((x) => typeof x === 'string' && HOST.test(x)))
    fail("'sites' must be at most 20 host names.")
  const t0 = o.t0
  if (t0 !== undefined && !(typeof t0 === 'number' && Number.isSafeInteger(t0))) fail("'t0' must be whole Unix seconds.")
  const account: IncomingAccount = {
    type,
    issuer: text('issuer', 200),
    account: text('account', 200),
    secret,
    algorithm,
    digits,
    period,
    counter: BigInt(counterText),
    tags: [...new Set(tags as string[])],
    pinned: o.pinned as boolean,
    sites: [...new Set(sites as string[])],
  }
  if (type === 'totp' && typeof t0 === 'number' && t0 !== 0) account.t0 = t0
  if (typeof pin === 'string') account.pin = pin
  return account
}
