/** Shapes shared by the QR pipeline. All coordinates are in pixels of the image they refer to. */

/**
 * Pixels as an ImageData-like buffer: `width * height` pixels, 4 bytes each
 * (R, G, B, A), row by row. The browser adapter makes one from a capture or an
 * `<img>` through OffscreenCanvas; this module never touches the DOM.
 */
export interface RgbaImage {
  readonly data: Uint8ClampedArray
  readonly width: number
  readonly height: number
}

/** One byte of luminance per pixel (0 black … 255 white), row by row. */
export interface GreyImage {
  readonly data: Uint8Array
  readonly width: number
  readonly height: number
}

export interface Point {
  x: number
  y: number
}

/** The four outer corners of a QR symbol, named as the symbol reads (top-left holds a finder pattern). */
export interface Quad {
  topLeft: Point
  topRight: Point
  bottomRight: Point
  bottomLeft: Point
}

/** An axis-aligned rectangle; `x`/`y` is the top-left pixel, inclusive. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** 'dark' is the usual dark-on-light symbol; 'light' is light modules on a dark background. */
export type Polarity = 'dark' | 'light'

export interface QrResult {
  /** The decoded text (jsQR's reading of the byte, alphanumeric, numeric and kanji segments). */
  text: string
  /** The raw data bytes, for payloads that are not text. */
  bytes: Uint8Array
  /** QR version 1–40 (21 + 4 × (version − 1) modules a side). */
  version: number
  /** Where the symbol is, in the input image's pixels. */
  corners: Quad
  polarity: Polarity
}
