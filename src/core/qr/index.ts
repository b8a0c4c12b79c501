/**
 * QR scanning over RGBA pixels: pure, no DOM, no OffscreenCanvas. The
 * background (or an offscreen document) turns a capture into pixels and calls
 * decodeQrCodes. Import this module directly, never through src/core/index.ts:
 * it carries jsQR, which the popup and the content script must not load.
 */
export { decodeQrCodes, type DecodeQrOptions } from './decode-qr-codes.ts'
export { cropRgba } from './crop.ts'
export { classifyQrText, type ClassifiedQrText, type QrTextKind } from './classify-qr-text.ts'
export type { GreyImage, Point, Polarity, Quad, QrResult, RgbaImage } from './types.ts'
