/**
 * Wrapping the master key into a slot and back: AES-256-GCM of the raw master
 * key under the slot's KEK, with the slot's own fresh nonce and the slot header
 * as AAD (aad.ts). Both slot types share this; they differ only in where the KEK
 * comes from (Argon2id of a password, or the browser's device key).
 */
import { KeyfobError } from '../errors.ts'
import type { SlotHeader } from './aad.ts'
import { slotAad, slotHeader } from './aad.ts'
import { gcmDecrypt, gcmEncrypt, KEY_BYTES, NONCE_BYTES, randomBytes } from './aes-gcm.ts'
import { base64ToBytes, bytesToBase64 } from './base64.ts'
import type { Slot } from './envelope.ts'
import { ENVELOPE_VERSION } from './envelope.ts'
import { importMasterKey } from './master-key.ts'

export async function wrapMasterKey<H extends SlotHeader>(
  rawMasterKey: Uint8Array,
  kek: CryptoKey,
  header: H,
): Promise<H & { nonce: string; wrappedKey: string }> {
  const nonce = randomBytes(NONCE_BYTES)
  const wrapped = await gcmEncrypt(kek, nonce, rawMasterKey, slotAad(ENVELOPE_VERSION, header))
  return { ...header, nonce: bytesToBase64(nonce), wrappedKey: bytesToBase64(wrapped) }
}

/**
 * Returns the master key, or null when the KEK does not authenticate the slot:
 * a wrong password or device key and an edited slot are indistinguishable here.
 */
export async function unwrapMasterKey(slot: Slot, kek: CryptoKey): Promise<CryptoKey | null> {
  const nonce = base64ToBytes(slot.nonce)
  const wrapped = base64ToBytes(slot.wrappedKey)
  if (nonce === null || wrapped === null) {
    throw new KeyfobError('VAULT_CORRUPT', `Stored vault: the ${slot.type} slot is not valid base64.`)
  }
  const raw = await gcmDecrypt(kek, nonce, wrapped, slotAad(ENVELOPE_VERSION, slotHeader(slot)))
  if (raw === null) return null
  try {
    if (raw.length !== KEY_BYTES) return null
    return await importMasterKey(raw)
  } finally {
    raw.fill(0)
  }
}
