import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { isKeyfobError, type ErrorCode } from '../errors.ts'
import { base32Encode } from './base32.ts'
import { base64Encode } from './base64.ts'
import { hexEncode } from './hex.ts'
import { isWeakKey, MIN_STRONG_KEY_BYTES, parseSecret, type SecretEncoding } from './parse-secret.ts'

const keyfobError = (code: ErrorCode): unknown =>
  expect.toSatisfy((e: unknown) => isKeyfobError(e, code), `a KeyfobError with code ${code}`)

// RFC 4226 Appendix D key, "12345678901234567890".
const RFC_BYTES = new TextEncoder().encode('12345678901234567890')
const RFC_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

describe('parseSecret', () => {
  it.each<[string, string, SecretEncoding | undefined]>([
    ['canonical base32 (default encoding)', RFC_BASE32, undefined],
    ['lower case with spaces', 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq', 'base32'],
    ['dashes and padding', 'GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ====', 'base32'],
    ['hex', '3132333435363738393031323334353637383930', 'hex'],
    ['upper-case hex wrapped over lines', '3132333435363738393031\n323334353637383930', 'hex'],
    ['base64', 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=', 'base64'],
    ['base64 without padding', 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA', 'base64'],
  ])('reads %s', (_name, input, encoding) => {
    const parsed = parseSecret(input, encoding)
    expect(parsed.bytes).toEqual(RFC_BYTES)
    expect(parsed.secret).toBe(RFC_BASE32)
    expect(parsed.weak).toBe(false)
  })

  it('returns canonical base32 even when the input has non-zero trailing bits', () => {
    // 'MZ' carries byte 0x66 plus two set bits that no encoder would write.
    expect(parseSecret('mz').secret).toBe('MY')
  })

  it('flags keys under 128 bits as weak but accepts them', () => {
    const eighty = parseSecret('wrn3pqx5uqxqvnqr') // 10 bytes, a real Google Authenticator example
    expect(eighty.bytes.length).toBe(10)
    expect(eighty.weak).toBe(true)
    expect(parseSecret('GEZDGNBV').weak).toBe(true) // 5 bytes
    expect(parseSecret(hexEncode(new Uint8Array(15)), 'hex').weak).toBe(true)
    expect(parseSecret(hexEncode(new Uint8Array(16)), 'hex').weak).toBe(false)
  })

  it.each<[string, string, SecretEncoding]>([
    ['empty base32', '', 'base32'],
    ['base32 of only padding', '====', 'base32'],
    ['empty hex', '', 'hex'],
    ['hex of only whitespace', '  \n', 'hex'],
    ['empty base64', '', 'base64'],
    ['bad base32', 'GEZDGNB1', 'base32'],
    ['odd hex', '313', 'hex'],
    ['bad base64', 'MTIz*', 'base64'],
    ['base32 given as hex', RFC_BASE32, 'hex'],
  ])('rejects %s with INVALID_SECRET', (_name, input, encoding) => {
    expect(() => parseSecret(input, encoding)).toThrow(keyfobError('INVALID_SECRET'))
  })

  it('rejects an unknown encoding with INVALID_PARAMETER', () => {
    expect(() => parseSecret(RFC_BASE32, 'base58' as SecretEncoding)).toThrow(keyfobError('INVALID_PARAMETER'))
  })

  it('property: the three encodings of one key parse to the same secret', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        const expected = { secret: base32Encode(bytes), bytes, weak: bytes.length < MIN_STRONG_KEY_BYTES }
        expect(parseSecret(base32Encode(bytes).toLowerCase())).toEqual(expected)
        expect(parseSecret(hexEncode(bytes), 'hex')).toEqual(expected)
        expect(parseSecret(base64Encode(bytes, { urlSafe: true }), 'base64')).toEqual(expected)
      }),
    )
  })
})

describe('isWeakKey', () => {
  it('is true below 16 bytes and false from 16 bytes', () => {
    expect(isWeakKey(new Uint8Array(0))).toBe(true)
    expect(isWeakKey(new Uint8Array(15))).toBe(true)
    expect(isWeakKey(new Uint8Array(16))).toBe(false)
    expect(isWeakKey(new Uint8Array(20))).toBe(false)
  })
})
