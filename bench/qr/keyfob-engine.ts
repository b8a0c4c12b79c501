/**
 * The scan engine as the extension's decoding worker runs it (src/offscreen/qr-worker.ts:
 * ZXing first, then Keyfob's jsQR pipeline), for bench/qr-bench.mjs to run in a plain page
 * beside plain jsQR and plain zxing-wasm, on the same pixels. `wasmUrl`: where the page
 * serves zxing-wasm's reader .wasm (the extension packages its own copy).
 */
import { readQrScan, type QrScan, type RgbaImage } from '../../src/core/qr/index.ts'
import { createZxingReader } from '../../src/offscreen/zxing-reader.ts'

export function createEngine(wasmUrl: string): (image: RgbaImage) => Promise<QrScan> {
  const zxing = createZxingReader({ url: wasmUrl })
  return (image) => readQrScan(image, zxing)
}
