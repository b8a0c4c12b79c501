import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { isKeyfobError, type ErrorCode } from '../errors.ts'
import { hexDecode, hexEncode } from './hex.ts'

const keyfobError = (code: ErrorCode): unknown =>
  expect.toSatisfy((e: unknown) => isKeyfobError(e, code), `a KeyfobError with code ${code}`)

describe('hexEncode / hexDecode', () => {
  it('encodes lower case, two digits per byte', () => {
    expect(hexEncode(new Uint8Array([0, 1, 0x0f, 0x10, 0xab, 0xff]))).toBe('00010f10abff')
    expect(hexEncode(new Uint8Array())).toBe('')
  })

  it('decodes either case', () => {
    expect(hexDecode('00010F10abFF')).toEqual(new Uint8Array([0, 1, 0x0f, 0x10, 0xab, 0xff]))
    expect(hexDecode('')).toEqual(new Uint8Array())
  })

  it('decodes the RFC 4226 Appendix D key', () => {
    expect(new TextDecoder().decode(hexDecode('3132333435363738393031323334353637383930'))).toBe('12345678901234567890')
  })

  it('round-trips random bytes', () => {
    for (let length = 0; length <= 64; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length))
      expect(hexDecode(hexEncode(bytes))).toEqual(bytes)
      expect(hexDecode(hexEncode(bytes).toUpperCase())).toEqual(bytes)
    }
  })

  it.each([
    ['odd length', 'abc'],
    ['one digit', 'a'],
    ['non-hex letter', 'abcg'],
    ['0x prefix', '0xabcd'],
    ['inner space', 'ab cd'],
    ['leading space', ' abcd'],
    ['minus sign', '-1'],
    ['full-width digit', 'ab１２'],
    ['Arabic-Indic digits', '٠١'],
  ])('rejects %s', (_name, input) => {
    expect(() => hexDecode(input)).toThrow(keyfobError('INVALID_SECRET'))
  })

  it('property: decode(encode(bytes)) = bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 128 }), (bytes) => {
        expect(hexDecode(hexEncode(bytes))).toEqual(bytes)
      }),
    )
  })

  it('property: any string decodes or throws KeyfobError INVALID_SECRET', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFgx ') })), (input) => {
        try {
          const bytes = hexDecode(input)
          expect(hexEncode(bytes)).toBe(input.toLowerCase())
        } catch (e) {
          expect(isKeyfobError(e, 'INVALID_SECRET'), String(e)).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
