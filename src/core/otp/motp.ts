/**
 * mOTP (Mobile-OTP, motp.sourceforge.net), as Aegis computes it
 * (`crypto/otp/MOTP.java`): the first `digits` characters of the lower-case hex
 * MD5 of decimal(time step) ‖ hex(secret) ‖ PIN, with 10-second steps and 6
 * characters by default. MD5 is used only because the scheme fixes it.
 */
import { md5 } from '@noble/hashes/legacy.js'
import { hexEncode } from '../encoding/hex.ts'
import { KeyfobError } from '../errors.ts'

export const MOTP_PERIOD = 10
export const MOTP_DIGITS = 6

/** An mOTP PIN: digits only (Aegis and Authenticator Pro use 4). */
export function checkMotpPin(pin: string | undefined): string {
  if (pin === undefined || !/^\d{4,16}$/.test(pin))
    throw new KeyfobError('INVALID_PARAMETER', 'An mOTP account needs its PIN: 4 to 16 digits.')
  return pin
}

/** What an mOTP code is computed from (there is no HMAC key). */
export interface MotpKey {
  kind: 'motp'
  secretHex: string
  pin: string
}

export function motpKey(secret: Uint8Array, pin: string | undefined): MotpKey {
  if (secret.length === 0) throw new KeyfobError('INVALID_SECRET', 'The secret is empty.')
  return { kind: 'motp', secretHex: hexEncode(secret).toLowerCase(), pin: checkMotpPin(pin) }
}

export function motpForStep(key: MotpKey, step: bigint, digits = MOTP_DIGITS): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 32)
    throw new KeyfobError('INVALID_PARAMETER', 'An mOTP code has 1 to 32 characters.')
  return hexEncode(md5(new TextEncoder().encode(`${step}${key.secretHex}${key.pin}`)))
    .toLowerCase()
    .slice(0, digits)
}

export function motpCode(secret: Uint8Array, pin: string, nowMs: number, period = MOTP_PERIOD, digits = MOTP_DIGITS): string {
  if (!Number.isSafeInteger(period) || period < 1)
    throw new KeyfobError('INVALID_PARAMETER', 'The period must be a positive whole number of seconds.')
  return motpForStep(motpKey(secret, pin), BigInt(Math.floor(Math.floor(nowMs / 1000) / period)), digits)
}
