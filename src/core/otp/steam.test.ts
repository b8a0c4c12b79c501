import { describe, it, expect } from 'vitest'
import vectors from '../../../test/fixtures/otp-vectors.json' with { type: 'json' }
import { base32Decode } from '../encoding/base32.ts'
import { base64Encode } from '../encoding/base64.ts'
import { parseSecret } from '../encoding/parse-secret.ts'
import { hotpValue, importOtpKey } from './hotp.ts'
import { STEAM_ALPHABET, steam, steamCodeFromValue, steamWithKey } from './steam.ts'

describe('steam: every vector in test/fixtures/otp-vectors.json', () => {
  it('has the vectors it is meant to test', () => {
    expect(vectors.steam.length).toBeGreaterThanOrEqual(20)
  })

  it.each(vectors.steam.map((v) => [`${v.source}: ${v.secret_base32} at t=${v.time} → ${v.expected}`, v] as const))(
    '%s',
    async (_name, v) => {
      expect(await steam(v.secret_base32, v.time * 1000)).toBe(v.expected)
      const key = await importOtpKey(base32Decode(v.secret_base32), 'SHA1')
      expect(await steamWithKey(key, v.time * 1000 + 999)).toBe(v.expected)
    },
  )

  it.each(vectors.steam.map((v) => [v.secret_base32, v.time, v.expected] as const))(
    'a maFile base64 shared_secret gives the same code as its base32 (%s at t=%s)',
    async (secret, time, expected) => {
      const bytes = base32Decode(secret)
      for (const sharedSecret of [base64Encode(bytes), base64Encode(bytes, { urlSafe: true })]) {
        const parsed = parseSecret(sharedSecret, 'base64')
        expect(parsed.secret).toBe(secret)
        expect(await steam(parsed.secret, time * 1000)).toBe(expected)
        expect(await steam(parsed.bytes, time * 1000)).toBe(expected)
      }
    },
  )
})

describe('steamCodeFromValue', () => {
  it('writes five characters, least significant first, in base 26', () => {
    expect(steamCodeFromValue(0)).toBe('22222')
    expect(steamCodeFromValue(25)).toBe('Y2222')
    expect(steamCodeFromValue(26)).toBe('23222')
    expect(steamCodeFromValue(26 ** 5 - 1)).toBe('YYYYY')
    // Only the low five base-26 digits of the 31-bit value are used.
    expect(steamCodeFromValue(26 ** 5)).toBe('22222')
    expect(steamCodeFromValue(2 ** 31 - 1)).toMatch(new RegExp(`^[${STEAM_ALPHABET}]{5}$`))
  })

  it('has 26 distinct characters without look-alikes', () => {
    expect(new Set(STEAM_ALPHABET).size).toBe(26)
    expect(STEAM_ALPHABET).not.toMatch(/[01AEILOSUZ]/)
  })

  it('agrees with the truncated HMAC of the step', async () => {
    const key = await importOtpKey(base32Decode('BASE32SECRET3232'), 'SHA1')
    expect(steamCodeFromValue(await hotpValue(key, 0n))).toBe('2TC8B')
  })
})
