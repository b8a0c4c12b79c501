/**
 * Image degradations for the corpus: each returns a new image and leaves its
 * input alone. They work on RGB and keep alpha opaque.
 */
import type { RgbaImage } from '../../src/core/qr/types.ts'

/** Rotates about the centre by `degrees` (counter-clockwise), growing the canvas to fit; new area gets `background`. Bilinear, by inverse mapping each output pixel. */
export function rotateImage(src: RgbaImage, degrees: number, background = 255): RgbaImage {
  const rad = (degrees * Math.PI) / 180
  const cos = Math.cos(rad)
  const sin = Math.sin(rad)
  const width = Math.ceil(Math.abs(src.width * cos) + Math.abs(src.height * sin))
  const height = Math.ceil(Math.abs(src.width * sin) + Math.abs(src.height * cos))
  const data = new Uint8ClampedArray(width * height * 4)
  const cx = (width - 1) / 2
  const cy = (height - 1) / 2
  const scx = (src.width - 1) / 2
  const scy = (src.height - 1) / 2
  const sample = (x: number, y: number, c: number): number =>
    x < 0 || y < 0 || x >= src.width || y >= src.height ? background : (src.data[(y * src.width + x) * 4 + c] ?? background)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Inverse rotation: where in the source does this output pixel come from?
      const dx = x - cx
      const dy = y - cy
      const sx = cos * dx - sin * dy + scx
      const sy = sin * dx + cos * dy + scy
      const x0 = Math.floor(sx)
      const y0 = Math.floor(sy)
      const fx = sx - x0
      const fy = sy - y0
      const o = (y * width + x) * 4
      for (let c = 0; c < 3; c++) {
        const top = sample(x0, y0, c) * (1 - fx) + sample(x0 + 1, y0, c) * fx
        const bottom = sample(x0, y0 + 1, c) * (1 - fx) + sample(x0 + 1, y0 + 1, c) * fx
        data[o + c] = top * (1 - fy) + bottom * fy
      }
      data[o + 3] = 255
    }
  }
  return { data, width, height }
}

/** Box blur of the given radius (a (2r+1)² mean), as two separable passes. */
export function boxBlur(src: RgbaImage, radius: number): RgbaImage {
  const { width, height } = src
  const tmp = new Float32Array(width * height * 3)
  const out = new Uint8ClampedArray(src.data.length)
  const n = 2 * radius + 1
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0
        for (let k = -radius; k <= radius; k++) {
          const xx = Math.min(width - 1, Math.max(0, x + k))
          sum += src.data[(y * width + xx) * 4 + c] ?? 0
        }
        tmp[(y * width + x) * 3 + c] = sum / n
      }
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0
        for (let k = -radius; k <= radius; k++) {
          const yy = Math.min(height - 1, Math.max(0, y + k))
          sum += tmp[(yy * width + x) * 3 + c] ?? 0
        }
        out[(y * width + x) * 4 + c] = sum / n
      }
      out[(y * width + x) * 4 + 3] = 255
    }
  }
  return { data: out, width, height }
}

/** Maps every channel linearly from 0…255 onto `low`…`high` (e.g. 90…160 for a washed-out screen). */
export function compressContrast(src: RgbaImage, low: number, high: number): RgbaImage {
  const out = new Uint8ClampedArray(src.data.length)
  for (let i = 0; i < out.length; i++) out[i] = i % 4 === 3 ? 255 : low + ((src.data[i] ?? 0) * (high - low)) / 255
  return { data: out, width: src.width, height: src.height }
}

/** Light-on-dark: every channel becomes 255 − value. */
export function invertRgba(src: RgbaImage): RgbaImage {
  const out = new Uint8ClampedArray(src.data.length)
  for (let i = 0; i < out.length; i++) out[i] = i % 4 === 3 ? 255 : 255 - (src.data[i] ?? 0)
  return { data: out, width: src.width, height: src.height }
}

/** Nearest-neighbour scaling by `factor` (and `factorY` vertically, default the same), as a browser paints a small image on a high-DPI screen or into a box of another aspect ratio. */
export function scaleNearest(src: RgbaImage, factor: number, factorY = factor): RgbaImage {
  const width = Math.round(src.width * factor)
  const height = Math.round(src.height * factorY)
  const out = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    const sy = Math.min(src.height - 1, Math.floor(y / factorY))
    for (let x = 0; x < width; x++) {
      const sx = Math.min(src.width - 1, Math.floor(x / factor))
      out.set(src.data.subarray((sy * src.width + sx) * 4, (sy * src.width + sx) * 4 + 4), (y * width + x) * 4)
    }
  }
  return { data: out, width, height }
}

/**
 * Near-Gaussian blur of standard deviation about `sigma`, as repeated 3×3 box blurs: n passes of a
 * radius-1 box have variance n · 2/3 (each pass adds its own), and by the central limit theorem their
 * sum is close to Gaussian after a few passes. Returns the σ it really applied.
 */
export function gaussianBlur(src: RgbaImage, sigma: number): { image: RgbaImage; sigma: number } {
  const passes = Math.max(1, Math.round(1.5 * sigma * sigma))
  let image = src
  for (let i = 0; i < passes; i++) image = boxBlur(image, 1)
  return { image, sigma: Math.sqrt((passes * 2) / 3) }
}
