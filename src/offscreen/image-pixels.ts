/**
 * Turns an image (a capture, a file, a downloaded image) into pixels for the QR engine, in
 * the decoding worker: createImageBitmap and OffscreenCanvas work in a Web Worker, and so
 * neither the PNG decode nor the pixels weigh on the extension's service worker.
 */
import { KeyfobError } from '../core/errors.ts'
import type { RgbaImage } from '../core/qr/index.ts'

/** Larger images are refused before decoding: a hostile page must not exhaust the decoder's memory. */
const MAX_PIXELS = 40_000_000

export async function imageToPixels(blob: Blob): Promise<RgbaImage> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(blob)
  } catch (e) {
    throw new KeyfobError('INVALID_IMAGE', 'That is not an image Keyfob can read.', { cause: e })
  }
  try {
    if (bitmap.width * bitmap.height > MAX_PIXELS) throw new KeyfobError('INVALID_IMAGE', 'That image is too large to scan.')
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    if (!ctx) throw new KeyfobError('INTERNAL', 'No canvas to read the image with.')
    // Transparent areas stay transparent: the pipeline composites them onto white (to-luminance.ts).
    ctx.drawImage(bitmap, 0, 0)
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height)
  } finally {
    bitmap.close()
  }
}
