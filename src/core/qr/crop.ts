import type { GreyImage, Rect, RgbaImage } from './types.ts'

/** The part of `rect` inside the image, rounded outwards to whole pixels. */
export function clampRect(rect: Rect, width: number, height: number): Rect {
  const x0 = Math.min(width, Math.max(0, Math.floor(rect.x)))
  const y0 = Math.min(height, Math.max(0, Math.floor(rect.y)))
  const x1 = Math.min(width, Math.ceil(rect.x + rect.width))
  const y1 = Math.min(height, Math.ceil(rect.y + rect.height))
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) }
}

/** A copy of the pixels in `rect` (clamped to the image; see clampRect for the exact area). */
export function crop(image: GreyImage, rect: Rect): GreyImage {
  const r = clampRect(rect, image.width, image.height)
  const out = new Uint8Array(r.width * r.height)
  for (let y = 0; y < r.height; y++) {
    const from = (r.y + y) * image.width + r.x
    out.set(image.data.subarray(from, from + r.width), y * r.width)
  }
  return { data: out, width: r.width, height: r.height }
}

/** The same for RGBA pixels: a box the person dragged over a capture, cut out at full resolution. */
export function cropRgba(image: RgbaImage, rect: Rect): RgbaImage {
  const r = clampRect(rect, image.width, image.height)
  const out = new Uint8ClampedArray(r.width * r.height * 4)
  for (let y = 0; y < r.height; y++) {
    const from = ((r.y + y) * image.width + r.x) * 4
    out.set(image.data.subarray(from, from + r.width * 4), y * r.width * 4)
  }
  return { data: out, width: r.width, height: r.height }
}
