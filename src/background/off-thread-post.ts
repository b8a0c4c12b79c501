/**
 * Where the background's rare, heavy work runs: QR decoding and the jobs of job-messages.ts
 * (exports), never on its own thread nor in its start-up script (issue #15: a 4K scan took over
 * a second there, during which the worker answered nobody; and an MV3 service worker, which
 * cannot import(), parses every module it imports at each start).
 * - Chromium: in the background job worker of the offscreen document. The document is created on
 *   demand (offscreen-document.ts); the request goes to it by postMessage through the Clients API
 *   (runtime messaging is JSON: a Blob would not pass), and the answer comes back the same way,
 *   from that document only.
 * - Firefox (an event page with a DOM, no offscreen documents): in the Web Worker it starts.
 * - Neither: refused (INTERNAL); but under Node, in unit tests, jobs run in-process (run-job.ts,
 *   their modules loaded by import()), and tests give the background their own QR decoder.
 * Every reply is checked (qr-messages.ts, job-messages.ts) before it is used.
 */
import { KeyfobError } from '../core/errors.ts'
import { createWorkerPost, pendingReplies, type Post } from '../shared/qr-worker-client.ts'
import { OFFSCREEN_URL, offscreenApi, withOffscreen, type OffscreenApi } from './offscreen-document.ts'

/** A scan of a 40-megapixel image or an export of thousands of accounts on a slow, busy machine stays well under this. */
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

function viaOffscreen(offscreen: OffscreenApi, scope: SwScope): Post {
  const url = chrome.runtime.getURL(OFFSCREEN_URL)
  const replies = pendingReplies()
  // Registered when the worker starts (top-level evaluation), as Chrome wants of every event listener.
  scope.addEventListener('message', (event) => {
    const source = event.source as { url?: unknown } | null
    if (source?.url === url) replies.accept(event.data) // only the offscreen document answers
  })

  const findDocument = async () => {
    for (let i = 0; i < FIND_TRIES; i++) {
      const found = (await scope.clients.matchAll({ type: 'window', includeUncontrolled: true })).find((c) => c.url === url)
      if (found) return found
      await new Promise((r) => setTimeout(r, FIND_EVERY_MS))
    }
    throw new KeyfobError('INTERNAL', 'The background job worker did not start.')
  }

  return <R extends { id: number }>(message: Record<string, unknown>, check: (m: unknown) => R | null) =>
    withOffscreen(
      offscreen,
      async () => {
        const client = await findDocument()
        return new Promise<R>((resolve, reject) => {
          const id = replies.add({
            check,
            resolve: (r: R) => (clearTimeout(timer), resolve(r)),
            reject: (e) => (clearTimeout(timer), reject(e)),
          })
          const timer = setTimeout(() => {
            replies.pending.delete(id)
            reject(new KeyfobError('INTERNAL', 'The background job worker did not answer.'))
          }, TIMEOUT_MS)
          client.postMessage({ ...message, id })
        })
      },
      { close: false },
    )
}

/**
 * Unit tests under Node (no offscreen document, no Worker): jobs run here, through the same
 * checks; QR decoding is refused. Only in Vitest's mode, so that the built background holds
 * no import() of a job (and no loader for one).
 */
const inProcess: Post = async (message, check) => {
  const [{ checkJobRequest }, { runJob }] = await Promise.all([import('../shared/job-requests.ts'), import('../shared/run-job.ts')])
  const request = checkJobRequest({ ...message, id: 0 })
  const reply = request && check(await runJob(request))
  if (!reply) throw new KeyfobError('INTERNAL', 'This browser cannot decode QR codes off the background’s thread.')
  return reply
}

const nowhere: Post = () => Promise.reject(new KeyfobError('INTERNAL', 'This browser cannot run Keyfob’s background jobs off its thread.'))

let shared: Post | undefined

/** The browser's way to the background job worker (one for the whole background, its listener registered on first call). */
export function offThreadPost(): Post {
  if (shared) return shared
  const offscreen = offscreenApi()
  const scope = globalThis as unknown as Partial<SwScope>
  if (offscreen && scope.clients && scope.addEventListener) shared = viaOffscreen(offscreen, scope as SwScope)
  else if (typeof Worker !== 'undefined') shared = createWorkerPost()
  else shared = import.meta.env.MODE === 'test' ? inProcess : nowhere
  return shared
}
