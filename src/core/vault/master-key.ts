/**
 * The master key: 256 random bits that encrypt the vault content.
 *
 * It is an *extractable* WebCrypto key on purpose. The browser layer must keep
 * it in `storage.session` while the vault is unlocked (an MV3 service worker is
 * stopped whenever Chrome likes, and storage.session only holds JSON, not
 * CryptoKeys), and adding or replacing a slot wraps its raw bytes. Everything
 * else handles it as a CryptoKey. The slots' KEKs and the device key, which never
 * need to leave WebCrypto, are non-extractable.
 */
import { KeyfobError } from '../errors.ts'
import { importAesKey, KEY_BYTES } from './aes-gcm.ts'

export function generateMasterKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: KEY_BYTES * 8 }, true, ['encrypt', 'decrypt'])
}

/** Re-creates the master key from bytes kept in storage.session (after a worker restart). */
export async function importMasterKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES) {
    throw new KeyfobError('INVALID_PARAMETER', `A master key is ${KEY_BYTES} bytes, not ${raw.length}.`)
  }
  return importAesKey(raw, true)
}

/** The raw 32 bytes, for storage.session only. Never persist them in storage.local. */
export async function exportMasterKey(key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  assertMasterKey(key)
  return new Uint8Array(await crypto.subtle.exportKey('raw', key))
}

/** Rejects a key that is not an extractable AES-256-GCM encrypt/decrypt key. */
export function assertMasterKey(key: CryptoKey): void {
  const algorithm = key.algorithm as Partial<AesKeyAlgorithm>
  if (
    algorithm.name !== 'AES-GCM' ||
    algorithm.length !== KEY_BYTES * 8 ||
    !key.extractable ||
    !key.usages.includes('encrypt') ||
    !key.usages.includes('decrypt')
  ) {
    throw new KeyfobError('INVALID_PARAMETER', 'The master key must be an extractable AES-256-GCM key.')
  }
}
