/**
 * What the vault encrypts: every account with all of its metadata (issuer and
 * account names reveal which services a person uses, so they are secret too).
 */
import type { Hlc, SyncRecord } from '../sync/sync-state.ts'
import type { AccountFields } from '../types.ts'

export interface StoredAccount extends AccountFields {
  /** Random UUID (`crypto.randomUUID()`), stable for the account's life. */
  id: string
  tags: string[]
  pinned: boolean
  /** Registrable domains (eTLD+1) the account is bound to for autofill. */
  sites: string[]
  /** Unix time in milliseconds. */
  createdAt: number
  updatedAt: number
  lastUsedAt?: number
  /** Position in the user's manual ordering; any finite number, lower first. */
  order: number
}

/** Flat settings kept inside the encrypted vault (anything that would reveal accounts). */
export type VaultSettings = Record<string, string | number | boolean>

/** Where a device syncs to: a WebDAV folder (its credentials are secret too), or the browser's own sync storage. */
export type SyncPlace = { kind: 'webdav'; url: string; user: string; password: string } | { kind: 'browser' }

/** A record file as this device last saw it on the remote (listed, read or written). */
export interface RemoteSeen {
  etag: string
  /** The stored record's version then: an older one offered later is a replay (isReplay). */
  version: Hlc
}

/**
 * Sync's state on this device (background/sync/sync-engine.ts). It lives inside the vault because
 * the sync key, the place's password and the shadow (every account's synced state) are as secret as
 * the accounts; and because the shadow and the accounts then change in one vault write, so a
 * worker stopped at any point never leaves one applied without the other.
 */
export interface SyncSection {
  place: SyncPlace
  /** The header's space id, checked whenever header.json changes (a swapped header is refused). */
  spaceId: string
  /** The raw sync key, canonical base64 (exportSyncKey). */
  syncKey: string
  /**
   * The recovery key (grouped base32) on a device that created the space or joined with it: the
   * password of the daily backups written to the remote, so the person can import one with the key
   * they wrote down. A device that joined with the passphrase does not know it and writes none.
   */
  recoveryKey?: string
  /** This device's random id in every clock it issues (a UUID). */
  deviceId: string
  /** The last clock this device issued or received; absent before the first. */
  clock?: Hlc
  /** header.json's version when its space id was last checked. */
  headerEtag: string
  /**
   * Record id → the record as last merged on this device: what the vault's accounts were synced
   * to, so that only fields changed since are stamped (toAccountState) and an account gone from the
   * vault is known to be deleted here.
   */
  shadow: Record<string, SyncRecord>
  /** Record id → its remote file as last seen. */
  seen: Record<string, RemoteSeen>
  /** Record ids whose shadow the remote may not hold yet: written by the next cycle. */
  pending: string[]
  /** Unix ms of the last cycle that completed. */
  lastSyncAt?: number
  /** The UTC day (YYYY-MM-DD) of the last backup this device wrote. */
  lastBackupDay?: string
}

export interface VaultContent {
  schemaVersion: number
  accounts: StoredAccount[]
  settings?: VaultSettings
  /** Present while this device syncs (see SyncSection). */
  sync?: SyncSection
}
