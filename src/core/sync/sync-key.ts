/**
 * The sync key: 256 random bits that encrypt every record of one sync space (AES-256-GCM, used
 * directly: see docs/sync.md, "Records"). It exists in two forms:
 * - `key`, a *non-extractable* WebCrypto key that seals and opens records;
 * - `raw`, its 32 bytes, needed only to wrap it into the header's slots and to keep it inside the
 *   local vault (which is encrypted), so a device syncs without asking for the passphrase again.
 * Unlike the vault's master key, the CryptoKey never needs to leave WebCrypto: the raw bytes are
 * kept beside it instead, and only as long as the caller needs them.
 */
import { KeyfobError } from '../errors.ts'
import { importAesKey, KEY_BYTES, randomBytes } from '../vault/aes-gcm.ts'
import { base64ToBytes, bytesToBase64 } from '../vault/base64.ts'

export interface SyncKey {
  /** The 32 key bytes: for wrapping into slots and for the vault only. */
  readonly raw: Uint8Array<ArrayBuffer>
  /** Non-extractable AES-256-GCM (encrypt, decrypt): for records. */
  readonly key: CryptoKey
}

/** A fresh random sync key (crypto.getRandomValues). */
export async function newSyncKey(): Promise<SyncKey> {
  return syncKeyFromRaw(randomBytes(KEY_BYTES))
}

/** The sync key from its 32 raw bytes (copied, so the caller may wipe its own). INVALID_PARAMETER otherwise. */
export async function syncKeyFromRaw(raw: Uint8Array): Promise<SyncKey> {
  if (raw.length !== KEY_BYTES) {
    throw new KeyfobError('INVALID_PARAMETER', `A sync key is ${KEY_BYTES} bytes, not ${raw.length}.`)
  }
  const copy = new Uint8Array(raw)
  return { raw: copy, key: await importAesKey(copy, false) }
}

/** The raw key as canonical base64, for keeping inside the local vault (never anywhere else). */
export function exportSyncKey(syncKey: SyncKey): string {
  return bytesToBase64(syncKey.raw)
}

/** The sync key kept in the vault by `exportSyncKey`; INVALID_PARAMETER for anything else. */
export async function importSyncKey(text: string): Promise<SyncKey> {
  const raw = typeof text === 'string' ? base64ToBytes(text) : null
  if (raw === null) throw new KeyfobError('INVALID_PARAMETER', 'A kept sync key must be canonical base64.')
  try {
    return await syncKeyFromRaw(raw)
  } finally {
    raw.fill(0)
  }
}

/** Rejects a key that is not an AES-256-GCM encrypt/decrypt key (so a mixed-up key fails loudly). */
export function assertSyncKey(key: CryptoKey): void {
  const algorithm = key.algorithm as Partial<AesKeyAlgorithm>
  if (
    algorithm.name !== 'AES-GCM' ||
    algorithm.length !== KEY_BYTES * 8 ||
    !key.usages.includes('encrypt') ||
    !key.usages.includes('decrypt')
  ) {
    throw new KeyfobError('INVALID_PARAMETER', 'The sync key must be an AES-256-GCM key.')
  }
}
