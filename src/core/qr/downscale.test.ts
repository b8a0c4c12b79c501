import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { downscale, downscaleToFit, halve } from './downscale.ts'
import type { GreyImage } from './types.ts'

const grey = (width: number, height: number, values: number[]): GreyImage => ({ data: Uint8Array.from(values), width, height })

describe('downscale', () => {
  it('averages whole blocks for integer factors', () => {
    const image = grey(4, 2, [0, 100, 200, 200, 0, 100, 200, 200])
    expect(downscale(image, 2)).toEqual(grey(2, 1, [50, 200]))
  })

  it('weights partly covered pixels for fractional factors', () => {
    // 3 → 2 columns: output 0 covers pixel 0 and half of pixel 1.
    const image = grey(3, 1, [0, 90, 180])
    expect(Array.from(downscale(image, 1.5).data)).toEqual([30, 150])
  })

  it('returns the image itself for factors ≤ 1', () => {
    const image = grey(2, 2, [1, 2, 3, 4])
    expect(downscale(image, 1)).toBe(image)
    expect(downscaleToFit(image, 10)).toEqual({ image, factor: 1 })
  })

  it('fits the long side and reports the factor applied', () => {
    const { image, factor } = downscaleToFit(grey(10, 4, new Array<number>(40).fill(7)), 5)
    expect([image.width, image.height, factor]).toEqual([5, 2, 2])
    expect(image.data.every((v) => v === 7)).toBe(true)
  })

  it('keeps the mean brightness (area average)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }),
        fc.integer({ min: 8, max: 40 }),
        fc.double({ min: 1.1, max: 4, noNaN: true }),
        fc.integer(),
        (w, h, f, seed) => {
          const values = Array.from({ length: w * h }, (_, i) => (Math.imul(i + 1, seed | 1) >>> 8) & 0xff)
          const out = downscale(grey(w, h, values), f)
          const mean = (d: Uint8Array) => d.reduce((s, v) => s + v, 0) / d.length
          // Rounded sizes make the last row/column cover slightly more or less; rounding adds ½.
          expect(Math.abs(mean(out.data) - mean(Uint8Array.from(values)))).toBeLessThan(16)
        },
      ),
      { numRuns: 50 },
    )
  })
})

describe('halve', () => {
  it('averages 2 × 2 squares and drops an odd last row and column', () => {
    const image = grey(3, 3, [0, 100, 9, 200, 100, 9, 9, 9, 9])
    expect(halve(image)).toEqual(grey(1, 1, [100]))
  })
})
