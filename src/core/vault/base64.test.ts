import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base64ToBytes, bytesToBase64, canonicalBase64Length } from './base64.ts'

describe('base64', () => {
  it('matches RFC 4648 §10 test vectors', () => {
    const vectors = ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']
    vectors.forEach((b64, i) => {
      const bytes = new TextEncoder().encode('foobar'.slice(0, i))
      expect(bytesToBase64(bytes)).toBe(b64)
      expect(base64ToBytes(b64)).toEqual(bytes)
    })
  })

  it('round-trips any bytes, agreeing with Node’s encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes)
      }),
    )
  })

  it('round-trips more than one 32 KiB encoding chunk', () => {
    const bytes = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 7919 + (i >> 8)) % 256)
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes)
  })

  it.each(['Zg', 'Zg=', 'Zh==', 'Zm9v\n', ' Zm9v', 'Zm-v', 'Zm_v', 'Z===', '====', 'Zm9v===='])('rejects the non-canonical %j', (text) =>
    expect(base64ToBytes(text)).toBeNull(),
  )
})

describe('canonical base64 without a re-encode (issue #15)', () => {
  /** The old definition: the lenient decoder's bytes must re-encode to the very text. */
  const reference = (text: string) => {
    const bytes = Buffer.from(text, 'base64')
    return bytes.toString('base64') === text ? new Uint8Array(bytes) : null
  }
  const text = fc.string({ unit: fc.constantFrom(...'AQgwBCZz09+/=-_ \n'), maxLength: 14 })

  it('accepts and refuses exactly what decoding and re-encoding does', () => {
    fc.assert(
      fc.property(text, (t) => {
        const expected = reference(t)
        expect(canonicalBase64Length(t)).toBe(expected?.length ?? null)
        expect(base64ToBytes(t)).toEqual(expected)
      }),
      { numRuns: 5_000 },
    )
  })

  it('decodes any canonical text to the bytes it encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const t = Buffer.from(bytes).toString('base64')
        expect(canonicalBase64Length(t)).toBe(bytes.length)
        expect(base64ToBytes(t)).toEqual(bytes)
      }),
    )
  })

  it.each([
    ['Zh==', 'a spare bit set before =='],
    ['Zm9=', 'a spare bit set before ='],
    ['Zm9v=', 'padding after a whole group'],
    ['Zm9vZ', 'a lone character'],
  ])('refuses %j (%s)', (t) => expect(canonicalBase64Length(t)).toBeNull())
})
