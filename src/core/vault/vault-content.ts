/**
 * What the vault encrypts: every account with all of its metadata (issuer and
 * account names reveal which services a person uses, so they are secret too).
 */
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

export interface VaultContent {
  schemaVersion: number
  accounts: StoredAccount[]
  settings?: VaultSettings
}
