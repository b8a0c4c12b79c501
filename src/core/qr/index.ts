/**
 * QR scanning over RGBA pixels: pure, no DOM, no OffscreenCanvas. The
 * background (or an offscreen document) turns a capture into pixels and calls
 * decodeQrCodes. Only the background imports this module: it carries jsQR,
 * which the popup and the content script must not load.
 */
export { decodeQrCodes, decodeQrScan } from './decode-qr-codes.ts'
export { cropRgba } from './crop.ts'
export type { QrResult, RgbaImage } from './types.ts'
