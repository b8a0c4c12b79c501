import { describe, it, expect } from 'vitest'
import vectors from '../../../test/fixtures/otp-vectors.json' with { type: 'json' }
import { isKeyfobError, type ErrorCode } from '../errors.ts'
import type { Algorithm } from '../types.ts'
import { base32Decode } from '../encoding/base32.ts'
import { importOtpKey } from './hotp.ts'
import { stepWindow, totp, totpCounter, totpWithKey } from './totp.ts'

const keyfobError = (code: ErrorCode): unknown =>
  expect.toSatisfy((e: unknown) => isKeyfobError(e, code), `a KeyfobError with code ${code}`)

const RFC_SHA1 = { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 8, period: 30 } as const

describe('totp: every vector in test/fixtures/otp-vectors.json', () => {
  it('has the vectors it is meant to test', () => {
    expect(vectors.totp.length).toBeGreaterThanOrEqual(40)
  })

  it.each(
    vectors.totp.map(
      (v) => [`${v.source}: ${v.algorithm}, t=${v.time}, period ${v.period}, ${v.digits} digits → ${v.expected}`, v] as const,
    ),
  )('%s', async (_name, v) => {
    const config = { secret: v.secret_base32, algorithm: v.algorithm as Algorithm, digits: v.digits, period: v.period }
    if (v.counter_hex !== undefined) {
      expect(totpCounter(v.time * 1000, v.period)).toBe(BigInt(`0x${v.counter_hex}`))
    }
    // The code holds for the whole second, not just its first millisecond.
    expect(await totp(config, v.time * 1000)).toBe(v.expected)
    expect(await totp(config, v.time * 1000 + 999)).toBe(v.expected)
    const key = await importOtpKey(base32Decode(v.secret_base32), config.algorithm)
    expect(await totpWithKey(key, config, v.time * 1000)).toBe(v.expected)
  })
})

describe('totpCounter', () => {
  it('is floor((seconds − T0) / period) (RFC 6238 §4.2)', () => {
    expect(totpCounter(0, 30)).toBe(0n)
    expect(totpCounter(29_999, 30)).toBe(0n)
    expect(totpCounter(30_000, 30)).toBe(1n)
    expect(totpCounter(59_999.9, 30)).toBe(1n)
    expect(totpCounter(1_111_111_109_000, 30)).toBe(0x23523ecn)
    expect(totpCounter(20_000_000_000_000, 30)).toBe(0x27bc86aan)
  })

  it('supports any positive whole period, including 1 s and very long ones', () => {
    expect(totpCounter(1_234_567_890_500, 1)).toBe(1_234_567_890n)
    expect(totpCounter(1_234_567_890_000, 7)).toBe(176_366_841n)
    expect(totpCounter(1_234_567_890_000, 86_400)).toBe(14_288n)
  })

  it('counts from T0', () => {
    expect(totpCounter(100_000, 30, 100)).toBe(0n)
    expect(totpCounter(129_999, 30, 100)).toBe(0n)
    expect(totpCounter(130_000, 30, 100)).toBe(1n)
    expect(totpCounter(0, 30, -60)).toBe(2n)
  })

  it.each([
    ['zero period', 0, 0, 0],
    ['negative period', 0, -30, 0],
    ['fractional period', 0, 30.5, 0],
    ['infinite period', 0, Number.POSITIVE_INFINITY, 0],
    ['NaN time', Number.NaN, 30, 0],
    ['infinite time', Number.POSITIVE_INFINITY, 30, 0],
    ['time before T0', 99_999, 30, 100],
    ['negative time', -1, 30, 0],
    ['fractional T0', 0, 30, 0.5],
  ])('rejects %s with INVALID_PARAMETER', (_name, nowMs, period, t0) => {
    expect(() => totpCounter(nowMs, period, t0)).toThrow(keyfobError('INVALID_PARAMETER'))
  })
})

describe('stepWindow', () => {
  it('spans one period from T0 + step × period', () => {
    expect(stepWindow(0n, 30)).toEqual({ validFrom: 0, validUntil: 30_000 })
    expect(stepWindow(2n, 30, 100)).toEqual({ validFrom: 160_000, validUntil: 190_000 })
  })
})

describe('totp', () => {
  it('applies the T0 offset: the RFC step-1 code moves by T0', async () => {
    expect(await totp({ ...RFC_SHA1, t0: 1000 }, (1000 + 59) * 1000)).toBe('94287082')
    expect(await totp({ ...RFC_SHA1, t0: 1000 }, (1000 + 29) * 1000)).toBe('84755224') // step 0 = RFC 4226 counter 0
    // Without the offset the same instant is step 35, a different code.
    expect(await totp(RFC_SHA1, (1000 + 59) * 1000)).not.toBe('94287082')
  })

  it('rejects a time before T0', async () => {
    await expect(totp({ ...RFC_SHA1, t0: 1000 }, 999_999)).rejects.toThrow(keyfobError('INVALID_PARAMETER'))
  })

  it('rejects bad digits, period and algorithm with their error codes', async () => {
    await expect(totp({ ...RFC_SHA1, digits: 4 }, 0)).rejects.toThrow(keyfobError('INVALID_PARAMETER'))
    await expect(totp({ ...RFC_SHA1, period: 0 }, 0)).rejects.toThrow(keyfobError('INVALID_PARAMETER'))
    await expect(totp({ ...RFC_SHA1, algorithm: 'MD5' as Algorithm }, 0)).rejects.toThrow(keyfobError('UNSUPPORTED_ALGORITHM'))
    await expect(totp({ ...RFC_SHA1, secret: 'not base32!' }, 0)).rejects.toThrow(keyfobError('INVALID_SECRET'))
  })
})
