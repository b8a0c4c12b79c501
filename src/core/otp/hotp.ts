import { KeyfobError } from '../errors.ts'
import type { Algorithm } from '../types.ts'
import { base32Decode } from '../encoding/base32.ts'

const MIN_DIGITS = 6
const MAX_DIGITS = 10
/** The counter is an 8-byte big-endian integer (RFC 4226 §5.1). */
export const MAX_COUNTER = 2n ** 64n - 1n

const HASHES: Record<Algorithm, string> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' }

/**
 * Imports a key for HMAC signing. Importing is the slow part of a code, so
 * callers that show many codes import once per unlock and reuse the key
 * (non-extractable: the raw bytes cannot be read back out of it).
 */
export async function importOtpKey(secret: Uint8Array, algorithm: Algorithm): Promise<CryptoKey> {
  const hash = Object.hasOwn(HASHES, algorithm) ? HASHES[algorithm] : undefined
  if (hash === undefined) {
    throw new KeyfobError('UNSUPPORTED_ALGORITHM', `Unsupported OTP algorithm '${String(algorithm)}'.`)
  }
  if (!(secret instanceof Uint8Array) || secret.length === 0) {
    throw new KeyfobError('INVALID_SECRET', 'The secret is empty.')
  }
  // Copy into a fresh ArrayBuffer-backed array: importKey() rejects views over SharedArrayBuffer.
  return crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash }, false, ['sign'])
}

function assertCounter(counter: bigint): void {
  if (typeof counter !== 'bigint' || counter < 0n || counter > MAX_COUNTER) {
    throw new KeyfobError('INVALID_PARAMETER', `The counter must be an integer from 0 to 2^64 - 1, got ${String(counter)}.`)
  }
}

function assertDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new KeyfobError('INVALID_PARAMETER', `Codes have ${MIN_DIGITS} to ${MAX_DIGITS} digits, got ${String(digits)}.`)
  }
}

/**
 * HMAC of the counter followed by dynamic truncation (RFC 4226 §5.3): a 31-bit
 * value that HOTP reduces to decimal digits and Steam to its own alphabet.
 */
export async function hotpValue(key: CryptoKey, counter: bigint): Promise<number> {
  assertCounter(counter)
  const message = new ArrayBuffer(8)
  // setBigUint64 keeps all 64 bits; a Number would lose precision above 2^53.
  new DataView(message).setBigUint64(0, counter, false)
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message))
  // The offset is the low nibble of the *last* byte (RFC 4226 §5.4 shows SHA-1's
  // byte 19; RFC 6238 §1.2 keeps the same rule for SHA-256/512).
  const offset = mac[mac.length - 1]! & 0x0f
  // Mask the top bit so the value is the same signed or unsigned (RFC 4226 §5.3).
  return new DataView(mac.buffer, mac.byteOffset).getUint32(offset, false) & 0x7fffffff
}

/**
 * RFC 4226 HOTP with an imported key. With 10 digits the 31-bit value
 * (< 2^31 = 2147483648) is shown whole, zero-padded to 10 digits.
 */
export async function hotpWithKey(key: CryptoKey, counter: bigint, digits: number): Promise<string> {
  assertDigits(digits)
  const value = await hotpValue(key, counter)
  return (value % 10 ** digits).toString().padStart(digits, '0')
}

export interface HotpOptions {
  /** Default SHA1 (RFC 4226). */
  algorithm?: Algorithm
  /** Default 6. */
  digits?: number
}

/** Convenience form: `secret` is base32 in any spelling, or raw bytes. */
export async function hotp(secret: string | Uint8Array, counter: bigint, opts: HotpOptions = {}): Promise<string> {
  const digits = opts.digits ?? MIN_DIGITS
  assertDigits(digits)
  assertCounter(counter)
  const bytes = typeof secret === 'string' ? base32Decode(secret) : secret
  return hotpWithKey(await importOtpKey(bytes, opts.algorithm ?? 'SHA1'), counter, digits)
}
