import { KeyfobError } from '../errors.ts'
import type { RgbaImage } from './types.ts'

/**
 * Checks the shape of an image from the browser adapter before any loop trusts
 * it: a wrong length would otherwise read past the buffer or decode garbage.
 */
export function assertRgbaImage(image: RgbaImage): void {
  const { width, height, data } = image
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new KeyfobError('INVALID_IMAGE', `The image must have a positive whole width and height (got ${width}×${height}).`)
  }
  if (!(data instanceof Uint8ClampedArray) || data.length !== width * height * 4) {
    throw new KeyfobError('INVALID_IMAGE', `The image data must be ${width}×${height}×4 RGBA bytes.`)
  }
}
