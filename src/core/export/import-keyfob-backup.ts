/**
 * Reads an encrypted Keyfob backup (docs/backup-format.md) back into accounts.
 * Nothing here touches the vault: the caller decides how to merge the result.
 */
import { KeyfobError, isKeyfobError } from '../errors.ts'
import { checkFileSize, decodeText, parseJson } from '../import/read-json.ts'
import { MAX_FILE_BYTES } from '../import/limits.ts'
import { gcmDecrypt, importAesKey, KEY_BYTES } from '../vault/aes-gcm.ts'
import { base64ToBytes } from '../vault/base64.ts'
import { deserializeContent } from '../vault/content-codec.ts'
import { deriveKek } from '../vault/derive-kek.ts'
import type { StoredAccount } from '../vault/vault-content.ts'
import { contentAad, keyAad, type KeyfobBackup } from './keyfob-backup-format.ts'
import { parseKeyfobBackup } from './parse-keyfob-backup.ts'

export interface KeyfobBackupContent {
  /** Every account exactly as exported: ids, order, tags, pins, sites, timestamps. */
  accounts: StoredAccount[]
  /** When the backup was written (ISO 8601, UTC), to show before restoring. */
  createdAt: string
}

/**
 * Decrypts and validates a backup. Throws KeyfobError:
 * - UNSUPPORTED_FORMAT: not a Keyfob backup, or written by a newer Keyfob;
 * - INVALID_FILE: malformed, too large, out-of-bounds KDF parameters, or the
 *   content fails authentication although the password opened the key (the
 *   file was damaged or edited);
 * - PASSWORD_REQUIRED: no password given;
 * - WRONG_PASSWORD: the password does not unwrap the key. An edited salt, KDF
 *   parameter, key nonce or wrapped key looks exactly the same (AES-GCM only
 *   says that authentication failed), as for the vault's password slots.
 */
export async function importKeyfobBackup(file: string | Uint8Array, password: string | undefined): Promise<KeyfobBackupContent> {
  const backup = parseKeyfobBackup(readJson(file))
  if (typeof password !== 'string' || password === '') {
    throw new KeyfobError('PASSWORD_REQUIRED', 'This Keyfob backup is encrypted: enter its password.')
  }
  const rawKey = await unwrapContentKey(backup, password)
  let plain: Uint8Array | null
  try {
    plain = await gcmDecrypt(await importAesKey(rawKey, false), bytes(backup.nonce), bytes(backup.ciphertext), contentAad(backup))
  } finally {
    rawKey.fill(0)
  }
  if (plain === null) {
    throw new KeyfobError('INVALID_FILE', 'The password is right, but the backup fails authentication: the file was damaged or edited.')
  }
  try {
    return { accounts: readAccounts(plain), createdAt: backup.createdAt }
  } finally {
    plain.fill(0)
  }
}

function readJson(file: string | Uint8Array): unknown {
  if (typeof file === 'string') {
    // UTF-16 code units: a loose but sufficient bound before anything is parsed.
    if (file.length > MAX_FILE_BYTES) throw new KeyfobError('INVALID_FILE', `The file is too large (the limit is ${MAX_FILE_BYTES} bytes).`)
    // A BOM survives when text was read without TextDecoder (bytes go through decodeText, which drops it).
    return parseJson(file.replace(/^\uFEFF/, ''))
  }
  checkFileSize(file)
  return parseJson(decodeText(file))
}

async function unwrapContentKey(backup: KeyfobBackup, password: string): Promise<Uint8Array<ArrayBuffer>> {
  // parseKeyfobBackup has already held the parameters to the vault's reading bounds.
  const kek = await deriveKek(password, backup.kdf)
  const raw = await gcmDecrypt(kek, bytes(backup.keyNonce), bytes(backup.wrappedKey), keyAad(backup))
  if (raw === null) throw new KeyfobError('WRONG_PASSWORD', 'The password does not open this Keyfob backup.')
  if (raw.length !== KEY_BYTES) {
    raw.fill(0)
    throw new KeyfobError('INVALID_FILE', 'Invalid Keyfob backup: the content key has the wrong length.')
  }
  return raw
}

/**
 * The decrypted JSON goes through the vault's own reader: the same migrations
 * (an old backup restores into a newer Keyfob) and the same strict validation.
 */
function readAccounts(plain: Uint8Array): StoredAccount[] {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plain)
  } catch (cause) {
    throw new KeyfobError('INVALID_FILE', 'Invalid Keyfob backup: the content is not UTF-8.', { cause })
  }
  try {
    return deserializeContent(text).content.accounts
  } catch (e) {
    if (isKeyfobError(e, 'VAULT_TOO_NEW')) {
      throw new KeyfobError('UNSUPPORTED_FORMAT', 'This backup was made by a newer version of Keyfob. Update Keyfob to restore it.', {
        cause: e,
      })
    }
    if (isKeyfobError(e, 'VAULT_CORRUPT')) {
      throw new KeyfobError('INVALID_FILE', `Invalid Keyfob backup: ${e.message}`, { cause: e })
    }
    throw e
  }
}

/** parseKeyfobBackup has checked every field is canonical base64. */
function bytes(text: string): Uint8Array<ArrayBuffer> {
  const decoded = base64ToBytes(text)
  if (decoded === null) throw new KeyfobError('INVALID_FILE', 'Invalid Keyfob backup: a field is not base64.')
  return decoded
}
