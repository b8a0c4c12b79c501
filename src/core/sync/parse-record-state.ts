/**
 * Strict validation of a record's plaintext, an AccountState or a Tombstone (sync-state.ts). The
 * reader runs it on every decrypted record and the writer on every record it seals, so Keyfob
 * never uploads a record that it, or another device, would refuse to read. Only fields known to
 * this version are accepted: a new field means a new sync format version.
 */
import { normalizeBase32 } from '../encoding/base32.ts'
import { isKeyfobError } from '../errors.ts'
import type { Algorithm, OtpType } from '../types.ts'
import { STEAM_DIGITS } from '../types.ts'
import type { Fail } from '../vault/shape.ts'
import {
  expectBoolean,
  expectInteger,
  expectKeys,
  expectOneOf,
  expectRecord,
  expectString,
  expectStringArray,
  expectUuid,
} from '../vault/shape.ts'
import { parseHlc } from './parse-hlc.ts'
import type { AccountState, Lww, OtpIdentity, Tombstone } from './sync-state.ts'

const ACCOUNT_KEYS = ['id', 'otp', 'createdAt', 'issuer', 'account', 'tags', 'pinned', 'order', 'sites', 'counter', 'deleted'] as const
const TYPES: readonly OtpType[] = ['totp', 'hotp', 'steam', 'motp', 'yandex']
const ALGORITHMS: readonly Algorithm[] = ['SHA1', 'SHA256', 'SHA512']
const MAX_COUNTER = 2n ** 64n - 1n
const DECIMAL = /^(?:0|[1-9][0-9]{0,19})$/

export function parseRecordState(value: unknown, fail: Fail): AccountState | Tombstone {
  const o = expectRecord(value, 'the record', fail)
  const keys = Object.keys(o)
  if (keys.length === 2 && Object.hasOwn(o, 'id') && Object.hasOwn(o, 'deleted')) {
    const deleted = parseLww(o['deleted'], 'deleted', fail, expectBoolean)
    if (!deleted.value) fail('a tombstone must be deleted.')
    return { id: expectUuid(o['id'], 'id', fail), deleted: { value: true, at: deleted.at } }
  }
  expectKeys(o, 'the record', ACCOUNT_KEYS, [], fail)
  const counter = o['counter']
  if (typeof counter !== 'string' || !DECIMAL.test(counter) || BigInt(counter) > MAX_COUNTER) {
    fail('counter must be a decimal string from 0 to 2^64−1.')
  }
  return {
    id: expectUuid(o['id'], 'id', fail),
    otp: parseOtp(o['otp'], fail),
    createdAt: expectInteger(o['createdAt'], 'createdAt', 0, Number.MAX_SAFE_INTEGER, fail),
    issuer: parseLww(o['issuer'], 'issuer', fail, expectString),
    account: parseLww(o['account'], 'account', fail, expectString),
    tags: parseLww(o['tags'], 'tags', fail, expectStringArray),
    pinned: parseLww(o['pinned'], 'pinned', fail, expectBoolean),
    order: parseLww(o['order'], 'order', fail, expectFinite),
    sites: parseLww(o['sites'], 'sites', fail, expectStringArray),
    counter,
    deleted: parseLww(o['deleted'], 'deleted', fail, expectBoolean),
  }
}

function parseLww<T>(value: unknown, path: string, fail: Fail, parse: (v: unknown, path: string, fail: Fail) => T): Lww<T> {
  const o = expectRecord(value, path, fail)
  expectKeys(o, path, ['value', 'at'], [], fail)
  return { value: parse(o['value'], `${path}.value`, fail), at: parseHlc(o['at'], `${path}.at`, fail) }
}

function parseOtp(value: unknown, fail: Fail): OtpIdentity {
  const o = expectRecord(value, 'otp', fail)
  expectKeys(o, 'otp', ['type', 'secret', 'algorithm', 'digits', 'period'], ['t0', 'pin', 'image', 'extra'], fail)
  const type = expectOneOf(o['type'], 'otp.type', TYPES, fail)
  const [minDigits, maxDigits] = type === 'steam' ? [STEAM_DIGITS, STEAM_DIGITS] : [6, 10]
  const otp: OtpIdentity = {
    type,
    secret: parseSecret(o['secret'], fail),
    algorithm: expectOneOf(o['algorithm'], 'otp.algorithm', ALGORITHMS, fail),
    digits: expectInteger(o['digits'], 'otp.digits', minDigits, maxDigits, fail),
    period: expectInteger(o['period'], 'otp.period', 1, Number.MAX_SAFE_INTEGER, fail),
  }
  if (o['t0'] !== undefined) otp.t0 = expectInteger(o['t0'], 'otp.t0', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, fail)
  if (o['pin'] !== undefined) otp.pin = expectString(o['pin'], 'otp.pin', fail)
  if (o['image'] !== undefined) otp.image = expectString(o['image'], 'otp.image', fail)
  if (o['extra'] !== undefined) {
    const extra = expectRecord(o['extra'], 'otp.extra', fail)
    // fromEntries defines own properties, so a '__proto__' key stays a plain key.
    otp.extra = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, expectString(v, `otp.extra.${k}`, fail)]))
  }
  return otp
}

/** Already normalised (upper case, no padding or separators), as in the vault. */
function parseSecret(value: unknown, fail: Fail): string {
  const text = expectString(value, 'otp.secret', fail)
  try {
    if (normalizeBase32(text) === text) return text
  } catch (e) {
    if (!isKeyfobError(e, 'INVALID_SECRET')) throw e
  }
  return fail('otp.secret must be normalised base32.')
}

function expectFinite(value: unknown, path: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${path} must be a finite number.`)
  return value
}
