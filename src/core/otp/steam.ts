import { base32Decode } from '../encoding/base32.ts'
import { hotpValue, importOtpKey } from './hotp.ts'
import { totpCounter } from './totp.ts'

/**
 * Steam Guard has no spec; this follows the Steam mobile app as reimplemented
 * by pyotp (`contrib/steam.py`), KeePassXC and Aegis: HMAC-SHA1 TOTP with a
 * 30-second step and T0 = 0, RFC 4226 dynamic truncation, then five
 * characters, least significant first, from a 26-letter alphabet without
 * look-alikes (no 0/O, 1/I/L, A/E/S/U/Z).
 */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY'
export const STEAM_PERIOD = 30
export const STEAM_CODE_LENGTH = 5

/** Turns a 31-bit truncated HMAC value into a Steam code. */
export function steamCodeFromValue(value: number): string {
  let code = ''
  for (let i = 0; i < STEAM_CODE_LENGTH; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length]!
    value = Math.floor(value / STEAM_ALPHABET.length)
  }
  return code
}

/** The Steam code of step `counter`; `key` must be an HMAC-SHA1 key (importOtpKey(bytes, 'SHA1')). */
export async function steamForCounter(key: CryptoKey, counter: bigint): Promise<string> {
  return steamCodeFromValue(await hotpValue(key, counter))
}

/** The Steam code at `nowMs`; `key` must be an HMAC-SHA1 key. */
export async function steamWithKey(key: CryptoKey, nowMs: number): Promise<string> {
  return steamForCounter(key, totpCounter(nowMs, STEAM_PERIOD))
}

/** Convenience form: `secret` is base32 in any spelling, or raw bytes. */
export async function steam(secret: string | Uint8Array, nowMs: number): Promise<string> {
  const counter = totpCounter(nowMs, STEAM_PERIOD)
  const bytes = typeof secret === 'string' ? base32Decode(secret) : secret
  return steamForCounter(await importOtpKey(bytes, 'SHA1'), counter)
}
