/**
 * Runs scans in the decoding worker (qr-worker.ts): starts it on the first scan, transfers
 * the pixels to it, and ends it once it has been idle a while, so that the WebAssembly
 * engine and its memory are not kept for a person who scans once a month.
 */
import { KeyfobError } from '../core/errors.ts'
import type { QrScan } from '../core/qr/index.ts'
import type { RgbaImage } from '../core/qr/types.ts'
import { checkDecodeReply, transferable } from './qr-messages.ts'

/** Idle this long after its last scan, the worker is ended (a person's next scan is rarely that close). */
const IDLE_MS = 60_000

export type QrDecoder = (image: RgbaImage) => Promise<QrScan>

export function createQrWorkerClient(
  start: () => Worker = () => new Worker(new URL('../offscreen/qr-worker.ts', import.meta.url), { type: 'module' }),
  idleMs = IDLE_MS,
): QrDecoder {
  let worker: Worker | null = null
  let idle: ReturnType<typeof setTimeout> | undefined
  let nextId = 0
  const pending = new Map<number, { resolve: (s: QrScan) => void; reject: (e: Error) => void }>()

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
      if (reply.ok) p.resolve(reply.scan)
      else p.reject(new KeyfobError('INTERNAL', 'The QR decoder failed.'))
      if (pending.size === 0)
        idle = setTimeout(() => pending.size === 0 && stop(new KeyfobError('INTERNAL', 'The QR decoder was idle.')), idleMs)
    }
    w.onerror = (e) => {
      e.preventDefault()
      stop(new KeyfobError('INTERNAL', 'The QR decoder failed.'))
    }
    return (worker = w)
  }

  return (image) =>
    new Promise<QrScan>((resolve, reject) => {
      clearTimeout(idle)
      const w = running()
      const id = nextId++
      pending.set(id, { resolve, reject })
      const { image: own, transfer } = transferable(image)
      w.postMessage({ keyfob: 'decodeQr', id, image: own }, transfer)
    })
}
