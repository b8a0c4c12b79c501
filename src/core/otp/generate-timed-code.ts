import type { OtpConfig } from '../types.ts'
import { timeSettings } from './code-window.ts'
import { codeForCounter, importConfigKey, type OtpKey } from './generate-code.ts'
import { stepWindow, totpCounter } from './totp.ts'

/**
 * What the popup needs for a time-based account: the current code, its
 * window, and the next code, so it can show the next one during the last
 * seconds and animate the countdown without asking again.
 */
export interface TimedCode {
  code: string
  nextCode: string
  validFrom: number
  validUntil: number
}

/** TOTP or Steam only; HOTP throws UNSUPPORTED_TYPE. */
export async function generateTimedCodeWithKey(key: OtpKey, config: OtpConfig, nowMs: number): Promise<TimedCode> {
  const { period, t0 } = timeSettings(config)
  const step = totpCounter(nowMs, period, t0)
  const [code, nextCode] = await Promise.all([codeForCounter(key, config, step), codeForCounter(key, config, step + 1n)])
  return { code, nextCode, ...stepWindow(step, period, t0) }
}

export async function generateTimedCode(config: OtpConfig, nowMs: number): Promise<TimedCode> {
  timeSettings(config) // fail on HOTP before importing a key
  return generateTimedCodeWithKey(await importConfigKey(config), config, nowMs)
}
