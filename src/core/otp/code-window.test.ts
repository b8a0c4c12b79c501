import { describe, it, expect } from 'vitest'
import { keyfobError } from '../../../test/support/keyfob-error.ts'
import type { OtpConfig, OtpType } from '../types.ts'
import { codeWindow, timeStep } from './code-window.ts'

const base: OtpConfig = { type: 'totp', secret: 'GEZDGNBV', algorithm: 'SHA1', digits: 6, period: 30, counter: 0n }

describe('codeWindow', () => {
  it.each([
    [0, 0, 30_000],
    [29_999, 0, 30_000],
    [30_000, 30_000, 60_000],
    [59_999, 30_000, 60_000],
    [1_700_000_000_000, 1_699_999_980_000, 1_700_000_010_000],
    [20_000_000_000_000, 19_999_999_980_000, 20_000_000_010_000],
  ])('TOTP/30 at %d ms → [%d, %d)', (nowMs, validFrom, validUntil) => {
    const window = codeWindow(base, nowMs)
    expect(window).toEqual({ validFrom, validUntil })
    expect(window!.validFrom).toBeLessThanOrEqual(nowMs)
    expect(window!.validUntil).toBeGreaterThan(nowMs)
  })

  it('uses the configured period', () => {
    expect(codeWindow({ ...base, period: 60 }, 59_999)).toEqual({ validFrom: 0, validUntil: 60_000 })
    expect(codeWindow({ ...base, period: 15 }, 29_999)).toEqual({ validFrom: 15_000, validUntil: 30_000 })
  })

  it('starts windows at T0', () => {
    expect(codeWindow({ ...base, t0: 10 }, 10_000)).toEqual({ validFrom: 10_000, validUntil: 40_000 })
    expect(codeWindow({ ...base, t0: 10 }, 39_999)).toEqual({ validFrom: 10_000, validUntil: 40_000 })
    expect(codeWindow({ ...base, t0: 10 }, 40_000)).toEqual({ validFrom: 40_000, validUntil: 70_000 })
    expect(() => codeWindow({ ...base, t0: 10 }, 9_999)).toThrow(keyfobError('INVALID_PARAMETER'))
  })

  it('always uses 30 s from the epoch for Steam, whatever the config says', () => {
    const steam = { ...base, type: 'steam', period: 60, t0: 10 } as const
    expect(codeWindow(steam, 59_999)).toEqual({ validFrom: 30_000, validUntil: 60_000 })
    expect(timeStep(steam, 59_999)).toBe(1n)
  })

  it('is undefined for HOTP', () => {
    expect(codeWindow({ ...base, type: 'hotp' }, 1_700_000_000_000)).toBeUndefined()
  })

  it('rejects an unknown type with UNSUPPORTED_TYPE', () => {
    expect(() => codeWindow({ ...base, type: 'yaotp' as OtpType }, 0)).toThrow(keyfobError('UNSUPPORTED_TYPE'))
  })
})

describe('timeStep', () => {
  it('is the RFC 6238 step for TOTP and refuses HOTP', () => {
    expect(timeStep(base, 1_111_111_109_000)).toBe(0x23523ecn)
    expect(() => timeStep({ ...base, type: 'hotp' }, 0)).toThrow(keyfobError('UNSUPPORTED_TYPE'))
  })
})
