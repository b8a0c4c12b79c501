import { describe, expect, it } from 'vitest'
import { upscale } from './upscale.ts'

describe('upscale', () => {
  it('interpolates between pixel centres and clamps at the edges', () => {
    const out = upscale({ data: Uint8Array.from([0, 200]), width: 2, height: 1 }, 2)
    expect(out.width).toBe(4)
    expect(out.height).toBe(2)
    expect(Array.from(out.data.subarray(0, 4))).toEqual([0, 50, 150, 200])
  })

  it('handles fractional factors and keeps flat areas flat', () => {
    const out = upscale({ data: new Uint8Array(9).fill(77), width: 3, height: 3 }, 1.5)
    expect([out.width, out.height]).toEqual([5, 5])
    expect(out.data.every((v) => v === 77)).toBe(true)
  })

  it('returns the image itself for factors ≤ 1', () => {
    const image = { data: new Uint8Array(4), width: 2, height: 2 }
    expect(upscale(image, 1)).toBe(image)
  })
})
