/**
 * The encrypted Keyfob backup file (docs/backup-format.md): JSON text holding
 * every account with all of its metadata, for restoring into a fresh install.
 *
 * It reuses the vault's design (docs/vault-format.md): a random content key
 * encrypts the accounts with AES-256-GCM and is wrapped under an Argon2id KEK,
 * exactly like a vault password slot. The extra layer is what tells a wrong
 * password (the key does not unwrap: WRONG_PASSWORD) from a damaged or edited
 * file (the key unwraps but the content does not authenticate: INVALID_FILE).
 */
import type { StoredArgon2id } from '../vault/envelope.ts'

export const BACKUP_FORMAT = 'keyfob-backup'
/** Version of the file layout (fields, cipher, AAD). The accounts carry the vault's schemaVersion. */
export const BACKUP_VERSION = 1

export interface KeyfobBackup {
  readonly format: typeof BACKUP_FORMAT
  readonly version: typeof BACKUP_VERSION
  /** When the backup was written: `Date.prototype.toISOString()`, UTC, millisecond precision. */
  readonly createdAt: string
  /** The same object as a vault password slot's `kdf`. */
  readonly kdf: StoredArgon2id
  /** 12 bytes, base64. */
  readonly keyNonce: string
  /** AES-256-GCM(KEK, keyNonce, content key, key AAD): 32 bytes of key + 16 of tag, base64. */
  readonly wrappedKey: string
  /** 12 bytes, base64. */
  readonly nonce: string
  /** AES-256-GCM(content key, nonce, padded content JSON, content AAD), tag appended, base64. */
  readonly ciphertext: string
}

export type BackupHeader = Pick<KeyfobBackup, 'format' | 'version' | 'createdAt' | 'kdf'>

const encoder = new TextEncoder()

/**
 * Binds the KDF to the wrapped key, so no parameter or salt can be edited
 * without the unwrap failing. Every field is a fixed word, a decimal number or
 * base64, so '|' never occurs inside one (as in the vault's aad.ts).
 */
export function keyAad(header: BackupHeader): Uint8Array<ArrayBuffer> {
  const k = header.kdf
  return encoder.encode(
    [header.format, header.version, 'key', k.algorithm, k.version, k.memoryKiB, k.iterations, k.parallelism, k.salt].join('|'),
  )
}

/**
 * Binds the creation time to the content. The content key is random for every
 * backup, so it already ties the content to this file's key and KDF; `createdAt`
 * (an ISO timestamp: digits, '-', ':', '.', 'T', 'Z') is the one header field
 * the key AAD does not cover.
 */
export function contentAad(header: BackupHeader): Uint8Array<ArrayBuffer> {
  return encoder.encode([header.format, header.version, 'content', header.createdAt].join('|'))
}

/** Plaintext is padded with spaces to a multiple of this, like the vault's content. */
export const BACKUP_PAD_BYTES = 1024
