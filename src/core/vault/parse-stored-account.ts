/**
 * StoredAccount ↔ its JSON form in the vault. The only difference is `counter`:
 * a bigint in memory, a decimal string in JSON (JSON numbers lose precision past
 * 2^53 and RFC 4226's counter is 8 bytes).
 */
import { isCanonicalBase32 } from '../encoding/base32.ts'
import type { Algorithm, OtpType } from '../types.ts'
import { STEAM_DIGITS } from '../types.ts'
import type { Fail } from './shape.ts'
import {
  expectBoolean,
  expectInteger,
  expectKeys,
  expectOneOf,
  expectRecord,
  expectString,
  expectStringArray,
  expectUuid,
} from './shape.ts'
import type { StoredAccount } from './vault-content.ts'

const REQUIRED = [
  'id',
  'type',
  'secret',
  'algorithm',
  'digits',
  'period',
  'counter',
  'issuer',
  'account',
  'tags',
  'pinned',
  'sites',
  'createdAt',
  'updatedAt',
  'order',
] as const
const OPTIONAL = ['t0', 'pin', 'image', 'extra', 'lastUsedAt'] as const
const TYPES: readonly OtpType[] = ['totp', 'hotp', 'steam', 'motp', 'yandex']
const ALGORITHMS: readonly Algorithm[] = ['SHA1', 'SHA256', 'SHA512']
const MAX_COUNTER = 2n ** 64n - 1n
const DECIMAL = /^(?:0|[1-9][0-9]{0,19})$/

/** The JSON form. Built field by field, so stray properties never reach storage. */
export function storedAccountToJson(a: StoredAccount): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: a.id,
    type: a.type,
    secret: a.secret,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: typeof a.counter === 'bigint' ? a.counter.toString(10) : a.counter,
    issuer: a.issuer,
    account: a.account,
    tags: a.tags,
    pinned: a.pinned,
    sites: a.sites,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    order: a.order,
  }
  if (a.t0 !== undefined) json['t0'] = a.t0
  if (a.pin !== undefined) json['pin'] = a.pin
  if (a.image !== undefined) json['image'] = a.image
  if (a.extra !== undefined) json['extra'] = a.extra
  if (a.lastUsedAt !== undefined) json['lastUsedAt'] = a.lastUsedAt
  return json
}

/** Validates one account's JSON strictly and returns a fresh StoredAccount. */
export function parseStoredAccount(value: unknown, path: string, fail: Fail): StoredAccount {
  const o = expectRecord(value, path, fail)
  expectKeys(o, path, REQUIRED, OPTIONAL, fail)
  const type = expectOneOf(o['type'], `${path}.type`, TYPES, fail)
  const [minDigits, maxDigits] = type === 'steam' ? [STEAM_DIGITS, STEAM_DIGITS] : [6, 10]
  const account: StoredAccount = {
    id: expectUuid(o['id'], `${path}.id`, fail),
    type,
    secret: parseSecret(o['secret'], `${path}.secret`, fail),
    algorithm: expectOneOf(o['algorithm'], `${path}.algorithm`, ALGORITHMS, fail),
    digits: expectInteger(o['digits'], `${path}.digits`, minDigits, maxDigits, fail),
    period: expectInteger(o['period'], `${path}.period`, 1, Number.MAX_SAFE_INTEGER, fail),
    counter: parseCounter(o['counter'], `${path}.counter`, fail),
    issuer: expectString(o['issuer'], `${path}.issuer`, fail),
    account: expectString(o['account'], `${path}.account`, fail),
    tags: expectStringArray(o['tags'], `${path}.tags`, fail),
    pinned: expectBoolean(o['pinned'], `${path}.pinned`, fail),
    sites: expectStringArray(o['sites'], `${path}.sites`, fail),
    createdAt: parseTime(o['createdAt'], `${path}.createdAt`, fail),
    updatedAt: parseTime(o['updatedAt'], `${path}.updatedAt`, fail),
    order: parseOrder(o['order'], `${path}.order`, fail),
  }
  if (o['t0'] !== undefined) {
    account.t0 = expectInteger(o['t0'], `${path}.t0`, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, fail)
  }
  if (o['pin'] !== undefined) account.pin = expectString(o['pin'], `${path}.pin`, fail)
  if ((type === 'motp' || type === 'yandex') && account.pin === undefined) fail(`${path}.pin is required for ${type}.`)
  if (o['image'] !== undefined) account.image = expectString(o['image'], `${path}.image`, fail)
  if (o['extra'] !== undefined) account.extra = parseExtra(o['extra'], `${path}.extra`, fail)
  if (o['lastUsedAt'] !== undefined) account.lastUsedAt = parseTime(o['lastUsedAt'], `${path}.lastUsedAt`, fail)
  return account
}

/** Already normalised (upper case, no padding or separators), as types.ts requires. */
function parseSecret(value: unknown, path: string, fail: Fail): string {
  const text = expectString(value, path, fail)
  // The same test as normalizeBase32(text) === text, without its regular expressions (base32.ts).
  return isCanonicalBase32(text) ? text : fail(`${path} must be normalised base32.`)
}

function parseCounter(value: unknown, path: string, fail: Fail): bigint {
  if (typeof value !== 'string' || !DECIMAL.test(value) || BigInt(value) > MAX_COUNTER) {
    fail(`${path} must be a decimal string from 0 to 2^64−1.`)
  }
  return BigInt(value)
}

function parseTime(value: unknown, path: string, fail: Fail): number {
  return expectInteger(value, path, 0, Number.MAX_SAFE_INTEGER, fail)
}

function parseOrder(value: unknown, path: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${path} must be a finite number.`)
  return value
}

function parseExtra(value: unknown, path: string, fail: Fail): Record<string, string> {
  const o = expectRecord(value, path, fail)
  // fromEntries defines own properties, so a '__proto__' key stays a plain key.
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, expectString(v, `${path}.${k}`, fail)]))
}
