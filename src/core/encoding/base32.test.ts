import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { isKeyfobError, type ErrorCode } from '../errors.ts'
import { base32Decode, base32Encode, isCanonicalBase32, normalizeBase32 } from './base32.ts'
import { hexEncode } from './hex.ts'

const keyfobError = (code: ErrorCode): unknown =>
  expect.toSatisfy((e: unknown) => isKeyfobError(e, code), `a KeyfobError with code ${code}`)

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length))
}

describe('base32Encode / base32Decode', () => {
  // RFC 4648 §10 test vectors, without padding (the otpauth convention).
  it.each([
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('RFC 4648 §10: %s ↔ %s', (text, encoded) => {
    const bytes = new TextEncoder().encode(text)
    expect(base32Encode(bytes)).toBe(encoded)
    expect(new TextDecoder().decode(base32Decode(encoded))).toBe(text)
  })

  it('encodes nothing as the empty string', () => {
    expect(base32Encode(new Uint8Array())).toBe('')
  })

  it('round-trips random byte strings of every length 1..64', () => {
    for (let length = 1; length <= 64; length++) {
      for (let round = 0; round < 20; round++) {
        const bytes = randomBytes(length)
        const encoded = base32Encode(bytes)
        expect(encoded).toMatch(/^[A-Z2-7]+$/)
        expect(encoded.length).toBe(Math.ceil((length * 8) / 5))
        expect(base32Decode(encoded)).toEqual(bytes)
      }
    }
  })

  it('decodes every accepted spelling to the same bytes', () => {
    const canonical = base32Decode('JBSWY3DPEHPK3PXP')
    for (const spelling of [
      'jbswy3dpehpk3pxp',
      'JBSW Y3DP EHPK 3PXP',
      'jbsw-y3dp-ehpk-3pxp',
      ' JBSWY3DPEHPK3PXP\n',
      'JBSWY3DPEHPK3PXP========',
    ]) {
      expect(base32Decode(spelling), spelling).toEqual(canonical)
    }
    expect(hexEncode(canonical)).toBe('48656c6c6f21deadbeef') // 'Hello!' + DEADBEEF
  })

  it('ignores non-zero trailing bits', () => {
    // 'MY', 'MZ' and 'M3' share the first 8 bits (0x66, 'f') and differ only in the 2 bits past it.
    expect(base32Decode('MZ')).toEqual(new Uint8Array([0x66]))
    expect(base32Decode('M3')).toEqual(new Uint8Array([0x66]))
    expect(base32Decode('M4')).not.toEqual(new Uint8Array([0x66]))
  })
})

describe('normalizeBase32', () => {
  it('upper-cases and strips separators and trailing padding', () => {
    expect(normalizeBase32(' mzxw-6ytb oi====== ')).toBe('MZXW6YTBOI')
  })

  it.each([
    ['empty', ''],
    ['only separators', ' - \t'],
    ['only padding', '========'],
    ['invalid letter-like digit 0', 'MZXW0YTB'],
    ['invalid digit 1', 'MZXW1YTB'],
    ['invalid digit 8', 'MZXW8YTB'],
    ['punctuation', 'MZXW6YT!'],
    ['= inside the data', 'MZ=XW6YQ'],
    ['= between groups', 'MY======MY'],
    ['length ≡ 1 (mod 8)', 'M'],
    ['length ≡ 3 (mod 8)', 'MZX'],
    ['length ≡ 6 (mod 8)', 'MZXW6Y'],
    ['length 9', 'MZXW6YTBO'],
    // toUpperCase() would turn these into alphabet letters.
    ['long s (ſ → S)', 'MZXW6YTſ'],
    ['dotless i (ı → I)', 'MZXW6YTı'],
    ['ligature (ﬀ → FF)', 'MZXW6Yﬀ'],
    ['full-width letter', 'MZXW6YTＢ'],
  ])('rejects %s', (_name, input) => {
    expect(() => normalizeBase32(input)).toThrow(keyfobError('INVALID_SECRET'))
    expect(() => base32Decode(input)).toThrow(keyfobError('INVALID_SECRET'))
  })

  it('rejects a value that is not a string (untyped callers)', () => {
    expect(() => normalizeBase32(42 as unknown as string)).toThrow(keyfobError('INVALID_SECRET'))
  })
})

describe('base32 properties', () => {
  it('decode(encode(bytes)) = bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 128 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes))).toEqual(bytes)
      }),
    )
  })

  it('lower case with separators decodes like the canonical form', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        const spelled = base32Encode(bytes)
          .toLowerCase()
          .replace(/(.{4})/g, '$1 ')
        expect(base32Decode(spelled)).toEqual(bytes)
      }),
    )
  })

  it('on any string, decoding returns bytes or throws KeyfobError INVALID_SECRET', () => {
    const alphabetish = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz234567018= -ſı'), maxLength: 40 })
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), alphabetish), (input) => {
        try {
          const bytes = base32Decode(input)
          // Accepted input must be re-encodable to a string that normalises the same way (up to trailing bits).
          expect(base32Decode(base32Encode(bytes))).toEqual(bytes)
          expect(bytes.length).toBeGreaterThan(0)
        } catch (e) {
          expect(isKeyfobError(e, 'INVALID_SECRET'), String(e)).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('isCanonicalBase32', () => {
  it('says whether normalizeBase32 would return the text unchanged', () => {
    const samples = [
      'JBSWY3DPEHPK3PXP',
      'jbswy3dpehpk3pxp',
      'JBSW Y3DP',
      'JBSWY3DPEHPK3PXP====',
      'JBSWY3D=',
      '',
      'A',
      'ABC',
      'ABCDEF',
      'AB',
      'ABCD',
      'ABCDE',
      'ABCDEFG',
      'ABCDEFGH',
      'JBSWY3DPEHPK3PX1',
      'JBSWY-3DP',
      'ſ',
      'ÄBCD',
      'AB\u0000D',
    ]
    for (let i = 0; i < 200; i += 1) samples.push(base32Encode(crypto.getRandomValues(new Uint8Array(1 + (i % 40)))))
    for (const text of samples) {
      let same: boolean
      try {
        same = normalizeBase32(text) === text
      } catch {
        same = false
      }
      expect(isCanonicalBase32(text), JSON.stringify(text)).toBe(same)
    }
  })
})
