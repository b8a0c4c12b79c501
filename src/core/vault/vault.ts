/**
 * The vault's life cycle as pure async functions over the stored envelope. The
 * browser layer reads the envelope from storage.local, passes it through
 * parseEnvelope, calls these, and writes back what they return. Nothing here
 * mutates its arguments or touches storage.
 */
import { KeyfobError } from '../errors.ts'
import type { Argon2Params } from './argon2-params.ts'
import type { DecodedContent } from './content-codec.ts'
import { deserializeContent, serializeContent } from './content-codec.ts'
import { decryptContent, encryptContent } from './content-cipher.ts'
import { createDeviceSlot, openDeviceSlot } from './device-slot.ts'
import type { Slot, VaultEnvelope } from './envelope.ts'
import { ENVELOPE_VERSION, VAULT_FORMAT } from './envelope.ts'
import { assertMasterKey, exportMasterKey, generateMasterKey } from './master-key.ts'
import { CURRENT_SCHEMA_VERSION } from './migrations.ts'
import { openPasskeySlot } from './passkey-slot.ts'
import { createPasswordSlot, findPasswordSlot, openPasswordSlot } from './password-slot.ts'
import type { VaultContent } from './vault-content.ts'

export interface CreateVaultOptions {
  /** A password slot is made when given. */
  password?: string
  /** A device slot is made when given (see device-slot.ts). */
  deviceKey?: CryptoKey
  /** Argon2id cost for the password slot; DEFAULT_ARGON2 when omitted. */
  kdf?: Argon2Params
}

export interface CreatedVault {
  envelope: VaultEnvelope
  /** Extractable, so the browser layer can keep it in storage.session (master-key.ts). */
  masterKey: CryptoKey
}

/** A new, empty vault (generation 1) with a fresh random master key. */
export async function createVault(options: CreateVaultOptions): Promise<CreatedVault> {
  const { password, deviceKey, kdf } = options
  if (password === undefined && deviceKey === undefined) {
    throw new KeyfobError('INVALID_PARAMETER', 'A new vault needs a password, a device key, or both.')
  }
  const masterKey = await generateMasterKey()
  const raw = await exportMasterKey(masterKey)
  const slots: Slot[] = []
  try {
    if (password !== undefined) slots.push(await createPasswordSlot(raw, password, kdf))
    if (deviceKey !== undefined) slots.push(await createDeviceSlot(raw, deviceKey))
  } finally {
    raw.fill(0)
  }
  const empty: VaultContent = { schemaVersion: CURRENT_SCHEMA_VERSION, accounts: [] }
  const sealed = await encryptContent(masterKey, serializeContent(empty))
  return { envelope: { format: VAULT_FORMAT, version: ENVELOPE_VERSION, generation: 1, slots, ...sealed }, masterKey }
}

/** The master key behind the password slot; WRONG_PASSWORD when it does not open. */
export async function unlockWithPassword(envelope: VaultEnvelope, password: string): Promise<CryptoKey> {
  const key = await openPasswordSlot(findPasswordSlot(envelope), password)
  if (key === null) {
    throw new KeyfobError('WRONG_PASSWORD', 'The password is wrong, or the password slot was altered.')
  }
  return key
}

/**
 * The master key behind the passkey slot of `credentialId` (base64): PASSKEY_UNKNOWN_CREDENTIAL
 * when no slot has that credential, PASSKEY_REFUSED when its PRF output does not open it (another
 * salt, another authenticator's secret, or an edited slot).
 */
export async function unlockWithPasskey(envelope: VaultEnvelope, credentialId: string, prfOutput: Uint8Array): Promise<CryptoKey> {
  const slot = envelope.slots.find((s) => s.type === 'passkey' && s.credentialId === credentialId)
  if (slot?.type !== 'passkey') {
    throw new KeyfobError('PASSKEY_UNKNOWN_CREDENTIAL', 'This passkey is not one that unlocks this vault.')
  }
  const key = await openPasskeySlot(slot, prfOutput)
  if (key === null) throw new KeyfobError('PASSKEY_REFUSED', 'The passkey did not open its slot, or the slot was altered.')
  return key
}

/** The master key behind the device slot; VAULT_CORRUPT when this device key does not open it. */
export async function unlockWithDeviceKey(envelope: VaultEnvelope, deviceKey: CryptoKey): Promise<CryptoKey> {
  const slot = envelope.slots.find((s) => s.type === 'device')
  if (slot === undefined) throw new KeyfobError('NO_DEVICE_SLOT', 'The vault has no device slot.')
  const key = await openDeviceSlot(slot, deviceKey)
  if (key === null) {
    throw new KeyfobError('VAULT_CORRUPT', 'The device key does not open the vault, or the device slot was altered.')
  }
  return key
}

/**
 * Decrypts, migrates and validates the content. `migratedFrom` is non-null when
 * an older schema was upgraded in memory; the caller should seal and store it.
 */
export async function openVault(envelope: VaultEnvelope, masterKey: CryptoKey): Promise<DecodedContent> {
  return deserializeContent(await decryptOrThrow(envelope, masterKey))
}

/**
 * A new envelope holding `content`: fresh nonce, generation + 1, same slots.
 * Refuses (VAULT_CORRUPT) unless `masterKey` opens the envelope it replaces, so
 * a mixed-up key can never produce a vault that its slots cannot open.
 */
export async function sealVault(envelope: VaultEnvelope, masterKey: CryptoKey, content: VaultContent): Promise<VaultEnvelope> {
  const json = serializeContent(content)
  await decryptOrThrow(envelope, masterKey)
  return { ...envelope, generation: nextGeneration(envelope), ...(await encryptContent(masterKey, json)) }
}

/** Decrypts the content's JSON text; VAULT_CORRUPT when `masterKey` does not authenticate it. */
export async function decryptOrThrow(envelope: VaultEnvelope, masterKey: CryptoKey): Promise<string> {
  assertMasterKey(masterKey)
  const text = await decryptContent(envelope, masterKey)
  if (text === null) {
    throw new KeyfobError('VAULT_CORRUPT', 'The vault content failed authentication (altered, or not this vault’s key).')
  }
  return text
}

export function nextGeneration(envelope: VaultEnvelope): number {
  const next = envelope.generation + 1
  if (!Number.isSafeInteger(next)) throw new KeyfobError('VAULT_CORRUPT', 'Stored vault: generation overflowed.')
  return next
}
