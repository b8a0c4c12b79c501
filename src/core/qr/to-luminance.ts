import type { GreyImage, RgbaImage } from './types.ts'

/**
 * Luminance with the BT.709 weights jsQR itself uses (0.2126, 0.7152, 0.0722,
 * here as 54/183/19 of 256), so a code reads the same as in jsQR alone.
 * Transparent pixels are composited onto white: a QR PNG with a transparent
 * background drawn to a canvas has RGB 0 (black) there, and would vanish.
 */
export function toLuminance(image: RgbaImage): GreyImage {
  const { data, width, height } = image
  const n = width * height
  const out = new Uint8Array(n)
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const lum = ((data[j] ?? 0) * 54 + (data[j + 1] ?? 0) * 183 + (data[j + 2] ?? 0) * 19) >> 8
    const alpha = data[j + 3] ?? 255
    out[i] = alpha === 255 ? lum : (lum * alpha + 255 * (255 - alpha)) / 255
  }
  return { data: out, width, height }
}
