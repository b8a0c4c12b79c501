/**
 * Turns an image into pixels for the pure QR pipeline, in the service worker
 * (OffscreenCanvas and createImageBitmap work there), never in the page.
 */
import { registrableDomain } from '../core/site/index.ts'
import { KeyfobError } from '../core/errors.ts'
import { decodeQrCodes } from '../core/qr/index.ts'

/** Larger images are refused before decoding: a hostile page must not exhaust the worker. */
const MAX_PIXELS = 40_000_000

export async function imageToPixels(blob: Blob): Promise<ImageData> {
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

export async function decodeBlob(blob: Blob): Promise<string[]> {
  return decodeQrCodes(await imageToPixels(blob)).map((r) => r.text)
}

/**
 * Fetches an image URL the page showed (data:, http(s) with the extension's host access).
 * Cookies go only to the page's own site: a page must not get Keyfob to read, with the
 * person's cookies, another site's setup QR code and bind that account to the page.
 */
export async function fetchImage(url: string, pageUrl: string | undefined): Promise<Blob> {
  if (!/^(https?:|data:image\/)/i.test(url)) throw new KeyfobError('INVALID_IMAGE', 'Keyfob cannot read images from that kind of address.')
  const site = pageUrl === undefined ? null : registrableDomain(pageUrl)
  const sameSite = site !== null && /^https?:/i.test(url) && registrableDomain(url) === site
  let response: Response
  try {
    response = await fetch(url, { credentials: sameSite ? 'include' : 'omit', cache: 'force-cache' })
  } catch (e) {
    throw new KeyfobError('INVALID_IMAGE', 'The image could not be downloaded (network error).', { cause: e })
  }
  if (!response.ok) throw new KeyfobError('INVALID_IMAGE', `The image could not be downloaded (HTTP ${response.status}).`)
  return response.blob()
}
