/**
 * The import page's worker: reads the chosen file (importers, key derivation,
 * decryption) off the page's thread, so the page keeps answering and Cancel
 * can stop a derivation by ending this worker. Before each derivation it
 * checks the memory and tells the page what runs and for about how long.
 */
import { observeKdf } from '../core/import/kdf.ts'
import { checkKdfMemory } from './kdf-memory.ts'
import { readBackup } from './read-backup.ts'
import type { WorkerReply, WorkerRequest } from './import-runner.ts'

/** kdf-work.ts units are about 1 µs on a desktop; WebAssembly in a browser is a little slower. */
const SECONDS_PER_UNIT = 1.5e-6

const post = (reply: WorkerReply) => self.postMessage(reply)

observeKdf(({ name, work, memoryBytes }) => {
  checkKdfMemory(memoryBytes, (navigator as { deviceMemory?: number }).deviceMemory)
  post({ type: 'kdf', name, seconds: Math.max(1, Math.ceil(work * SECONDS_PER_UNIT)) })
})

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { bytes, password, fileName } = event.data
  try {
    post({ type: 'done', result: await readBackup(bytes, { password, fileName }) })
  } catch (e) {
    const k = e as { name?: unknown; code?: unknown; message?: unknown; values?: unknown; cause?: unknown }
    const format = typeof k.cause === 'object' && k.cause !== null ? (k.cause as { format?: unknown }).format : undefined
    post({
      type: 'error',
      error:
        k.name === 'KeyfobError'
          ? {
              code: k.code as string,
              message: String(k.message),
              values: k.values as string[] | undefined,
              format: typeof format === 'string' ? format : undefined,
            }
          : { code: 'INTERNAL', message: 'The importer failed unexpectedly.' },
    })
  }
}
