/**
 * Chromium's offscreen document, created on demand by the background:
 * - reason CLIPBOARD: it outlives the popup, so a copied code can be cleared after the
 *   delay even when the popup has closed (runtime messaging, serve()).
 * - reason WORKERS: it starts the background job worker (qr-worker.ts): QR decoding and the
 *   rare, heavy jobs (exports), since an extension service worker can start no worker and
 *   cannot import() their code. Requests come by postMessage from Keyfob's service worker
 *   (qr-messages.ts, job-messages.ts), and go on to the worker.
 * It answers only the extension's own background, and only these requests.
 */
import { ext } from '../shared/browser-api.ts'
import { clearClipboardLater } from '../shared/clipboard-dom.ts'
import { TO_OFFSCREEN } from '../shared/protocol.ts'
import { serve } from '../shared/serve.ts'
import { checkJobReply, type JobReply } from '../shared/job-messages.ts'
import { checkDecodeRequest, checkJobRequest } from '../shared/job-requests.ts'
import { checkDecodeReply, type QrDecodeReply } from '../shared/qr-messages.ts'
import { createWorkerPost } from '../shared/qr-worker-client.ts'

serve(
  TO_OFFSCREEN,
  {
    clearClipboard: async ({ code, delayMs }) => ({ cleared: await clearClipboardLater(document, code, delayMs) }),
  },
  (sender) =>
    // The worker has no URL in some browsers' reports; any other sender must be one of Keyfob's own pages.
    sender.id !== ext.runtime.id || (sender.url !== undefined && !sender.url.startsWith(ext.runtime.getURL('/'))) ? null : {},
)

const post = createWorkerPost()

/** The worker's answer to a checked request, under the service worker's id; a lost worker is an INTERNAL failure. */
async function forward(data: unknown): Promise<QrDecodeReply | JobReply | null> {
  const decode = checkDecodeRequest(data)
  if (decode) {
    const { id, ...message } = decode
    return post(message, checkDecodeReply).then(
      (reply) => ({ ...reply, id }),
      (e: unknown) => ({ keyfob: 'decodedQr', id, ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : '' } }),
    )
  }
  const job = checkJobRequest(data)
  if (job) {
    const { id, ...message } = job
    return post(message, (m) => checkJobReply(m, job.job)).then(
      (reply) => ({ ...reply, id }),
      (e: unknown) => ({
        keyfob: 'jobDone',
        id,
        job: job.job,
        ok: false,
        error: { code: 'INTERNAL', message: e instanceof Error ? e.message : '' },
      }),
    )
  }
  return null
}

/**
 * Only Keyfob's own service worker can post here: this page is not web-accessible, and a
 * message on navigator.serviceWorker comes from a service worker of this origin. Checked
 * anyway, with the request's shape, before anything is handed to the worker.
 */
navigator.serviceWorker.onmessage = async (event: MessageEvent<unknown>) => {
  const source = event.source
  if (!(source instanceof ServiceWorker) || !source.scriptURL.startsWith(ext.runtime.getURL('/'))) return
  const reply = await forward(event.data)
  if (reply) source.postMessage(reply)
}
