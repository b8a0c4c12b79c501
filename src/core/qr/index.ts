/**
 * QR scanning over RGBA pixels: pure, no DOM, no OffscreenCanvas. The decoding worker
 * (src/offscreen/qr-worker.ts) calls readQrScan on pixels the background made from a
 * capture or an image; the background itself only crops (crop.ts) and imports types
 * from here. Nothing but that worker loads the decoders: jsQR and ZXing are large, and
 * the service worker, the popup and the content script must not carry them.
 */
export { readQrScan } from './read-qr-scan.ts'
export type { QrScan, ScanCode, ZxingHit, ZxingReader } from './read-qr-scan.ts'
export type { RgbaImage } from './types.ts'
