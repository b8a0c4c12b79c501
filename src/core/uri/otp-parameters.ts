import { KeyfobError } from '../errors.ts'
import type { Algorithm } from '../types.ts'
import { quote } from './quote.ts'

/**
 * Range checks for the numeric otpauth parameters (otpauth-uri.md, policy rules
 * 8 and 9), shared by the parser (text in) and the builder (numbers in) so a
 * URI Keyfob writes is always one Keyfob reads back.
 */

const MIN_DIGITS = 6
/** 7 and 9 occur in real files; Stratum accepts up to 10 ("Decisions for this project"). */
const MAX_DIGITS = 10
/** RFC 4226 §5.2: the counter is an 8-byte value. */
const MAX_COUNTER = 2n ** 64n - 1n

const ALGORITHMS: readonly Algorithm[] = ['SHA1', 'SHA256', 'SHA512']
const WHOLE_NUMBER = /^[0-9]+$/

/** Case-insensitive SHA1/SHA256/SHA512; anything else (MD5 is mOTP-only) is refused. */
export function parseAlgorithm(text: string): Algorithm {
  const upper = text.toUpperCase()
  const found = ALGORITHMS.find((a) => a === upper)
  if (!found) {
    throw new KeyfobError('UNSUPPORTED_ALGORITHM', `Unsupported algorithm ${quote(text)} (expected SHA1, SHA256 or SHA512).`)
  }
  return found
}

export function parseDigits(text: string): number {
  if (!WHOLE_NUMBER.test(text)) {
    throw new KeyfobError('INVALID_PARAMETER', `Digits must be a whole number (got ${quote(text)}).`)
  }
  const n = Number(text)
  if (n < MIN_DIGITS || n > MAX_DIGITS) {
    throw new KeyfobError('INVALID_PARAMETER', `Digits must be between ${MIN_DIGITS} and ${MAX_DIGITS} (got ${trimZeros(text)}).`)
  }
  return n
}

export function parsePeriod(text: string): number {
  if (!WHOLE_NUMBER.test(text)) {
    throw new KeyfobError('INVALID_PARAMETER', `The period must be a positive whole number of seconds (got ${quote(text)}).`)
  }
  const n = Number(text)
  checkPeriod(n, trimZeros(text))
  return n
}

/**
 * T0, the Unix time (seconds) TOTP steps count from (RFC 6238 §4.1; django-otp's
 * `t0`, written as `t0=` in its links). Whole seconds, possibly negative.
 */
export function parseT0(text: string): number {
  const n = /^-?\d{1,16}$/.test(text) ? Number(text) : NaN
  checkT0(n, text)
  return n
}

export function checkT0(n: number, shown: string = String(n)): void {
  if (!Number.isSafeInteger(n)) {
    throw new KeyfobError('INVALID_PARAMETER', `The start time (T0) must be whole Unix seconds (got ${quote(shown)}).`)
  }
}

export function parseCounter(text: string): bigint {
  if (!WHOLE_NUMBER.test(text)) {
    throw new KeyfobError('INVALID_PARAMETER', `The counter must be a whole number from 0 to ${MAX_COUNTER} (got ${quote(text)}).`)
  }
  // Past 20 significant digits it is above 2^64 − 1: refuse before BigInt(), whose cost
  // (and that of printing the number back) grows faster than the length of the text.
  const digits = text.replace(/^0+(?=\d)/, '')
  if (digits.length > 20) {
    throw new KeyfobError('INVALID_PARAMETER', `The counter must be a whole number from 0 to ${MAX_COUNTER} (got ${trimZeros(text)}).`)
  }
  const n = BigInt(digits)
  checkCounter(n, trimZeros(text))
  return n
}

export function checkDigits(n: number): void {
  if (!Number.isInteger(n) || n < MIN_DIGITS || n > MAX_DIGITS) {
    throw new KeyfobError('INVALID_PARAMETER', `Digits must be between ${MIN_DIGITS} and ${MAX_DIGITS} (got ${n}).`)
  }
}

/** Positive and exactly representable, so it survives a write/read round trip. */
export function checkPeriod(n: number, shown: string = String(n)): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new KeyfobError('INVALID_PARAMETER', `The period must be a positive whole number of seconds (got ${shown}).`)
  }
}

export function checkCounter(n: bigint, shown: string = String(n)): void {
  if (n < 0n || n > MAX_COUNTER) {
    throw new KeyfobError('INVALID_PARAMETER', `The counter must be a whole number from 0 to ${MAX_COUNTER} (got ${shown}).`)
  }
}

/** "0011" → "11", so messages show the number and a 10 000-digit value stays short. */
function trimZeros(digits: string): string {
  const t = digits.replace(/^0+(?=\d)/, '')
  return t.length > 24 ? `${t.slice(0, 24)}…` : t
}
