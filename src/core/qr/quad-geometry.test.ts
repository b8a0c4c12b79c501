import { describe, expect, it } from 'vitest'
import { fillOutsideQuad, fillQuad } from './fill-quad.ts'
import { boundingRect, mapQuad, quadCentre, quadContains, symbolPoint } from './quad-geometry.ts'
import type { GreyImage, Quad } from './types.ts'

const square: Quad = { topLeft: { x: 2, y: 2 }, topRight: { x: 6, y: 2 }, bottomRight: { x: 6, y: 6 }, bottomLeft: { x: 2, y: 6 } }
const diamond: Quad = { topLeft: { x: 10, y: 0 }, topRight: { x: 20, y: 10 }, bottomRight: { x: 10, y: 20 }, bottomLeft: { x: 0, y: 10 } }
const blank = (w: number, h: number, v = 0): GreyImage => ({ data: new Uint8Array(w * h).fill(v), width: w, height: h })
const count = (image: GreyImage, v: number) => image.data.reduce((n, x) => n + (x === v ? 1 : 0), 0)

describe('quad geometry', () => {
  it('tests containment for either winding', () => {
    const mirrored = { ...square, topRight: square.bottomLeft, bottomLeft: square.topRight }
    for (const q of [square, mirrored, diamond]) {
      expect(quadContains(q, quadCentre(q))).toBe(true)
      expect(quadContains(q, { x: 100, y: 100 })).toBe(false)
    }
    expect(quadContains(diamond, { x: 1, y: 1 })).toBe(false)
  })

  it('interpolates symbol coordinates and bounds', () => {
    expect(symbolPoint(diamond, 0.5, 0.5)).toEqual({ x: 10, y: 10 })
    expect(symbolPoint(square, 1, 0)).toEqual({ x: 6, y: 2 })
    expect(boundingRect(diamond, 1)).toEqual({ x: -1, y: -1, width: 22, height: 22 })
    expect(mapQuad(square, (p) => ({ x: p.x * 2, y: p.y })).topRight).toEqual({ x: 12, y: 2 })
  })
})

describe('fillQuad / fillOutsideQuad', () => {
  it('paints exactly the pixels of an axis-aligned square', () => {
    const image = blank(8, 8)
    fillQuad(image, square, 255)
    expect(count(image, 255)).toBe(16)
    expect(image.data[2 * 8 + 2]).toBe(255)
    expect(image.data[6 * 8 + 6]).toBe(0)
  })

  it('grows by the margin and clips to the image', () => {
    const image = blank(8, 8)
    fillQuad(image, square, 255, 10)
    expect(count(image, 255)).toBe(64)
  })

  it('paints the complement when filling outside', () => {
    const inside = blank(24, 24)
    const outside = blank(24, 24)
    fillQuad(inside, diamond, 255)
    fillOutsideQuad(outside, diamond, 255)
    expect(count(inside, 255) + count(outside, 255)).toBe(24 * 24)
    // A 10 px-radius diamond covers about 2 × 10² pixels.
    expect(count(inside, 255)).toBeGreaterThan(180)
    expect(count(inside, 255)).toBeLessThan(230)
  })
})
