/**
 * The merge (join) of two copies of one record: a state-based CRDT (Shapiro, Preguiça, Baquero,
 * Zawirski, "Conflict-free Replicated Data Types", SSS 2011: its last-writer-wins register, and a
 * max register for the counter): commutative, associative and idempotent, so devices that have seen
 * the same records hold the same account whatever order and however often they merged them.
 *
 * A tombstone is a record whose fields are unknown (⊥, the join's identity) with a deletion
 * register: joining it with a state keeps the state's fields and takes the later deletion
 * register. So an edit made concurrently with a deletion (its deletion register is older: edits do
 * not touch it) never brings the account back, while an explicit undo (deleted=false, stamped after
 * the deletion) does. Dropping fields (compactAccount) and tombstones (collectGarbage) is not part of
 * the join: it is forgetting, safe once every device is assumed to have seen the deletion.
 */
import { KeyfobError } from '../errors.ts'
import { compareHlc } from './hlc.ts'
import { sameJson } from './same-json.ts'
import type { AccountState, Lww, SyncRecord, Tombstone } from './sync-state.ts'
import { DELETED_FIELDS_KEEP_MS, TOMBSTONE_KEEP_MS, isTombstone } from './sync-state.ts'

/** RFC 4226's counter is 8 bytes: a canonical decimal of at most 20 digits. */
const COUNTER = /^(?:0|[1-9][0-9]{0,19})$/

/**
 * Two states of one record merged: each register to the later write, the HOTP counter to the
 * larger (a code once shown is never shown again, RFC 4226 §7.2). The OTP identity and the
 * creation time are set once, so two copies that disagree on them are not two versions of one
 * account but a forged or damaged record: that is a KeyfobError('INVALID_MESSAGE'), for the caller
 * to refuse the record rather than let either key silently replace the other.
 */
export function mergeAccountState(a: AccountState, b: AccountState): AccountState {
  sameRecordId(a, b)
  if (!sameJson(a.otp, b.otp)) throw conflict(a.id, 'its key or OTP settings')
  if (a.createdAt !== b.createdAt) throw conflict(a.id, 'its creation time')
  return {
    id: a.id,
    otp: a.otp,
    createdAt: a.createdAt,
    issuer: mergeLww(a.issuer, b.issuer),
    account: mergeLww(a.account, b.account),
    tags: mergeLww(a.tags, b.tags),
    pinned: mergeLww(a.pinned, b.pinned),
    order: mergeLww(a.order, b.order),
    sites: mergeLww(a.sites, b.sites),
    counter: maxCounter(a.id, a.counter, b.counter),
    deleted: mergeLww(a.deleted, b.deleted),
  }
}

/** Two copies of one record merged, either of them possibly a tombstone (see the top of this file). */
export function mergeRecord(a: SyncRecord, b: SyncRecord): SyncRecord {
  sameRecordId(a, b)
  if (isTombstone(a)) return isTombstone(b) ? { id: a.id, deleted: mergeLww(a.deleted, b.deleted) } : withDeletion(b, a)
  return isTombstone(b) ? withDeletion(a, b) : mergeAccountState(a, b)
}

/**
 * The state's fields dropped, leaving a tombstone, once it has been deleted for longer than
 * DELETED_FIELDS_KEEP_MS (by its deletion clock's wall time); any other record is returned as it is.
 */
export function compactAccount(record: SyncRecord, now: number): SyncRecord {
  if (isTombstone(record) || !record.deleted.value) return record
  if (now - record.deleted.at.wall < DELETED_FIELDS_KEEP_MS) return record
  return { id: record.id, deleted: { value: true, at: record.deleted.at } }
}

/** What collectGarbage left, and what it changed (for the caller to write or remove remotely too). */
export interface Collected {
  records: Map<string, SyncRecord>
  /** Deleted states now kept as tombstones. */
  compacted: string[]
  /** Deletions older than TOMBSTONE_KEEP_MS (tombstones, or deleted states not compacted yet), now gone. */
  dropped: string[]
}

/**
 * Compacts every deleted state past DELETED_FIELDS_KEEP_MS and drops every deletion past
 * TOMBSTONE_KEEP_MS (counted from its deletion clock). Accounts that are not deleted are never
 * touched. A device that has not synced since before a dropped tombstone still holds the account,
 * and would bring it back: the sync slice must treat such a device as new.
 */
export function collectGarbage(records: ReadonlyMap<string, SyncRecord>, now: number): Collected {
  const kept = new Map<string, SyncRecord>()
  const compacted: string[] = []
  const dropped: string[] = []
  for (const [id, record] of records) {
    if (record.deleted.value && now - record.deleted.at.wall >= TOMBSTONE_KEEP_MS) {
      dropped.push(id)
      continue
    }
    const next = compactAccount(record, now)
    if (next !== record) compacted.push(id)
    kept.set(id, next)
  }
  return { records: kept, compacted, dropped }
}

/**
 * The later write. Equal clocks mean one write by one device, so equal values; should they differ
 * anyway (a bug, a forgery), the larger value in JSON text wins, so that every device still picks
 * the same one and the merge stays commutative.
 */
function mergeLww<T>(a: Lww<T>, b: Lww<T>): Lww<T> {
  const order = compareHlc(a.at, b.at)
  if (order !== 0) return order > 0 ? a : b
  return JSON.stringify(a.value) >= JSON.stringify(b.value) ? a : b
}

/** A tombstone's deletion register taken into a state (whose fields are kept: a tombstone has none). */
function withDeletion(state: AccountState, tombstone: Tombstone): AccountState {
  const deleted = mergeLww<boolean>(state.deleted, tombstone.deleted)
  return deleted === state.deleted ? state : { ...state, deleted }
}

function maxCounter(id: string, a: string, b: string): string {
  if (!COUNTER.test(a) || !COUNTER.test(b))
    throw new KeyfobError('INVALID_MESSAGE', `Sync record ${id}: its HOTP counter is not a decimal number.`)
  return BigInt(a) >= BigInt(b) ? a : b
}

function sameRecordId(a: SyncRecord, b: SyncRecord): void {
  // A caller's bug, not bad data: records are merged by id.
  if (a.id !== b.id) throw new KeyfobError('INTERNAL', `Two different records were merged (${a.id}, ${b.id}).`)
}

function conflict(id: string, what: string): KeyfobError {
  return new KeyfobError(
    'INVALID_MESSAGE',
    `Sync record ${id}: two copies disagree on ${what}, which never change; the record was left out.`,
  )
}
