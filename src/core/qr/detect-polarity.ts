import { symbolPoint } from './quad-geometry.ts'
import type { GreyImage, Polarity, Quad } from './types.ts'

/**
 * Which way round a decoded symbol is printed. The top-left finder pattern's
 * centre (module 3.5, 3.5) is always dark and module (7, 7) of the separator
 * always light (ISO/IEC 18004 §6.3.3), so comparing the two works at any
 * contrast, unlike a fixed grey threshold.
 */
export function detectPolarity(image: GreyImage, corners: Quad, version: number): Polarity {
  const dimension = 17 + 4 * version
  const centre = symbolPoint(corners, 3.5 / dimension, 3.5 / dimension)
  const separator = symbolPoint(corners, 7.5 / dimension, 7.5 / dimension)
  return sample(image, centre.x, centre.y) <= sample(image, separator.x, separator.y) ? 'dark' : 'light'
}

function sample(image: GreyImage, x: number, y: number): number {
  const xi = Math.min(image.width - 1, Math.max(0, Math.floor(x)))
  const yi = Math.min(image.height - 1, Math.max(0, Math.floor(y)))
  return image.data[yi * image.width + xi]!
}
