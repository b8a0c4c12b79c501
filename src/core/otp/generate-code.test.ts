import { describe, it, expect } from 'vitest'
import { keyfobError } from '../../../test/support/keyfob-error.ts'
import { RFC_TOTP } from '../../../test/support/otp-fixtures.ts'
import vectors from '../../../test/fixtures/otp-vectors.json' with { type: 'json' }
import type { ErrorCode } from '../errors.ts'
import type { Algorithm, OtpConfig, OtpType } from '../types.ts'
import { codeForCounter, generateCode, generateCodeWithKey, importConfigKey } from './generate-code.ts'

describe('generateCode dispatches on type, for every vector', () => {
  it.each(vectors.hotp.map((v) => [`hotp counter ${v.counter} (${v.digits}) → ${v.expected}`, v] as const))('%s', async (_n, v) => {
    const config: OtpConfig = {
      ...RFC_TOTP,
      type: 'hotp',
      secret: v.secret_base32,
      algorithm: v.algorithm as Algorithm,
      digits: v.digits,
      counter: BigInt(v.counter),
    }
    // HOTP ignores the time entirely.
    expect(await generateCode(config, 1_700_000_000_000)).toBe(v.expected)
  })

  it.each(vectors.totp.map((v) => [`totp ${v.algorithm} t=${v.time}/${v.period} → ${v.expected}`, v] as const))('%s', async (_n, v) => {
    const config: OtpConfig = {
      ...RFC_TOTP,
      secret: v.secret_base32,
      algorithm: v.algorithm as Algorithm,
      digits: v.digits,
      period: v.period,
    }
    expect(await generateCode(config, v.time * 1000)).toBe(v.expected)
  })

  it.each(vectors.steam.map((v) => [`steam t=${v.time} → ${v.expected}`, v] as const))('%s', async (_n, v) => {
    // Steam ignores algorithm, digits, period and T0: it is always SHA1, 5 characters, 30 s.
    const config: OtpConfig = { type: 'steam', secret: v.secret_base32, algorithm: 'SHA512', digits: 8, period: 60, counter: 0n, t0: 7 }
    expect(await generateCode(config, v.time * 1000)).toBe(v.expected)
  })
})

describe('generateCodeWithKey', () => {
  it('gives the same codes as generateCode with a cached key', async () => {
    const config = { ...RFC_TOTP, algorithm: 'SHA256', digits: 7, period: 15 } as const
    const key = await importConfigKey(config)
    for (const [time, expected] of [
      [0, '4875740'],
      [29, '2247374'],
      [30, '6254785'],
    ] as const) {
      expect(await generateCodeWithKey(key, config, time * 1000)).toBe(expected)
    }
  })

  it('uses config.counter for HOTP', async () => {
    const hotp: OtpConfig = { ...RFC_TOTP, type: 'hotp', counter: 9n }
    expect(await generateCodeWithKey(await importConfigKey(hotp), hotp, 0)).toBe('520489')
  })

  it('imports Steam keys as HMAC-SHA1 whatever the algorithm field says', async () => {
    const key = await importConfigKey({ type: 'steam', secret: 'BASE32SECRET3232', algorithm: 'SHA256' })
    expect((key as CryptoKey).algorithm).toMatchObject({ name: 'HMAC', hash: { name: 'SHA-1' } })
    expect(await codeForCounter(key, { type: 'steam', digits: 6 }, 0n)).toBe('2TC8B')
  })
})

describe('generateCode errors', () => {
  it.each<[string, Partial<OtpConfig>, number, ErrorCode]>([
    ['unknown type', { type: 'yaotp' as OtpType }, 0, 'UNSUPPORTED_TYPE'],
    ['unknown algorithm', { algorithm: 'MD5' as Algorithm }, 0, 'UNSUPPORTED_ALGORITHM'],
    ['bad secret', { secret: 'GEZDGNB1' }, 0, 'INVALID_SECRET'],
    ['empty secret', { secret: '' }, 0, 'INVALID_SECRET'],
    ['too few digits', { digits: 5 }, 0, 'INVALID_PARAMETER'],
    ['too many digits', { digits: 11 }, 0, 'INVALID_PARAMETER'],
    ['zero period', { period: 0 }, 0, 'INVALID_PARAMETER'],
    ['time before T0', { t0: 60 }, 59_999, 'INVALID_PARAMETER'],
    ['negative HOTP counter', { type: 'hotp', counter: -1n }, 0, 'INVALID_PARAMETER'],
    ['HOTP counter of 2^64', { type: 'hotp', counter: 2n ** 64n }, 0, 'INVALID_PARAMETER'],
  ])('%s → %s', async (_name, change, nowMs, code) => {
    await expect(generateCode({ ...RFC_TOTP, ...change }, nowMs)).rejects.toThrow(keyfobError(code))
  })
})
