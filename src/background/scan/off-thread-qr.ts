/**
 * Where the background has its QR codes decoded: never on its own thread (issue #15: a 4K
 * scan took over a second there, during which the worker answered nobody).
 * - Chromium: in the offscreen document's worker. The document is created on demand
 *   (offscreen-document.ts); the image goes to it by postMessage through the Clients API,
 *   as a Blob (qr-messages.ts says why), and the answer comes back the same way, from that
 *   document only.
 * - Firefox (an event page with a DOM, no offscreen documents): in a Web Worker it starts.
 * Neither holds the decoder's code: src/core/qr, jsQR and ZXing load in the worker only,
 * so the service worker's start-up script carries none of them.
 */
import { KeyfobError } from '../../core/errors.ts'
import type { ImageScan, Rect } from '../../core/qr/index.ts'
import { checkDecodeReply } from '../../shared/qr-messages.ts'
import { createQrWorkerClient, settle, type QrDecoder } from '../../shared/qr-worker-client.ts'
import { OFFSCREEN_URL, offscreenApi, withOffscreen, type OffscreenApi } from '../offscreen-document.ts'

/** A scan of a 40-megapixel image on a slow, busy machine stays well under this; past it the document is taken for lost. */
const TIMEOUT_MS = 120_000
/** Right after createDocument the document may not be a client yet: looked for this often, this many times. */
const FIND_EVERY_MS = 50
const FIND_TRIES = 100

interface SwScope {
  clients: {
    matchAll(o: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly { url: string; postMessage(m: unknown): void }[]>
  }
  addEventListener(type: 'message', l: (e: { data: unknown; source: unknown }) => void): void
}

function viaOffscreen(offscreen: OffscreenApi, scope: SwScope): QrDecoder {
  const url = chrome.runtime.getURL(OFFSCREEN_URL)
  let nextId = 0
  const pending = new Map<number, { resolve: (s: ImageScan) => void; reject: (e: Error) => void }>()
  // Registered when the worker starts (top-level evaluation), as Chrome wants of every event listener.
  scope.addEventListener('message', (event) => {
    const source = event.source as { url?: unknown } | null
    if (source?.url !== url) return // only the offscreen document answers decodes
    const reply = checkDecodeReply(event.data)
    const p = reply && pending.get(reply.id)
    if (!reply || !p) return
    pending.delete(reply.id)
    settle(reply, p)
  })

  const findDocument = async () => {
    for (let i = 0; i < FIND_TRIES; i++) {
      const found = (await scope.clients.matchAll({ type: 'window', includeUncontrolled: true })).find((c) => c.url === url)
      if (found) return found
      await new Promise((r) => setTimeout(r, FIND_EVERY_MS))
    }
    throw new KeyfobError('INTERNAL', 'The QR decoder did not start.')
  }

  return (image: Blob, crop: Rect | null) =>
    withOffscreen(
      offscreen,
      async () => {
        const client = await findDocument()
        const id = nextId++
        return new Promise<ImageScan>((resolve, reject) => {
          const timer = setTimeout(() => {
            pending.delete(id)
            reject(new KeyfobError('INTERNAL', 'The QR decoder did not answer.'))
          }, TIMEOUT_MS)
          pending.set(id, {
            resolve: (s) => (clearTimeout(timer), resolve(s)),
            reject: (e) => (clearTimeout(timer), reject(e)),
          })
          client.postMessage({ keyfob: 'decodeQr', id, image, crop })
        })
      },
      { close: false },
    )
}

/** The browser's off-thread decoder; scans fail (INTERNAL) where there is neither an offscreen document nor a Worker. */
export function offThreadQr(): QrDecoder {
  const offscreen = offscreenApi()
  const scope = globalThis as unknown as Partial<SwScope>
  if (offscreen && scope.clients && scope.addEventListener) return viaOffscreen(offscreen, scope as SwScope)
  if (typeof Worker !== 'undefined') return createQrWorkerClient()
  return () => Promise.reject(new KeyfobError('INTERNAL', 'This browser cannot decode QR codes off the background’s thread.'))
}
