/**
 * The QR decoding job (readQrScan: ZXing-C++ as WebAssembly, then jsQR), loaded by the background
 * job worker (qr-worker.ts) on the first scan only, so a worker started for another job does not
 * parse the decoders.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url'
import { isKeyfobError } from '../core/errors.ts'
import { readQrScanIn } from '../core/qr/index.ts'
import type { QrDecodeReply, QrDecodeRequest } from '../shared/qr-messages.ts'
import { imageToPixels } from './image-pixels.ts'
import { createZxingReader } from './zxing-reader.ts'

const zxing = createZxingReader({ url: new URL(wasmUrl, self.location.href).href })

export async function decodeQr(request: QrDecodeRequest): Promise<QrDecodeReply> {
  try {
    const scan = await readQrScanIn(await imageToPixels(request.image), request.crop, zxing)
    return { keyfob: 'decodedQr', id: request.id, ok: true, scan }
  } catch (e) {
    // Keyfob's own sentences (not an image, too large) go back as they are; anything else says only that it failed.
    const error =
      isKeyfobError(e) && e.code === 'INVALID_IMAGE'
        ? { code: 'INVALID_IMAGE' as const, message: e.message }
        : { code: 'INTERNAL' as const, message: 'The QR decoder failed.' }
    return { keyfob: 'decodedQr', id: request.id, ok: false, error }
  }
}
