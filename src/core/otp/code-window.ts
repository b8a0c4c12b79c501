import { KeyfobError } from '../errors.ts'
import type { OtpConfig, OtpType } from '../types.ts'
import { STEAM_PERIOD } from './steam.ts'
import { stepWindow, totpCounter } from './totp.ts'

/** When a code is valid, in Unix milliseconds: `validFrom` ≤ now < `validUntil`. */
export interface CodeWindow {
  validFrom: number
  validUntil: number
}

type TimeConfig = Pick<OtpConfig, 'type' | 'period' | 't0'>

export function assertOtpType(type: OtpType): void {
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam' && type !== 'motp' && type !== 'yandex') {
    throw new KeyfobError('UNSUPPORTED_TYPE', `Unsupported OTP type '${String(type)}'.`)
  }
}

/** Period and T0 actually used: Steam always steps every 30 s from the epoch, whatever the config says. */
export function timeSettings(config: TimeConfig): { period: number; t0: number } {
  assertOtpType(config.type)
  if (config.type === 'hotp') throw new KeyfobError('UNSUPPORTED_TYPE', 'HOTP codes do not change with time.')
  if (config.type === 'steam' || config.type === 'yandex') return { period: STEAM_PERIOD, t0: 0 }
  return { period: config.period, t0: config.type === 'totp' ? (config.t0 ?? 0) : 0 }
}

/** The RFC 6238 time step of a TOTP or Steam configuration at `nowMs`. */
export function timeStep(config: TimeConfig, nowMs: number): bigint {
  const { period, t0 } = timeSettings(config)
  return totpCounter(nowMs, period, t0)
}

/**
 * The validity window of the code shown at `nowMs`, for TOTP and Steam;
 * undefined for HOTP, whose code stays valid until it is used.
 */
export function codeWindow(config: TimeConfig, nowMs: number): CodeWindow | undefined {
  assertOtpType(config.type)
  if (config.type === 'hotp') return undefined
  const { period, t0 } = timeSettings(config)
  return stepWindow(totpCounter(nowMs, period, t0), period, t0)
}
