/**
 * The Web Worker that decodes QR codes (readQrScan: ZXing-C++ as WebAssembly, then jsQR),
 * started on demand by the offscreen document (Chromium) or the background page (Firefox):
 * a scan never runs on the extension's service worker or event page, which must stay free
 * to answer the popup and the pages. It answers only its creator (a dedicated worker has no
 * other sender), and only requests of the right shape.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url'
import { isKeyfobError } from '../core/errors.ts'
import { readQrScanIn } from '../core/qr/index.ts'
import { checkDecodeRequest, type QrDecodeReply } from '../shared/qr-messages.ts'
import { imageToPixels } from './image-pixels.ts'
import { createZxingReader } from './zxing-reader.ts'

const zxing = createZxingReader({ url: new URL(wasmUrl, self.location.href).href })

self.onmessage = async (event: MessageEvent<unknown>) => {
  const request = checkDecodeRequest(event.data)
  if (!request) return
  let reply: QrDecodeReply
  try {
    const scan = await readQrScanIn(await imageToPixels(request.image), request.crop, zxing)
    reply = { keyfob: 'decodedQr', id: request.id, ok: true, scan }
  } catch (e) {
    // Keyfob's own sentences (not an image, too large) go back as they are; anything else says only that it failed.
    const error =
      isKeyfobError(e) && e.code === 'INVALID_IMAGE'
        ? { code: 'INVALID_IMAGE' as const, message: e.message }
        : { code: 'INTERNAL' as const, message: 'The QR decoder failed.' }
    reply = { keyfob: 'decodedQr', id: request.id, ok: false, error }
  }
  self.postMessage(reply)
}
