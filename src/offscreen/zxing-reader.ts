/**
 * ZXing-C++ (zxing-wasm's reader build) as readQrScan's first engine. Its WebAssembly is
 * a file packaged with the extension, never fetched: zxing-wasm would load it from a CDN
 * by default, and an extension must not run code from the network (the manifest's CSP
 * allows 'wasm-unsafe-eval' for its own files only). Loaded on the first scan only.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader'
import type { ZxingHit, ZxingReader } from '../core/qr/index.ts'
import type { RgbaImage } from '../core/qr/types.ts'

/**
 * QR codes only (nothing else Keyfob could use), up to 16 as decodeQrCodes; its defaults
 * otherwise (tryHarder, tryRotate, tryInvert, tryDownscale: the rotated, dark-mode and 4K
 * cases). returnErrors: a symbol located but not decoded still says "a code was there".
 */
const OPTIONS: ReaderOptions = { formats: ['QRCode'], maxNumberOfSymbols: 16, returnErrors: true }

/** `wasm`: where the .wasm file is (the extension's packaged copy), or its bytes (unit tests in Node). */
export function createZxingReader(wasm: { url: string } | { bytes: Uint8Array }): ZxingReader {
  let ready: Promise<unknown> | null = null
  return async (image: RgbaImage): Promise<ZxingHit[]> => {
    ready ??= prepareZXingModule({
      overrides:
        'url' in wasm
          ? { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasm.url : prefix + path) }
          : { wasmBinary: wasm.bytes.buffer as ArrayBuffer },
      fireImmediately: true,
    }).catch((e: unknown) => {
      ready = null // the next scan tries again
      throw e
    })
    await ready
    const input = { data: image.data, width: image.width, height: image.height, colorSpace: 'srgb' } as ImageData
    const results = await readBarcodes(input, OPTIONS)
    return results.map((r) => ({
      text: r.text,
      valid: r.isValid,
      corners: {
        topLeft: { ...r.position.topLeft },
        topRight: { ...r.position.topRight },
        bottomRight: { ...r.position.bottomRight },
        bottomLeft: { ...r.position.bottomLeft },
      },
    }))
  }
}
