/**
 * The manual "Add account" form, checked field by field with a specific message
 * for the first problem (the popup shows it beside that field). Secrets are
 * base32 in any common spelling; short keys are accepted but flagged as weak
 * (../shared/spec/otpauth-uri.md, "Decisions": real services issue 80-bit keys).
 */
import { parseSecret } from '../encoding/parse-secret.ts'
import { KeyfobError, isKeyfobError } from '../errors.ts'
import type { AccountFields, Algorithm, OtpType } from '../types.ts'

export interface ManualAccountInput {
  issuer: string
  account: string
  secret: string
  type: string
  algorithm: string
  digits: string
  period: string
  counter: string
  /** TOTP start time in Unix seconds (django-otp's t0); blank for 0. Older callers leave it out. */
  t0?: string
}

export type ManualField = keyof ManualAccountInput

const TYPES: readonly OtpType[] = ['totp', 'hotp', 'steam']
const ALGORITHMS: readonly Algorithm[] = ['SHA1', 'SHA256', 'SHA512']
const MAX_NAME = 200
const MAX_PERIOD = 86_400

export function validateManualAccount(input: ManualAccountInput): { fields: AccountFields; weak: boolean } {
  const fail = (field: ManualField, message: string): never => {
    throw new KeyfobError('INVALID_PARAMETER', message, { field })
  }
  const issuer = input.issuer.trim()
  const account = input.account.trim()
  if (!issuer && !account) fail('issuer', 'Enter the service name, the account name, or both.')
  if (issuer.length > MAX_NAME) fail('issuer', `The service name is longer than ${MAX_NAME} characters.`)
  if (account.length > MAX_NAME) fail('account', `The account name is longer than ${MAX_NAME} characters.`)
  const type = input.type as OtpType
  if (!TYPES.includes(type)) fail('type', 'Choose TOTP, HOTP or Steam.')
  const algorithm = input.algorithm.toUpperCase() as Algorithm
  if (!ALGORITHMS.includes(algorithm)) fail('algorithm', 'Choose SHA1, SHA256 or SHA512.')
  let secret = { secret: '', weak: false }
  try {
    secret = parseSecret(input.secret, 'base32')
  } catch (e) {
    if (!isKeyfobError(e)) throw e
    fail('secret', input.secret.trim() ? e.message : 'Enter the secret key the site showed you.')
  }
  const digits = type === 'steam' ? 5 : Number(input.digits)
  if (type !== 'steam' && (!/^\d+$/.test(input.digits.trim()) || digits < 6 || digits > 10)) {
    fail('digits', 'Codes have 6 to 10 digits.')
  }
  const period = type === 'steam' ? 30 : Number(input.period)
  if (type === 'totp' && (!/^\d+$/.test(input.period.trim()) || period < 1 || period > MAX_PERIOD)) {
    fail('period', `The period is a whole number of seconds from 1 to ${MAX_PERIOD}.`)
  }
  let counter = 0n
  if (type === 'hotp') {
    const c = input.counter.trim() || '0'
    if (!/^\d{1,20}$/.test(c) || BigInt(c) > 2n ** 64n - 1n)
      fail('counter', 'The counter is a whole number from 0 to 18446744073709551615.')
    counter = BigInt(c)
  }
  let t0 = 0
  const t0Text = (input.t0 ?? '').trim()
  if (type === 'totp' && t0Text !== '') {
    t0 = /^-?\d{1,16}$/.test(t0Text) ? Number(t0Text) : NaN
    if (!Number.isSafeInteger(t0)) fail('t0', 'The start time (T0) is whole Unix seconds, or blank for 0.')
  }
  const fields: AccountFields = {
    type,
    issuer,
    account,
    secret: secret.secret,
    algorithm: type === 'steam' ? 'SHA1' : algorithm,
    digits,
    period: type === 'hotp' ? 30 : period,
    counter,
  }
  if (t0 !== 0) fields.t0 = t0
  return { fields, weak: secret.weak }
}
