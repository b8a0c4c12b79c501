/**
 * Device slots: the master key wrapped by a non-extractable AES-256-GCM key that
 * the browser layer keeps in IndexedDB, for people who decline a password.
 *
 * This is convenience, not protection against anyone who can read the browser
 * profile: IndexedDB stores the key material on disk next to the vault. It does
 * keep the vault from being plaintext at rest, readable by a glance at
 * storage.local or by a sync/backup tool that copies it alone.
 */
import { KeyfobError } from '../errors.ts'
import type { DeviceSlot } from './envelope.ts'
import { unwrapMasterKey, wrapMasterKey } from './slot-crypto.ts'

/** A fresh device key, for the browser layer to store in IndexedDB. */
export function generateDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}

/** Rejects anything but a non-extractable AES-256-GCM encrypt/decrypt key. */
function assertDeviceKey(key: CryptoKey): void {
  const algorithm = key.algorithm as Partial<AesKeyAlgorithm>
  if (
    algorithm.name !== 'AES-GCM' ||
    algorithm.length !== 256 ||
    key.extractable ||
    !key.usages.includes('encrypt') ||
    !key.usages.includes('decrypt')
  ) {
    throw new KeyfobError('INVALID_PARAMETER', 'The device key must be a non-extractable AES-256-GCM key.')
  }
}

export async function createDeviceSlot(rawMasterKey: Uint8Array, deviceKey: CryptoKey): Promise<DeviceSlot> {
  assertDeviceKey(deviceKey)
  return wrapMasterKey(rawMasterKey, deviceKey, { type: 'device', id: crypto.randomUUID() } as const)
}

/** The master key, or null when this device key does not open the slot (or the slot was edited). */
export async function openDeviceSlot(slot: DeviceSlot, deviceKey: CryptoKey): Promise<CryptoKey | null> {
  assertDeviceKey(deviceKey)
  return unwrapMasterKey(slot, deviceKey)
}
