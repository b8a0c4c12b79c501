import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base64ToBytes, bytesToBase64 } from './base64.ts'

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
