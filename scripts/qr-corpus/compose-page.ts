/**
 * Fake web-page screenshots to place QR codes on: a header bar, paragraphs of
 * glyph-like marks, buttons and a photo-like gradient, so the decoder meets the
 * edges and textures of a real page rather than a blank canvas.
 */
import type { RgbaImage } from '../../src/core/qr/types.ts'
import { createRandom } from './random.ts'

export interface PageOptions {
  width: number
  height: number
  /** devicePixelRatio: page content is drawn this many times larger. Default 1. */
  dpr?: number
  seed?: number
  /** Background grey level. Default 250 (a near-white page). */
  background?: number
}

export function createRgba(width: number, height: number, grey = 255): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4).fill(grey)
  for (let i = 3; i < data.length; i += 4) data[i] = 255
  return { data, width, height }
}

function fillRect(img: RgbaImage, x0: number, y0: number, w: number, h: number, rgb: readonly [number, number, number]): void {
  const x1 = Math.min(img.width, Math.round(x0 + w))
  const y1 = Math.min(img.height, Math.round(y0 + h))
  for (let y = Math.max(0, Math.round(y0)); y < y1; y++) {
    for (let x = Math.max(0, Math.round(x0)); x < x1; x++) {
      const i = (y * img.width + x) * 4
      img.data[i] = rgb[0]
      img.data[i + 1] = rgb[1]
      img.data[i + 2] = rgb[2]
    }
  }
}

/** Copies `src` onto `dst` with its top-left corner at (x, y), clipped to `dst`. */
export function placeImage(dst: RgbaImage, src: RgbaImage, x: number, y: number): void {
  x = Math.round(x)
  y = Math.round(y)
  for (let sy = 0; sy < src.height; sy++) {
    const dy = y + sy
    if (dy < 0 || dy >= dst.height) continue
    const sx0 = Math.max(0, -x)
    const sx1 = Math.min(src.width, dst.width - x)
    if (sx1 <= sx0) continue
    dst.data.set(src.data.subarray((sy * src.width + sx0) * 4, (sy * src.width + sx1) * 4), (dy * dst.width + x + sx0) * 4)
  }
}

/** A page with content everywhere except, ideally, where QR codes will be placed (callers place them on top). */
export function createPage(opts: PageOptions): RgbaImage {
  const dpr = opts.dpr ?? 1
  const rnd = createRandom(opts.seed ?? 1)
  const bg = opts.background ?? 250
  const page = createRgba(opts.width, opts.height, bg)
  const s = (n: number) => n * dpr
  // Header bar with a logo and menu items.
  fillRect(page, 0, 0, page.width, s(56), [32, 48, 96])
  fillRect(page, s(24), s(14), s(28), s(28), [240, 180, 40])
  for (let i = 0; i < 5; i++) fillRect(page, s(120 + i * 110), s(24), s(70), s(9), [220, 225, 240])
  // A photo-like gradient block on the right.
  const gx = Math.round(page.width * 0.72)
  const gy = s(90)
  const gw = Math.round(page.width * 0.24)
  const gh = Math.round(page.height * 0.3)
  for (let y = 0; y < gh && gy + y < page.height; y++) {
    for (let x = 0; x < gw && gx + x < page.width; x++) {
      const i = ((gy + y) * page.width + gx + x) * 4
      page.data[i] = (80 + (x * 150) / gw) | 0
      page.data[i + 1] = (120 + (y * 100) / gh) | 0
      page.data[i + 2] = (160 + rnd() * 30) | 0
    }
  }
  // Paragraphs: rows of glyph-like marks with word gaps, 16 px type.
  const lineHeight = s(24)
  for (let y = s(90); y + lineHeight < page.height - s(20); y += lineHeight) {
    if (rnd() < 0.15) continue // paragraph break
    let x = s(24)
    const end = gx - s(40)
    while (x < end) {
      const word = 2 + Math.floor(rnd() * 8)
      for (let c = 0; c < word && x < end; c++) {
        const w = s(2 + Math.floor(rnd() * 6))
        const h = s(8 + Math.floor(rnd() * 5))
        const shade = 30 + Math.floor(rnd() * 40)
        fillRect(page, x, y + s(14) - h, w, h, [shade, shade, shade])
        x += w + s(2)
      }
      x += s(8)
    }
  }
  // Two buttons near the bottom.
  fillRect(page, s(24), page.height - s(60), s(120), s(36), [26, 115, 232])
  fillRect(page, s(160), page.height - s(60), s(120), s(36), [255, 255, 255])
  return page
}
