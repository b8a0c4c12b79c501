/**
 * Runs readBackup in the import page's worker, one file at a time. `cancel`
 * ends the worker (the only way to stop a WebAssembly derivation midway); the
 * next run starts a fresh one.
 */
import { KeyfobError, type ErrorCode } from '../core/errors.ts'
import type { KdfStart } from '../core/import/kdf.ts'
import type { ReadBackup } from './read-backup.ts'

export interface WorkerRequest {
  bytes: Uint8Array
  password?: string | undefined
  fileName?: string | undefined
}
export type WorkerReply =
  | { type: 'kdf'; name: KdfStart['name']; seconds: number }
  | { type: 'done'; result: ReadBackup }
  | { type: 'error'; error: { code: string; message: string; values?: string[] | undefined; format?: string | undefined } }

export interface ImportRunner {
  run(request: WorkerRequest, onDeriving: (seconds: number) => void): Promise<ReadBackup>
  /** Stops the run in progress; its promise rejects with Cancelled. */
  cancel(): void
}

export class Cancelled extends Error {
  override readonly name = 'Cancelled'
}

export function createWorkerRunner(
  start: () => Worker = () => new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' }),
): ImportRunner {
  let worker: Worker | null = null
  let abort: (() => void) | null = null
  return {
    run(request, onDeriving) {
      worker ??= start()
      const w = worker
      return new Promise<ReadBackup>((resolve, reject) => {
        abort = () => reject(new Cancelled('Stopped by the person.'))
        w.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
          if (data.type === 'kdf') return onDeriving(data.seconds)
          abort = null
          if (data.type === 'done') return resolve(data.result)
          const { code, message, values, format } = data.error
          reject(new KeyfobError(code as ErrorCode, message, { values, cause: format === undefined ? undefined : { format } }))
        }
        w.onerror = (e) => {
          abort = null
          e.preventDefault()
          reject(new KeyfobError('INTERNAL', 'The import worker failed.'))
        }
        w.postMessage(request)
      })
    },
    cancel() {
      worker?.terminate()
      worker = null
      abort?.()
      abort = null
    },
  }
}
