/** Domain types shared by every part of the core. */

export type OtpType = 'totp' | 'hotp' | 'steam' | 'motp' | 'yandex'
export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512'

/** Everything needed to compute a code. */
export interface OtpConfig {
  type: OtpType
  /** Normalised base32: upper case, no padding, no separators. */
  secret: string
  algorithm: Algorithm
  /** 6–10 for TOTP/HOTP; always 5 for Steam. */
  digits: number
  /** Seconds per step (TOTP and Steam; Steam is always 30). Ignored for HOTP. */
  period: number
  /** HOTP: the counter of the next code to show (RFC 4226). 0n for TOTP/Steam. */
  counter: bigint
  /** TOTP T0 in Unix seconds (RFC 6238 §4.2); 0 unless a format says otherwise. */
  t0?: number
  /**
   * mOTP and Yandex Key only: the PIN that goes into every code (otp/motp.ts,
   * otp/yandex.ts). mOTP: period 10 and 6 characters by default; Yandex: 30 s, 8 letters.
   */
  pin?: string
}

/** An OTP configuration plus the names people see. */
export interface AccountFields extends OtpConfig {
  issuer: string
  account: string
  /** Optional `image` URL from an otpauth URI; kept for round-tripping, never fetched. */
  image?: string
  /** Unknown otpauth parameters, kept for round-tripping (decoded key → decoded value). */
  extra?: Record<string, string>
}

export const DEFAULT_PERIOD = 30
export const DEFAULT_DIGITS = 6
export const STEAM_DIGITS = 5
