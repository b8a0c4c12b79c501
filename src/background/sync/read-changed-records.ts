/**
 * The remote half of a sync cycle's reading: which record files exist, and the content of those
 * whose version tag changed since this device last saw them. A file seen before is not read again,
 * so a cycle in which one account changed elsewhere costs one list and one read.
 */
import { isKeyfobError, KeyfobError } from '../../core/errors.ts'
import { parseStoredRecord } from '../../core/sync/parse-stored-record.ts'
import type { SyncSpace } from '../../core/sync/sync-format.ts'
import { isReplay, openRecord } from '../../core/sync/sync-record.ts'
import type { Hlc, SyncRecord } from '../../core/sync/sync-state.ts'
import type { RemoteSeen } from '../../core/vault/vault-content.ts'
import { recordFile, recordIdOf } from './remote-names.ts'
import type { RemoteEntry, SyncRemote } from './sync-remote.ts'

/** A remote record that opened: its content, and the file version it came from. */
export interface FetchedRecord {
  record: SyncRecord
  etag: string
  version: Hlc
}

/** A remote record that was not applied, and why (shown to the person with SYNC_RECORD_REJECTED). */
export interface RefusedRecordReport {
  id: string
  code: 'SYNC_RECORD_REJECTED'
  message: string
}

export interface RemoteRecords {
  /** Record id → its file's current version tag (as read, where it was read). */
  listed: Map<string, string>
  fetched: Map<string, FetchedRecord>
  refused: RefusedRecordReport[]
}

/**
 * Reads every record file whose version tag differs from `seen`, and opens it: a file that does
 * not parse, fails authentication, holds another id than its name says, or is older than a version
 * already seen (a server replaying an old copy) is refused, not applied, and the rest go on.
 */
export async function readChangedRecords(
  remote: SyncRemote,
  key: CryptoKey,
  space: SyncSpace,
  seen: Readonly<Record<string, RemoteSeen>>,
  entries: readonly RemoteEntry[],
  /** Called with the files read so far and how many are to be read (a first sync of many accounts shows it). */
  progress: (done: number, total: number) => void = () => undefined,
): Promise<RemoteRecords> {
  const listed = new Map<string, string>()
  const fetched = new Map<string, FetchedRecord>()
  const refused: RefusedRecordReport[] = []
  const changed = (entry: RemoteEntry) => {
    const id = recordIdOf(entry.name)
    return id !== null && seen[id]?.etag !== entry.etag
  }
  const total = entries.filter(changed).length
  let done = 0
  if (total > 0) progress(done, total)
  for (const entry of entries) {
    const id = recordIdOf(entry.name)
    if (id === null) continue
    if (seen[id]?.etag === entry.etag) {
      listed.set(id, entry.etag)
      continue
    }
    // Sequential on purpose: a cycle is in the background, and servers throttle bursts.
    const file = await remote.read(recordFile(id))
    progress(++done, total)
    if (file === null) continue // removed since the listing
    listed.set(id, file.etag)
    try {
      const record = await openFile(key, space, id, file.text, seen[id]?.version)
      fetched.set(id, { ...record, etag: file.etag })
    } catch (e) {
      if (!isKeyfobError(e) || e.code === 'INTERNAL') throw e
      refused.push({ id, code: 'SYNC_RECORD_REJECTED', message: e.message })
    }
  }
  return { listed, fetched, refused }
}

async function openFile(
  key: CryptoKey,
  space: SyncSpace,
  id: string,
  text: string,
  known: Hlc | undefined,
): Promise<{ record: SyncRecord; version: Hlc }> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new KeyfobError('SYNC_RECORD_CORRUPT', `Synced record ${id}: the file is not JSON.`, { cause: e })
  }
  const stored = parseStoredRecord(json)
  // The name is not authenticated; the record's id is (AAD): a record moved to another name is refused.
  if (stored.id !== id) throw new KeyfobError('SYNC_RECORD_CORRUPT', `Synced record: the file of ${id} holds the record ${stored.id}.`)
  const record = await openRecord(key, space, stored)
  // Checked once the version is authenticated (a forged newer version fails openRecord first).
  if (isReplay(stored, known)) {
    throw new KeyfobError(
      'SYNC_RECORD_CORRUPT',
      `Synced record ${id} is older than a version already seen: the server replayed an old copy.`,
    )
  }
  return { record, version: stored.version }
}
