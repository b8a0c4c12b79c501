/**
 * Associated data for the vault's two kinds of AES-GCM message. Binding the
 * format, envelope version and purpose means a ciphertext cannot be replayed as
 * a different version or moved between the content and a slot; binding a slot's
 * type, id and KDF parameters means no header field of a slot can be edited
 * without its unwrap failing. Every field joined here is a fixed word, a
 * decimal number, a UUID or base64, so '|' can never occur inside one.
 */
import type { DeviceSlot, PasswordSlot, Slot } from './envelope.ts'
import { VAULT_FORMAT } from './envelope.ts'

const encoder = new TextEncoder()

export function contentAad(version: number): Uint8Array<ArrayBuffer> {
  return encoder.encode([VAULT_FORMAT, version, 'content'].join('|'))
}

/** The slot's header: everything except the nonce and the wrapped key. */
export type SlotHeader = Omit<PasswordSlot, 'nonce' | 'wrappedKey'> | Omit<DeviceSlot, 'nonce' | 'wrappedKey'>

export function slotAad(version: number, slot: SlotHeader): Uint8Array<ArrayBuffer> {
  const fields: (string | number)[] = [VAULT_FORMAT, version, 'slot', slot.type, slot.id]
  if (slot.type === 'password') {
    const k = slot.kdf
    fields.push(k.algorithm, k.version, k.memoryKiB, k.iterations, k.parallelism, k.salt)
  }
  return encoder.encode(fields.join('|'))
}

export function slotHeader(slot: Slot): SlotHeader {
  return slot.type === 'password' ? { type: slot.type, id: slot.id, kdf: slot.kdf } : { type: slot.type, id: slot.id }
}
