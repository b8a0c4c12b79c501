import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { isKeyfobError, type ErrorCode } from '../errors.ts'
import { base64Decode, base64Encode } from './base64.ts'

const keyfobError = (code: ErrorCode): unknown =>
  expect.toSatisfy((e: unknown) => isKeyfobError(e, code), `a KeyfobError with code ${code}`)

const text = (s: string) => new TextEncoder().encode(s)

describe('base64Encode', () => {
  // RFC 4648 §10 test vectors.
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 §10: %j → %s', (plain, encoded) => {
    expect(base64Encode(text(plain))).toBe(encoded)
    expect(base64Decode(encoded)).toEqual(text(plain))
  })

  it('uses the URL-safe alphabet, unpadded by default, when asked', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0xfe])
    expect(base64Encode(bytes)).toBe('+/+//g==')
    expect(base64Encode(bytes, { urlSafe: true })).toBe('-_-__g')
    expect(base64Encode(bytes, { urlSafe: true, padding: true })).toBe('-_-__g==')
    expect(base64Encode(bytes, { padding: false })).toBe('+/+//g')
  })

  it('matches the platform encoder (btoa) on random bytes', () => {
    for (let length = 0; length <= 50; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length))
      expect(base64Encode(bytes)).toBe(btoa(String.fromCharCode(...bytes)))
    }
  })
})

describe('base64Decode', () => {
  it('accepts both alphabets, with or without padding', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0xfe])
    for (const spelling of ['+/+//g==', '+/+//g', '-_-__g==', '-_-__g']) {
      expect(base64Decode(spelling), spelling).toEqual(bytes)
    }
  })

  it('decodes a Steam maFile shared_secret (20 bytes)', () => {
    const bytes = base64Decode('9sIR2FDKpws8kgRQSK+jnOBRJmo=')
    expect(bytes.length).toBe(20)
    expect(base64Encode(bytes)).toBe('9sIR2FDKpws8kgRQSK+jnOBRJmo=')
  })

  it.each([
    ['invalid character', 'Zm9v!'],
    ['space inside', 'Zm9v Yg=='],
    ['newline', 'Zm9v\nYmFy'],
    ['= inside the data', 'Zm=9v'],
    ['three = signs', 'Zg==='],
    ['= at the start', '=Zm9v'],
    ['padding on a full group', 'Zm9v='],
    ['too little padding', 'Zg='],
    ['padding alone', '=='],
    ['length ≡ 1 (mod 4)', 'Zm9vY'],
    ['single character', 'Z'],
    ['mixed alphabets', '+/-_'],
    ['non-zero bits after the last byte (2 chars)', 'Zh=='],
    ['non-zero bits after the last byte (3 chars)', 'Zm9'],
    ['non-ASCII letter', 'Zm9vé'],
  ])('rejects %s', (_name, input) => {
    expect(() => base64Decode(input)).toThrow(keyfobError('INVALID_SECRET'))
  })

  it('property: both alphabets and both paddings round-trip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.boolean(), fc.boolean(), (bytes, urlSafe, padding) => {
        expect(base64Decode(base64Encode(bytes, { urlSafe, padding }))).toEqual(bytes)
      }),
    )
  })

  it('property: any string decodes or throws KeyfobError INVALID_SECRET', () => {
    const base64ish = fc.string({ unit: fc.constantFrom(...'ABCZabz09+/-_= \n'), maxLength: 24 })
    fc.assert(
      fc.property(fc.oneof(fc.string(), base64ish), (input) => {
        try {
          const bytes = base64Decode(input)
          // Strict decoding: an accepted string is the canonical encoding of its bytes.
          const urlSafe = /[-_]/.test(input)
          expect(base64Encode(bytes, { urlSafe, padding: input.endsWith('=') || (!urlSafe && input.length % 4 === 0) })).toBe(input)
        } catch (e) {
          expect(isKeyfobError(e, 'INVALID_SECRET'), String(e)).toBe(true)
        }
      }),
      { numRuns: 3000 },
    )
  })
})
