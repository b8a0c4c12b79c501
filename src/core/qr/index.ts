/**
 * QR scanning over RGBA pixels: pure, no DOM, no OffscreenCanvas. The decoding worker
 * (src/offscreen/qr-worker.ts) calls readQrScanIn on the pixels of an image the
 * background hands it (a capture, a file, a downloaded image); the background imports
 * only types from here. Nothing but that worker loads the decoders: jsQR and ZXing are large, and
 * the service worker, the popup and the content script must not carry them.
 */
export { readQrScan, readQrScanIn } from './read-qr-scan.ts'
export type { ImageScan, QrScan, ScanCode, ZxingHit, ZxingReader } from './read-qr-scan.ts'
export type { Rect, RgbaImage } from './types.ts'
