/**
 * The background job worker: a Web Worker for the background's rare, heavy, stateless jobs,
 * started on demand by the offscreen document (Chromium) or the background page (Firefox).
 * - QR decoding (decode-qr.ts, qr-messages.ts): a scan never runs on the extension's service
 *   worker or event page, which must stay free to answer the popup and the pages.
 * - The jobs of job-messages.ts (exports, with their QR images): their code is not in the
 *   service worker's start-up script, which an MV3 service worker parses at every start, since
 *   it cannot import() (issue #15).
 * Each job's module is loaded with import() on its first use. It answers only its creator (a
 * dedicated worker has no other sender), only requests of the right shape, and keeps nothing
 * between jobs.
 */
import { checkDecodeRequest, checkJobRequest } from '../shared/job-requests.ts'
import type { QrDecodeReply } from '../shared/qr-messages.ts'
import { runJob } from '../shared/run-job.ts'

self.onmessage = async (event: MessageEvent<unknown>) => {
  const decode = checkDecodeRequest(event.data)
  if (decode) {
    let reply: QrDecodeReply
    try {
      reply = await (await import('./decode-qr.ts')).decodeQr(decode)
    } catch {
      // The decoder's module did not load: said like any other failure of the decoder.
      reply = { keyfob: 'decodedQr', id: decode.id, ok: false, error: { code: 'INTERNAL', message: 'The QR decoder failed.' } }
    }
    self.postMessage(reply)
    return
  }
  const job = checkJobRequest(event.data)
  if (job) self.postMessage(await runJob(job))
}
