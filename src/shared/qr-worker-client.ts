/**
 * Runs scans in the decoding worker (src/offscreen/qr-worker.ts): starts it on the first
 * scan, hands it the image, and ends it once it has been idle a while, so that the
 * WebAssembly engine and its memory are not kept for a person who scans once a month.
 */
import { KeyfobError } from '../core/errors.ts'
import type { ImageScan, Rect } from '../core/qr/index.ts'
import { checkDecodeReply, type QrDecodeReply } from './qr-messages.ts'

/** Idle this long after its last scan, the worker is ended (a person's next scan is rarely that close). */
const IDLE_MS = 60_000

/** Decodes the QR codes of an encoded image (or of the box `crop` of it), off the caller's thread. */
export type QrDecoder = (image: Blob, crop: Rect | null) => Promise<ImageScan>

/** A reply's outcome for the caller: the scan, or the worker's failure as a KeyfobError. */
export function settle(reply: QrDecodeReply, p: { resolve: (s: ImageScan) => void; reject: (e: Error) => void }): void {
  if (reply.ok) p.resolve(reply.scan)
  else p.reject(new KeyfobError(reply.error.code, reply.error.message))
}

export function createQrWorkerClient(
  start: () => Worker = () => new Worker(new URL('../offscreen/qr-worker.ts', import.meta.url), { type: 'module' }),
  idleMs = IDLE_MS,
): QrDecoder {
  let worker: Worker | null = null
  let idle: ReturnType<typeof setTimeout> | undefined
  let nextId = 0
  const pending = new Map<number, { resolve: (s: ImageScan) => void; reject: (e: Error) => void }>()

  const stop = (error: Error) => {
    worker?.terminate()
    worker = null
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }

  const running = () => {
    if (worker) return worker
    const w = start()
    w.onmessage = ({ data }: MessageEvent<unknown>) => {
      const reply = checkDecodeReply(data)
      const p = reply && pending.get(reply.id)
      if (!reply || !p) return
      pending.delete(reply.id)
      settle(reply, p)
      if (pending.size === 0)
        idle = setTimeout(() => pending.size === 0 && stop(new KeyfobError('INTERNAL', 'The QR decoder was idle.')), idleMs)
    }
    w.onerror = (e) => {
      e.preventDefault()
      stop(new KeyfobError('INTERNAL', 'The QR decoder failed.'))
    }
    return (worker = w)
  }

  return (image, crop) =>
    new Promise<ImageScan>((resolve, reject) => {
      clearTimeout(idle)
      const w = running()
      const id = nextId++
      pending.set(id, { resolve, reject })
      w.postMessage({ keyfob: 'decodeQr', id, image, crop })
    })
}
