import { describe, it, expect } from 'vitest'
import { keyfobError } from '../../../test/support/keyfob-error.ts'
import { RFC_TOTP } from '../../../test/support/otp-fixtures.ts'
import type { OtpConfig } from '../types.ts'
import { importConfigKey } from './generate-code.ts'
import { MAX_COUNTER } from './hotp.ts'
import { verifyCode, verifyCodeWithKey } from './verify-code.ts'

// RFC 4226 Appendix D: the codes of counters 0..5 for this key.
const CODES = ['755224', '287082', '359152', '969429', '338314', '254676'] as const
const AT_STEP_2 = 60_000

describe('verifyCode (TOTP)', () => {
  it.each([
    [CODES[1], -1],
    [CODES[2], 0],
    [CODES[3], 1],
  ])('%s at step 2 → offset %d', async (code, offset) => {
    expect(await verifyCode(RFC_TOTP, code, AT_STEP_2)).toBe(offset)
  })

  it('returns null outside the window, and finds ±2 with window 2', async () => {
    expect(await verifyCode(RFC_TOTP, CODES[0], AT_STEP_2)).toBeNull()
    expect(await verifyCode(RFC_TOTP, CODES[4], AT_STEP_2)).toBeNull()
    expect(await verifyCode(RFC_TOTP, CODES[0], AT_STEP_2, 2)).toBe(-2)
    expect(await verifyCode(RFC_TOTP, CODES[4], AT_STEP_2, 2)).toBe(2)
    expect(await verifyCode(RFC_TOTP, CODES[3], AT_STEP_2, 0)).toBeNull()
    expect(await verifyCode(RFC_TOTP, CODES[2], AT_STEP_2, 0)).toBe(0)
  })

  it('returns null for a wrong code of the right length', async () => {
    expect(await verifyCode(RFC_TOTP, '000000', AT_STEP_2)).toBeNull()
  })

  it('rejects codes whose length does not match', async () => {
    expect(await verifyCode(RFC_TOTP, '35915', AT_STEP_2)).toBeNull()
    expect(await verifyCode(RFC_TOTP, '3591520', AT_STEP_2)).toBeNull()
    expect(await verifyCode(RFC_TOTP, '', AT_STEP_2)).toBeNull()
    // An 8-digit code whose last six digits match is still wrong for a 6-digit account.
    expect(await verifyCode(RFC_TOTP, '94287082', 59_000)).toBeNull()
    expect(await verifyCode({ ...RFC_TOTP, digits: 8 }, '94287082', 59_000)).toBe(0)
  })

  it('ignores the spaces of the grouped display form', async () => {
    expect(await verifyCode(RFC_TOTP, '359 152', AT_STEP_2)).toBe(0)
  })

  it('skips steps before T0 instead of failing', async () => {
    expect(await verifyCode(RFC_TOTP, CODES[1], 0)).toBe(1)
    expect(await verifyCode({ ...RFC_TOTP, t0: 30 }, CODES[0], 30_000)).toBe(0)
  })

  it('works with a cached key', async () => {
    const key = await importConfigKey(RFC_TOTP)
    expect(await verifyCodeWithKey(key, RFC_TOTP, CODES[3], AT_STEP_2)).toBe(1)
  })

  it.each([-1, 1.5, Number.NaN])('rejects a window of %s with INVALID_PARAMETER', async (window) => {
    await expect(verifyCode(RFC_TOTP, CODES[2], AT_STEP_2, window)).rejects.toThrow(keyfobError('INVALID_PARAMETER'))
  })
})

describe('verifyCode (HOTP)', () => {
  const HOTP: OtpConfig = { ...RFC_TOTP, type: 'hotp', counter: 2n }

  it('looks ahead only, from config.counter', async () => {
    expect(await verifyCode(HOTP, CODES[2], 0)).toBe(0)
    expect(await verifyCode(HOTP, CODES[3], 0)).toBe(1)
    expect(await verifyCode(HOTP, CODES[1], 0)).toBeNull() // already used: behind the counter
    expect(await verifyCode(HOTP, CODES[4], 0)).toBeNull()
    expect(await verifyCode(HOTP, CODES[5], 0, 3)).toBe(3)
    expect(await verifyCode(HOTP, CODES[3], 0, 0)).toBeNull()
  })

  it('does not run past 2^64 − 1', async () => {
    const last: OtpConfig = { ...HOTP, counter: MAX_COUNTER, digits: 10 }
    // Vector: counter 18446744073709551615, 10 digits → 1663094451.
    expect(await verifyCode(last, '1663094451', 0, 5)).toBe(0)
    expect(await verifyCode(last, '0000000000', 0, 5)).toBeNull()
  })
})

describe('verifyCode (Steam)', () => {
  const STEAM: OtpConfig = { ...RFC_TOTP, type: 'steam', secret: 'BASE32SECRET3232', digits: 5 }

  it('matches the five-character code, in either case', async () => {
    // Vectors: t=30 → YKKK4, t=60 → M4HQB, t=90 → DTVB3.
    expect(await verifyCode(STEAM, 'M4HQB', 60_000)).toBe(0)
    expect(await verifyCode(STEAM, 'm4hqb', 60_000)).toBe(0)
    expect(await verifyCode(STEAM, 'YKKK4', 60_000)).toBe(-1)
    expect(await verifyCode(STEAM, 'DTVB3', 60_000)).toBe(1)
    expect(await verifyCode(STEAM, 'M4HQ', 60_000)).toBeNull()
  })
})
