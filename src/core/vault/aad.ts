/**
 * Associated data for the vault's two kinds of AES-GCM message. Binding the
 * format, envelope version and purpose means a ciphertext cannot be replayed as
 * a different version or moved between the content and a slot; binding a slot's
 * type, id and KDF parameters (for a passkey slot: credential id, salt, date and name) means no header field of a slot can be edited
 * without its unwrap failing. Every field joined here is a fixed word, a
 * decimal number, a UUID or base64, so '|' can never occur inside one.
 */
import { bytesToBase64 } from './base64.ts'
import type { DeviceSlot, PasskeySlot, PasswordSlot, Slot } from './envelope.ts'
import { VAULT_FORMAT } from './envelope.ts'

const encoder = new TextEncoder()

export function contentAad(version: number): Uint8Array<ArrayBuffer> {
  return encoder.encode([VAULT_FORMAT, version, 'content'].join('|'))
}

/** The slot's header: everything except the nonce and the wrapped key. */
export type SlotHeader =
  Omit<PasswordSlot, 'nonce' | 'wrappedKey'> | Omit<DeviceSlot, 'nonce' | 'wrappedKey'> | Omit<PasskeySlot, 'nonce' | 'wrappedKey'>

export function slotAad(version: number, slot: SlotHeader): Uint8Array<ArrayBuffer> {
  const fields: (string | number)[] = [VAULT_FORMAT, version, 'slot', slot.type, slot.id]
  if (slot.type === 'password') {
    const k = slot.kdf
    fields.push(k.algorithm, k.version, k.memoryKiB, k.iterations, k.parallelism, k.salt)
  } else if (slot.type === 'passkey') {
    // The name is free text, so it goes in as base64 of its UTF-8 (keeps '|' out of the fields).
    fields.push(slot.credentialId, slot.salt, slot.createdAt, bytesToBase64(encoder.encode(slot.name)))
  }
  return encoder.encode(fields.join('|'))
}

export function slotHeader(slot: Slot): SlotHeader {
  if (slot.type === 'passkey') {
    const { type, id, credentialId, name, createdAt, salt } = slot
    return { type, id, credentialId, name, createdAt, salt }
  }
  return slot.type === 'password' ? { type: slot.type, id: slot.id, kdf: slot.kdf } : { type: slot.type, id: slot.id }
}
