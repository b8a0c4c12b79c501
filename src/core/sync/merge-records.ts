/**
 * Two sets of records merged (this device's and the remote's), each record by its id
 * (merge-account.ts): the set union with a join per id is itself a join, so the laws of the
 * per-record merge carry over to whole sets. What differs from each side afterwards is exactly
 * what that side must take, so one changed account costs one record each way, not the vault.
 */
import { KeyfobError, isKeyfobError } from '../errors.ts'
import { isTooFarAhead } from './hlc.ts'
import { mergeRecord } from './merge-account.ts'
import { recordClock } from './record-clock.ts'
import { sameJson } from './same-json.ts'
import type { SyncRecord } from './sync-state.ts'

/** A remote record left out of the merge, and why. */
export interface RefusedRecord {
  id: string
  error: KeyfobError
}

export interface RecordsMerge {
  /** Every record, merged: the new local set. */
  records: Map<string, SyncRecord>
  /** Ids whose merged record differs from the local one: the vault (and local set) must take them. Sorted. */
  toLocal: string[]
  /** Ids whose merged record differs from the remote one (or that the remote lacks): to upload. Sorted. */
  toRemote: string[]
  /**
   * Remote records that could not be merged (copies of one account that disagree on its key, a
   * record filed under another id, a clock too far ahead). The local record stays as it was and
   * nothing is sent for that id, so the caller can report it without one bad record stopping sync.
   */
  refused: RefusedRecord[]
}

export interface MergeRecordsOptions {
  /**
   * This device's wall clock (Unix ms). When given, remote records stamped more than
   * MAX_CLOCK_DRIFT_MS after it are refused: they would win every edit made until that time (the
   * local clock does not follow them: receiveHlc), and will be taken once they are near enough.
   */
  now?: number
}

/**
 * Merges this device's records with the remote's (maps by record id). Neither input is changed;
 * the result may share their records (which are never modified in place).
 */
export function mergeRecords(
  local: ReadonlyMap<string, SyncRecord>,
  remote: ReadonlyMap<string, SyncRecord>,
  options: MergeRecordsOptions = {},
): RecordsMerge {
  const records = new Map(local)
  const toLocal: string[] = []
  const toRemote: string[] = []
  const refused: RefusedRecord[] = []
  for (const id of local.keys()) if (!remote.has(id)) toRemote.push(id)
  for (const [id, theirs] of remote) {
    const ours = local.get(id)
    let merged: SyncRecord
    try {
      checkRemote(id, theirs, options.now)
      merged = ours === undefined ? theirs : mergeRecord(ours, theirs)
    } catch (e) {
      if (!isKeyfobError(e) || e.code === 'INTERNAL') throw e
      refused.push({ id, error: e })
      continue
    }
    records.set(id, merged)
    if (ours === undefined || !sameJson(merged, ours)) toLocal.push(id)
    if (!sameJson(merged, theirs)) toRemote.push(id)
  }
  return { records, toLocal: toLocal.sort(), toRemote: toRemote.sort(), refused }
}

function checkRemote(id: string, record: SyncRecord, now: number | undefined): void {
  if (record.id !== id) throw new KeyfobError('INVALID_MESSAGE', `Sync record ${id} holds the account ${record.id}.`)
  if (now !== undefined && isTooFarAhead(recordClock(record), now)) {
    throw new KeyfobError('INVALID_MESSAGE', `Sync record ${id} was written more than a day ahead of this device's clock.`)
  }
}
