/**
 * Chromium's offscreen document, created on demand by the background:
 * - reason CLIPBOARD: it outlives the popup, so a copied code can be cleared after the
 *   delay even when the popup has closed (runtime messaging, serve()).
 * - reason WORKERS: it starts the QR decoding worker (qr-worker.ts), since an extension
 *   service worker can start none and must not decode on its own thread. Requests come
 *   by postMessage from Keyfob's service worker, the image as a Blob (qr-messages.ts).
 * It answers only the extension's own background, and only these requests.
 */
import { ext } from '../shared/browser-api.ts'
import { clearClipboardLater } from '../shared/clipboard-dom.ts'
import { TO_OFFSCREEN } from '../shared/protocol.ts'
import { serve } from '../shared/serve.ts'
import { isKeyfobError } from '../core/errors.ts'
import { checkDecodeRequest, type QrDecodeReply } from '../shared/qr-messages.ts'
import { createQrWorkerClient } from '../shared/qr-worker-client.ts'

serve(
  TO_OFFSCREEN,
  {
    clearClipboard: async ({ code, delayMs }) => ({ cleared: await clearClipboardLater(document, code, delayMs) }),
  },
  (sender) =>
    // The worker has no URL in some browsers' reports; any other sender must be one of Keyfob's own pages.
    sender.id !== ext.runtime.id || (sender.url !== undefined && !sender.url.startsWith(ext.runtime.getURL('/'))) ? null : {},
)

const decode = createQrWorkerClient()

/**
 * Only Keyfob's own service worker can post here: this page is not web-accessible, and a
 * message on navigator.serviceWorker comes from a service worker of this origin. Checked
 * anyway, with the request's shape, before any decoding.
 */
navigator.serviceWorker.onmessage = async (event: MessageEvent<unknown>) => {
  const source = event.source
  if (!(source instanceof ServiceWorker) || !source.scriptURL.startsWith(ext.runtime.getURL('/'))) return
  const request = checkDecodeRequest(event.data)
  if (!request) return
  let reply: QrDecodeReply
  try {
    reply = { keyfob: 'decodedQr', id: request.id, ok: true, scan: await decode(request.image, request.crop) }
  } catch (e) {
    // The worker's failure, passed on as the worker named it (qr-worker.ts).
    const code = isKeyfobError(e) && e.code === 'INVALID_IMAGE' ? 'INVALID_IMAGE' : 'INTERNAL'
    reply = { keyfob: 'decodedQr', id: request.id, ok: false, error: { code, message: e instanceof Error ? e.message : '' } }
  }
  source.postMessage(reply)
}
