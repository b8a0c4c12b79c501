/**
 * Talks to the background job worker (src/offscreen/qr-worker.ts): starts it on the first job,
 * hands it the request, and ends it once it has been idle a while, so that its engines and their
 * memory are not kept for a person who scans or exports once a month. The same requests and
 * checks serve every hop (the offscreen document's, the service worker's, the event page's):
 * a Post sends one message and resolves with the reply its check accepts.
 */
import { KeyfobError } from '../core/errors.ts'
import type { ImageScan, Rect } from '../core/qr/index.ts'
import { checkJobReply, type JobName, type JobReply, type Jobs } from './job-messages.ts'
import { checkDecodeReply, type QrDecodeReply } from './qr-messages.ts'

/** Idle this long after its last job, the worker is ended (a person's next scan is rarely that close). */
const IDLE_MS = 60_000

/** Decodes the QR codes of an encoded image (or of the box `crop` of it), off the caller's thread. */
export type QrDecoder = (image: Blob, crop: Rect | null) => Promise<ImageScan>

/** Runs a job of job-messages.ts off the caller's thread: its output, or its failure as a KeyfobError. */
export type JobRunner = <K extends JobName>(job: K, input: Jobs[K]['input']) => Promise<Jobs[K]['output']>

/**
 * Sends `message` with a fresh id added, and resolves with the reply to that id that `check`
 * accepts (anything else is ignored); rejects (INTERNAL) if the other side is lost.
 */
export type Post = <R extends { id: number }>(message: Record<string, unknown>, check: (m: unknown) => R | null) => Promise<R>

interface Pending {
  check: (m: unknown) => { id: number } | null
  resolve: (r: never) => void
  reject: (e: Error) => void
}

/**
 * Where replies arrive, by id: `accept` settles the request `data` answers. A reply to a waiting request that is not
 * of the shape that request waits for fails it at once (INTERNAL), rather than leaving it to its timeout (or, for a
 * dedicated worker, waiting for ever); anything that answers no waiting request is ignored.
 */
export function pendingReplies() {
  let nextId = 0
  const pending = new Map<number, Pending>()
  return {
    pending,
    add: (p: Pending) => (pending.set(nextId, p), nextId++),
    accept(data: unknown): boolean {
      const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined
      const p = typeof id === 'number' ? pending.get(id) : undefined
      if (!p) return false
      pending.delete(id as number)
      const reply = p.check(data)
      if (reply && reply.id === id) p.resolve(reply as never)
      else p.reject(new KeyfobError('INTERNAL', 'The background job worker answered with something Keyfob did not ask for.'))
      return true
    },
  }
}

/** A reply's outcome for the caller: the scan, or the worker's failure as a KeyfobError. */
function settleDecode(reply: QrDecodeReply): ImageScan {
  if (reply.ok) return reply.scan
  throw new KeyfobError(reply.error.code, reply.error.message)
}

function settleJob<K extends JobName>(reply: JobReply<K>): Jobs[K]['output'] {
  if (reply.ok) return reply.output
  const { code, message, field } = reply.error
  throw new KeyfobError(code, message, field === undefined ? undefined : { field })
}

/** QR decoding through `post`. */
export const decoderVia =
  (post: Post): QrDecoder =>
  (image, crop) =>
    post({ keyfob: 'decodeQr', image, crop }, checkDecodeReply).then(settleDecode)

/** Jobs through `post`. */
export const jobsVia =
  (post: Post): JobRunner =>
  (job, input) =>
    post({ keyfob: 'job', job, input }, (m) => checkJobReply(m, job)).then(settleJob)

/** Posts to a dedicated worker that `start` starts on first use and that is ended after `idleMs` without work. */
export function createWorkerPost(
  start: () => Worker = () => new Worker(new URL('../offscreen/qr-worker.ts', import.meta.url), { type: 'module' }),
  idleMs = IDLE_MS,
): Post {
  let worker: Worker | null = null
  let idle: ReturnType<typeof setTimeout> | undefined
  const replies = pendingReplies()

  const stop = (error: Error) => {
    worker?.terminate()
    worker = null
    for (const p of replies.pending.values()) p.reject(error)
    replies.pending.clear()
  }

  const running = () => {
    if (worker) return worker
    const w = start()
    w.onmessage = ({ data }: MessageEvent<unknown>) => {
      if (!replies.accept(data) || replies.pending.size > 0) return
      idle = setTimeout(
        () => replies.pending.size === 0 && stop(new KeyfobError('INTERNAL', 'The background job worker was idle.')),
        idleMs,
      )
    }
    w.onerror = (e) => {
      e.preventDefault()
      stop(new KeyfobError('INTERNAL', 'The background job worker failed.'))
    }
    return (worker = w)
  }

  return <R extends { id: number }>(message: Record<string, unknown>, check: (m: unknown) => R | null) =>
    new Promise<R>((resolve, reject) => {
      clearTimeout(idle)
      const w = running()
      const id = replies.add({ check, resolve, reject })
      w.postMessage({ ...message, id })
    })
}
