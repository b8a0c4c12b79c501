import { describe, expect, it } from 'vitest'
import { clampRect, crop, cropRgba } from './crop.ts'
import { invert } from './invert.ts'
import { stretchContrast } from './stretch-contrast.ts'
import { toLuminance } from './to-luminance.ts'
import type { GreyImage } from './types.ts'

const grey = (width: number, height: number, values: number[]): GreyImage => ({ data: Uint8Array.from(values), width, height })

describe('toLuminance', () => {
  it('weights red, green and blue as jsQR does (BT.709)', () => {
    const data = Uint8ClampedArray.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255])
    expect(Array.from(toLuminance({ data, width: 4, height: 1 }).data)).toEqual([53, 182, 18, 255])
  })

  it('composites transparent pixels onto white', () => {
    const data = Uint8ClampedArray.from([0, 0, 0, 0, 0, 0, 0, 128, 0, 0, 0, 255])
    expect(Array.from(toLuminance({ data, width: 3, height: 1 }).data)).toEqual([255, 127, 0])
  })
})

describe('crop', () => {
  it('copies the rectangle', () => {
    const image = grey(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(crop(image, { x: 1, y: 1, width: 2, height: 2 })).toEqual(grey(2, 2, [5, 6, 8, 9]))
  })

  it('copies whole RGBA pixels, clamped to the image', () => {
    const data = Uint8ClampedArray.from({ length: 3 * 2 * 4 }, (_, i) => i)
    expect(cropRgba({ data, width: 3, height: 2 }, { x: 1.5, y: 1, width: 9, height: 9 })).toEqual({
      data: Uint8ClampedArray.from([16, 17, 18, 19, 20, 21, 22, 23]),
      width: 2,
      height: 1,
    })
  })

  it('clamps to the image and rounds outwards', () => {
    expect(clampRect({ x: -5.5, y: 1.2, width: 7, height: 100 }, 4, 3)).toEqual({ x: 0, y: 1, width: 2, height: 2 })
    expect(clampRect({ x: 10, y: 10, width: 5, height: 5 }, 4, 3)).toEqual({ x: 4, y: 3, width: 0, height: 0 })
  })
})

describe('invert', () => {
  it('maps v to 255 − v', () => {
    expect(invert(grey(3, 1, [0, 100, 255]))).toEqual(grey(3, 1, [255, 155, 0]))
  })
})

describe('stretchContrast', () => {
  it('maps the dark and light levels to black and white', () => {
    const image = grey(20, 1, [...new Array<number>(10).fill(100), ...new Array<number>(10).fill(160)])
    stretchContrast(image)
    expect(new Set(image.data)).toEqual(new Set([0, 255]))
  })

  it('leaves a nearly flat image alone (nothing to read, noise to amplify)', () => {
    const image = grey(4, 1, [100, 104, 108, 110])
    stretchContrast(image)
    expect(Array.from(image.data)).toEqual([100, 104, 108, 110])
  })
})
