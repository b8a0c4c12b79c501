// The only file that imports jsQR (about 250 KB unminified): the content script
// and the popup must never pull it in, so nothing outside src/core/qr imports
// this module, and only the background loads the QR pipeline (jsqr-boundary.test.ts).
import jsQR from 'jsqr'
import type { GreyImage, Point, Quad } from './types.ts'

export interface JsqrHit {
  text: string
  bytes: Uint8Array
  version: number
  /** Symbol corners in the pixels of the image given to runJsqr. */
  corners: Quad
}

/**
 * jsQR on a dark-on-light greyscale image. jsQR wants RGBA and converts it back
 * to grey with BT.709 weights, which return the same grey for R = G = B. It
 * binarises everything it is given, so callers hand it small crops or
 * downscaled copies, never a whole 4K capture.
 */
export function runJsqr(image: GreyImage, inversion: 'dontInvert' | 'attemptBoth' = 'dontInvert'): JsqrHit | null {
  // jsQR's binariser reads 5 × 5 tiles of 8 px around each tile and misbehaves below 40 px.
  if (image.width < 40 || image.height < 40) return null
  const rgba = new Uint8ClampedArray(image.width * image.height * 4)
  const words = new Uint32Array(rgba.buffer)
  const grey = image.data
  for (let i = 0; i < grey.length; i++) {
    const v = grey[i]!
    // Byte order is irrelevant: R, G and B are equal and alpha is opaque either way round.
    words[i] = 0xff000000 | (v << 16) | (v << 8) | v
  }
  const result = jsQR(rgba, image.width, image.height, { inversionAttempts: inversion })
  if (result === null) return null
  const { location } = result
  return {
    text: result.data,
    bytes: Uint8Array.from(result.binaryData),
    version: result.version,
    corners: {
      topLeft: point(location.topLeftCorner),
      topRight: point(location.topRightCorner),
      bottomRight: point(location.bottomRightCorner),
      bottomLeft: point(location.bottomLeftCorner),
    },
  }
}

function point(p: Point): Point {
  return { x: p.x, y: p.y }
}
