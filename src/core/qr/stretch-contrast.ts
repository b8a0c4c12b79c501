import type { GreyImage } from './types.ts'

/**
 * Maps the image's dark level (5th percentile) to black and its light level
 * (95th) to white, in place. jsQR reads full-contrast codes well but is
 * erratic on washed-out ones (greys 100…160 from a dimmed screen or a
 * translucent overlay): its binariser's fixed 24-grey "flat tile" rule and the
 * mask around a crop then sit at odd places relative to the code's two greys.
 * Only for crops around one code, whose histogram the code dominates.
 */
export function stretchContrast(image: GreyImage): void {
  const { data } = image
  const histogram = new Uint32Array(256)
  for (let i = 0; i < data.length; i++) histogram[data[i]!]!++
  const dark = percentile(histogram, data.length, 0.05)
  const light = percentile(histogram, data.length, 0.95)
  // Too little spread means no code here; stretching would only amplify noise.
  if (light - dark < 16) return
  const lut = new Uint8Array(256)
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - dark) * 255) / (light - dark))))
  for (let i = 0; i < data.length; i++) data[i] = lut[data[i]!]!
}

function percentile(histogram: Uint32Array, count: number, p: number): number {
  let seen = 0
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!
    if (seen > count * p) return v
  }
  return 255
}
