import { describe, it, expect } from 'vitest'
import { keyfobError } from '../../../test/support/keyfob-error.ts'
import { RFC_TOTP } from '../../../test/support/otp-fixtures.ts'
import type { OtpConfig } from '../types.ts'
import { importConfigKey } from './generate-code.ts'
import { generateTimedCode, generateTimedCodeWithKey } from './generate-timed-code.ts'

describe('generateTimedCode', () => {
  it('returns the current code, the next one and the window (TOTP)', async () => {
    // Steps 1 and 2 are RFC 4226 Appendix D counters 1 and 2.
    expect(await generateTimedCode(RFC_TOTP, 59_999)).toEqual({ code: '287082', nextCode: '359152', validFrom: 30_000, validUntil: 60_000 })
    expect(await generateTimedCode(RFC_TOTP, 60_000)).toEqual({ code: '359152', nextCode: '969429', validFrom: 60_000, validUntil: 90_000 })
  })

  it('honours T0', async () => {
    expect(await generateTimedCode({ ...RFC_TOTP, t0: 100 }, 100_000)).toEqual({
      code: '755224',
      nextCode: '287082',
      validFrom: 100_000,
      validUntil: 130_000,
    })
  })

  it('works for Steam with a cached key', async () => {
    const steam: OtpConfig = { ...RFC_TOTP, type: 'steam', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', digits: 5 }
    const key = await importConfigKey(steam)
    // Vectors: t=59 → 9WW3X, t=60 → MCW9B.
    expect(await generateTimedCodeWithKey(key, steam, 59_000)).toEqual({
      code: '9WW3X',
      nextCode: 'MCW9B',
      validFrom: 30_000,
      validUntil: 60_000,
    })
  })

  it('refuses HOTP with UNSUPPORTED_TYPE', async () => {
    await expect(generateTimedCode({ ...RFC_TOTP, type: 'hotp' }, 0)).rejects.toThrow(keyfobError('UNSUPPORTED_TYPE'))
  })
})
