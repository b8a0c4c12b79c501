import { KeyfobError } from '../errors.ts'
import type { OtpConfig } from '../types.ts'
import { assertOtpType, timeStep } from './code-window.ts'
import { constantTimeEqual } from './constant-time-equal.ts'
import { codeForCounter, importConfigKey, type OtpKey } from './generate-code.ts'
import { MAX_COUNTER } from './hotp.ts'
import { STEAM_CODE_LENGTH } from './steam.ts'

/**
 * Offsets to try, nearest first: 0, −1, +1, −2, +2, … for time-based codes
 * (RFC 6238 §5.2: allow for clock drift and typing delay; the past before the
 * future because a code is usually typed after it was shown), and 0 … window
 * for HOTP (RFC 4226 §7.4: the look-ahead window; a counter never goes back).
 */
function offsets(type: OtpConfig['type'], window: number): number[] {
  const result = [0]
  for (let i = 1; i <= window; i++) {
    if (type === 'hotp') result.push(i)
    else result.push(-i, i)
  }
  return result
}

/**
 * Checks a code typed by a person. Returns the step offset that matches
 * (relative to the step at `nowMs`, or to `config.counter` for HOTP), or null.
 * Whitespace in `code` is ignored (people copy the grouped form) and Steam
 * codes are compared case-insensitively; a code of the wrong length never
 * matches.
 */
export async function verifyCodeWithKey(key: OtpKey, config: OtpConfig, code: string, nowMs: number, window = 1): Promise<number | null> {
  assertOtpType(config.type)
  if (!Number.isSafeInteger(window) || window < 0) {
    throw new KeyfobError('INVALID_PARAMETER', `The verification window must be a whole number ≥ 0, got ${String(window)}.`)
  }
  if (typeof code !== 'string') return null
  const candidate = config.type === 'steam' ? code.replace(/\s/g, '').toUpperCase() : code.replace(/\s/g, '')
  const length = config.type === 'steam' ? STEAM_CODE_LENGTH : config.digits
  if (candidate.length !== length) return null
  const base = config.type === 'hotp' ? config.counter : timeStep(config, nowMs)
  for (const offset of offsets(config.type, window)) {
    const counter = base + BigInt(offset)
    if (counter < 0n || counter > MAX_COUNTER) continue
    if (constantTimeEqual(await codeForCounter(key, config, counter), candidate)) return offset
  }
  return null
}

export async function verifyCode(config: OtpConfig, code: string, nowMs: number, window = 1): Promise<number | null> {
  return verifyCodeWithKey(await importConfigKey(config), config, code, nowMs, window)
}
