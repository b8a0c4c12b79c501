import { describe, it, expect } from 'vitest'
import { keyfobError } from '../../../test/support/keyfob-error.ts'
import vectors from '../../../test/fixtures/otp-vectors.json' with { type: 'json' }
import type { Algorithm } from '../types.ts'
import { base32Decode } from '../encoding/base32.ts'
import { hexDecode } from '../encoding/hex.ts'
import { hotp, hotpValue, hotpWithKey, importOtpKey, MAX_COUNTER } from './hotp.ts'

const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

describe('hotp: every vector in test/fixtures/otp-vectors.json', () => {
  it('has the vectors it is meant to test', () => {
    expect(vectors.hotp.length).toBeGreaterThanOrEqual(40)
  })

  it.each(vectors.hotp.map((v) => [`${v.source}: counter ${v.counter}, ${v.digits} digits → ${v.expected}`, v] as const))(
    '%s',
    async (_name, v) => {
      const counter = BigInt(v.counter)
      const algorithm = v.algorithm as Algorithm
      expect(await hotp(v.secret_base32, counter, { algorithm, digits: v.digits })).toBe(v.expected)
      const key = await importOtpKey(base32Decode(v.secret_base32), algorithm)
      expect(await hotpWithKey(key, counter, v.digits)).toBe(v.expected)
      if (v.secret_hex !== undefined) {
        expect(await hotp(hexDecode(v.secret_hex), counter, { algorithm, digits: v.digits })).toBe(v.expected)
      }
    },
  )
})

describe('hotp', () => {
  it('defaults to SHA1 and 6 digits (RFC 4226 Appendix D, counter 0)', async () => {
    expect(await hotp(RFC_SECRET, 0n)).toBe('755224')
  })

  it('accepts the secret in any base32 spelling', async () => {
    expect(await hotp('gezd gnbv gy3t-qojq gezd gnbv gy3t qojq===', 1n)).toBe('287082')
  })

  it('reuses one imported key for many counters', async () => {
    const key = await importOtpKey(base32Decode(RFC_SECRET), 'SHA1')
    const codes = await Promise.all([0n, 1n, 2n, 3n].map((c) => hotpWithKey(key, c, 6)))
    expect(codes).toEqual(['755224', '287082', '359152', '969429'])
  })

  it('pads the 31-bit value to 10 digits', async () => {
    const key = await importOtpKey(base32Decode(RFC_SECRET), 'SHA1')
    const value = await hotpValue(key, 0n)
    expect(value).toBeLessThan(2 ** 31)
    expect(await hotpWithKey(key, 0n, 10)).toBe(value.toString().padStart(10, '0'))
  })

  it('treats counters that differ only above bit 53 as different (no precision loss)', async () => {
    const a = await hotp(RFC_SECRET, 2n ** 53n, { digits: 10 })
    const b = await hotp(RFC_SECRET, 2n ** 53n + 1n, { digits: 10 })
    const c = await hotp(RFC_SECRET, MAX_COUNTER - 1n, { digits: 10 })
    const d = await hotp(RFC_SECRET, MAX_COUNTER, { digits: 10 })
    expect(new Set([a, b, c, d]).size).toBe(4)
  })

  it.each([
    ['negative', -1n],
    ['2^64', 2n ** 64n],
    ['far above 2^64', 2n ** 100n],
  ])('rejects a %s counter with INVALID_PARAMETER', async (_name, counter) => {
    await expect(hotp(RFC_SECRET, counter)).rejects.toThrow(keyfobError('INVALID_PARAMETER'))
    const key = await importOtpKey(base32Decode(RFC_SECRET), 'SHA1')
    await expect(hotpWithKey(key, counter, 6)).rejects.toThrow(keyfobError('INVALID_PARAMETER'))
  })

  it('rejects a counter that is a Number, not a bigint (untyped callers)', async () => {
    await expect(hotp(RFC_SECRET, 1 as unknown as bigint)).rejects.toThrow(keyfobError('INVALID_PARAMETER'))
  })

  it.each([0, 5, 11, 6.5, Number.NaN])('rejects %s digits with INVALID_PARAMETER', async (digits) => {
    await expect(hotp(RFC_SECRET, 0n, { digits })).rejects.toThrow(keyfobError('INVALID_PARAMETER'))
    const key = await importOtpKey(base32Decode(RFC_SECRET), 'SHA1')
    await expect(hotpWithKey(key, 0n, digits)).rejects.toThrow(keyfobError('INVALID_PARAMETER'))
  })

  it('rejects an unknown algorithm with UNSUPPORTED_ALGORITHM', async () => {
    for (const algorithm of ['MD5', 'sha1', 'toString']) {
      await expect(importOtpKey(new Uint8Array(20), algorithm as Algorithm)).rejects.toThrow(keyfobError('UNSUPPORTED_ALGORITHM'))
    }
  })

  it('rejects an empty key with INVALID_SECRET', async () => {
    await expect(importOtpKey(new Uint8Array(), 'SHA1')).rejects.toThrow(keyfobError('INVALID_SECRET'))
    await expect(hotp(new Uint8Array(), 0n)).rejects.toThrow(keyfobError('INVALID_SECRET'))
    await expect(hotp('', 0n)).rejects.toThrow(keyfobError('INVALID_SECRET'))
  })
})
