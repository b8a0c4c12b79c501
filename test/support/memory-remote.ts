/**
 * An in-memory SyncRemote (src/background/sync/sync-remote.ts) for the sync engine's tests: a
 * folder of files with version tags, honouring write conditions as a WebDAV server does
 * (If-None-Match: * → create only; If-Match → only that version; a remove of another version is
 * a conflict, of a missing file a success). Every call is counted, so tests can assert what a
 * sync cycle costs. The real servers are tested with the WebDAV remote, not here.
 */
import type { RemoteEntry, SyncRemote, WriteCondition } from '../../src/background/sync/sync-remote.ts'
import { RemoteConflict } from '../../src/background/sync/sync-remote.ts'

export interface RemoteCalls {
  list: number
  read: number
  write: number
  remove: number
}

export interface MemoryRemote extends SyncRemote {
  /** The folder itself: name → text and version. Tests may edit it to play a hostile server. */
  readonly files: Map<string, { text: string; etag: string }>
  readonly calls: RemoteCalls
  /** Zeroes the counters. */
  resetCalls(): void
  /** Sets a file as another writer would (a new version tag), bypassing conditions. */
  put(name: string, text: string): string
}

export function memoryRemote(label = 'Memory folder'): MemoryRemote {
  const files = new Map<string, { text: string; etag: string }>()
  const calls: RemoteCalls = { list: 0, read: 0, write: 0, remove: 0 }
  let version = 0
  // Quoted like an HTTP strong ETag; never reused, so an old tag never matches a new file.
  const nextEtag = () => `"m${++version}"`
  const put = (name: string, text: string) => {
    const etag = nextEtag()
    files.set(name, { text, etag })
    return etag
  }
  return {
    label,
    files,
    calls,
    put,
    resetCalls() {
      calls.list = calls.read = calls.write = calls.remove = 0
    },
    async check() {},
    async list(): Promise<RemoteEntry[]> {
      calls.list++
      return [...files].map(([name, f]) => ({ name, etag: f.etag })).sort((a, b) => (a.name < b.name ? -1 : 1))
    },
    async read(name) {
      calls.read++
      const file = files.get(name)
      return file === undefined ? null : { ...file }
    },
    async write(name: string, text: string, condition: WriteCondition) {
      calls.write++
      const current = files.get(name)
      if ('create' in condition ? current !== undefined : current?.etag !== condition.ifMatch) throw new RemoteConflict(name)
      return { etag: put(name, text) }
    },
    async remove(name, etag) {
      calls.remove++
      const current = files.get(name)
      if (current === undefined) return
      if (current.etag !== etag) throw new RemoteConflict(name)
      files.delete(name)
    },
  }
}
