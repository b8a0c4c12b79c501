import { KeyfobError } from '../errors.ts'
import type { OtpConfig } from '../types.ts'
import { base32Decode } from '../encoding/base32.ts'
import { hotpWithKey, importOtpKey } from './hotp.ts'

/** What TOTP reads from a configuration. */
export type TotpParams = Pick<OtpConfig, 'secret' | 'algorithm' | 'digits' | 'period' | 't0'>

function assertPeriod(period: number): void {
  if (!Number.isSafeInteger(period) || period <= 0) {
    throw new KeyfobError('INVALID_PARAMETER', `The period must be a positive whole number of seconds, got ${String(period)}.`)
  }
}

/**
 * The time step T = floor((unix seconds − T0) / X) (RFC 6238 §4.2), computed
 * in whole milliseconds with bigint so that no period or date rounds wrongly.
 * Times before T0 have no step: INVALID_PARAMETER.
 */
export function totpCounter(nowMs: number, period: number, t0 = 0): bigint {
  assertPeriod(period)
  if (!Number.isFinite(nowMs)) throw new KeyfobError('INVALID_PARAMETER', `The time ${String(nowMs)} is not a finite number.`)
  if (!Number.isSafeInteger(t0)) throw new KeyfobError('INVALID_PARAMETER', `T0 must be whole Unix seconds, got ${String(t0)}.`)
  const elapsedMs = BigInt(Math.floor(nowMs)) - BigInt(t0) * 1000n
  if (elapsedMs < 0n) throw new KeyfobError('INVALID_PARAMETER', 'The time is before the TOTP start time T0.')
  // Both operands are non-negative, so bigint division (truncating) is the floor.
  return elapsedMs / (BigInt(period) * 1000n)
}

/** Start (inclusive) and end (exclusive), in Unix ms, of time step `counter`. */
export function stepWindow(counter: bigint, period: number, t0 = 0): { validFrom: number; validUntil: number } {
  const validFrom = Number((BigInt(t0) + counter * BigInt(period)) * 1000n)
  return { validFrom, validUntil: validFrom + period * 1000 }
}

/** RFC 6238 TOTP with an imported key (see importOtpKey). */
export async function totpWithKey(key: CryptoKey, params: Omit<TotpParams, 'secret' | 'algorithm'>, nowMs: number): Promise<string> {
  return hotpWithKey(key, totpCounter(nowMs, params.period, params.t0), params.digits)
}

/** RFC 6238 TOTP; `nowMs` is Unix time in milliseconds (e.g. `Date.now()`). */
export async function totp(config: TotpParams, nowMs: number): Promise<string> {
  const counter = totpCounter(nowMs, config.period, config.t0)
  const key = await importOtpKey(base32Decode(config.secret), config.algorithm)
  return hotpWithKey(key, counter, config.digits)
}
