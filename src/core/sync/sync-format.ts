/**
 * The remote sync format, exactly as it is kept on the server (a WebDAV folder, the browser's
 * sync storage): one header and one record per account, each JSON-serialisable, byte strings
 * canonical base64. See docs/sync.md for the full format and what a server can learn.
 */
import type { StoredArgon2id } from '../vault/envelope.ts'
import type { Hlc } from './sync-state.ts'

export const SYNC_FORMAT = 'keyfob-sync'
/** Version of the header, the slots, the records and their AAD. Records carry none of their own. */
export const SYNC_VERSION = 1

/** Which sync data a record belongs to: bound into every record's AAD. */
export interface SyncSpace {
  readonly version: typeof SYNC_VERSION
  /** Random lower-case UUID, made once with the header. */
  readonly spaceId: string
}

/** The sync key wrapped under a KEK derived from the sync passphrase (Argon2id, as the vault's password slot). */
export interface PassphraseSlot {
  readonly kdf: StoredArgon2id
  /** 12 bytes. */
  readonly nonce: string
  /** AES-256-GCM(KEK, nonce, syncKey, slot AAD): 32 bytes of key + 16 of tag. */
  readonly wrappedKey: string
}

/** The sync key wrapped under a KEK derived (HKDF-SHA-256) from the 256-bit recovery key. */
export interface RecoverySlot {
  readonly nonce: string
  readonly wrappedKey: string
}

/** The remote header: one per sync space, written once and rewritten only to change the passphrase. */
export interface SyncHeader extends SyncSpace {
  readonly format: typeof SYNC_FORMAT
  /** Unix milliseconds when the sync space was made; bound into both slots' AAD. */
  readonly created: number
  readonly slots: { readonly passphrase: PassphraseSlot; readonly recovery: RecoverySlot }
}

/** One account's record as stored: only `ciphertext` is secret; the rest is bound as AAD. */
export interface StoredRecord {
  /** The account's random id (a lower-case UUID): the record's name on the server too. */
  readonly id: string
  /** The greatest clock in the record: what `isReplay` compares. */
  readonly version: Hlc
  /** Whether the account is deleted (a tombstone, or a deleted account not yet shrunk to one). */
  readonly deleted: boolean
  /** 12 bytes, fresh for every write. */
  readonly nonce: string
  /** AES-256-GCM(syncKey, nonce, padded state JSON, record AAD) with the tag appended. */
  readonly ciphertext: string
}
