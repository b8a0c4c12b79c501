/**
 * What sync exchanges: each account as its own record, a state-based CRDT (Shapiro et al.,
 * "Conflict-free Replicated Data Types", 2011). Each field the person can change is a
 * last-writer-wins register stamped with a hybrid logical clock (Kulkarni et al., "Logical
 * Physical Clocks", 2014) whose device id breaks ties; the HOTP counter merges to the maximum
 * (a code once shown must never be shown again, RFC 4226 §7.2); a deletion is a register too,
 * so an edit made elsewhere never brings a deleted account back, while an explicit undo does.
 * See docs/sync.md.
 */
import type { Algorithm, OtpType } from '../types.ts'

/** A hybrid logical clock timestamp: wall-clock ms, a counter for events within one ms, and the device that made it. */
export interface Hlc {
  wall: number
  count: number
  /** The writing device's random id (sync-device id, not derived from anything about the person). */
  device: string
}

/** A register's value and the clock of the write that set it (the greater clock wins). */
export interface Lww<T> {
  value: T
  at: Hlc
}

/** What never changes once an account exists: its key and how codes are computed from it. */
export interface OtpIdentity {
  type: OtpType
  /** Normalised base32 (as in the vault). */
  secret: string
  algorithm: Algorithm
  digits: number
  period: number
  /** TOTP T0 in Unix seconds, when a format gave one. */
  t0?: number
  /** mOTP and Yandex Key: the PIN of every code. */
  pin?: string
  /** Kept for round-tripping, as in the vault (never fetched). */
  image?: string
  extra?: Record<string, string>
}

/** The synced state of one account: the plaintext of one encrypted record. */
export interface AccountState {
  /** The record id: random (`crypto.randomUUID()`), never derived from names; the vault account's id. */
  id: string
  /** Set once at creation (with `createdAt`); identical on every device. */
  otp: OtpIdentity
  createdAt: number
  issuer: Lww<string>
  account: Lww<string>
  tags: Lww<string[]>
  pinned: Lww<boolean>
  order: Lww<number>
  sites: Lww<string[]>
  /** HOTP: the counter of the next code to show, as a decimal string (a bigint); merges to the maximum. "0" otherwise. */
  counter: string
  deleted: Lww<boolean>
}

/** A deleted account after its fields were dropped: kept (at least 90 days) so no device brings it back. */
export interface Tombstone {
  id: string
  deleted: Lww<true>
}

/** What one record holds: an account's state, or what is left of it once deleted and compacted. */
export type SyncRecord = AccountState | Tombstone

/** A tombstone has no OTP identity: its key and names were dropped. */
export function isTombstone(record: SyncRecord): record is Tombstone {
  return !('otp' in record)
}

/**
 * How long a deleted account keeps its fields (its key included), from its deletion: during this
 * time the record still merges with concurrent edits and any device can show or restore it; after
 * it, compactAccount() may keep only a tombstone, so no secret of a deleted account stays in sync
 * storage for the whole tombstone life. Shorter than TOMBSTONE_KEEP_MS, or compaction would have
 * nothing left to keep (both count from the deletion's clock).
 */
export const DELETED_FIELDS_KEEP_MS = 30 * 24 * 60 * 60 * 1000

/**
 * How long a tombstone is kept at least, from its deletion: a device that has not synced for
 * longer may bring a deleted account back (the sync slice must resynchronise such a device from
 * the remote, not push its records).
 */
export const TOMBSTONE_KEEP_MS = 90 * 24 * 60 * 60 * 1000
