/**
 * Changing who can open the vault. These re-wrap the master key only: the
 * content's nonce and ciphertext are carried over byte for byte, so a password
 * change cannot damage the accounts. Each returns a new envelope with the next
 * generation; compose several in memory and store the last one.
 *
 * Re-wrapping does not change the master key, so anyone who kept an older copy
 * of the envelope and knows the old password (or holds the old device key) can
 * still derive it. The browser layer must therefore drop recovery copies that
 * still carry a removed slot, and delete the device key from IndexedDB when the
 * device slot goes (docs/vault-format.md, "Threats").
 */
import { KeyfobError } from '../errors.ts'
import type { Argon2Params } from './argon2-params.ts'
import type { PasskeySlot, Slot, VaultEnvelope } from './envelope.ts'
import { exportMasterKey } from './master-key.ts'
import { createPasskeySlot, PASSKEY_LIMITS, type NewPasskey } from './passkey-slot.ts'
import { createPasswordSlot, findPasswordSlot, openPasswordSlot } from './password-slot.ts'
import { decryptOrThrow, nextGeneration } from './vault.ts'

/**
 * True when `password` opens the password slot. For re-confirming the person
 * before export, showing a QR code or changing the password; the caller applies
 * the same throttling (throttle-delay.ts) as for unlocking.
 */
export async function verifyPassword(envelope: VaultEnvelope, password: string): Promise<boolean> {
  return (await openPasswordSlot(findPasswordSlot(envelope), password)) !== null
}

/**
 * Replaces the password slot with one for `newPassword` (new id, salt and nonce;
 * `kdf` lets the cost be raised). The caller confirms the current password first.
 */
export async function changePassword(
  envelope: VaultEnvelope,
  masterKey: CryptoKey,
  newPassword: string,
  kdf?: Argon2Params,
): Promise<VaultEnvelope> {
  const old = findPasswordSlot(envelope)
  const slot = await newPasswordSlot(envelope, masterKey, newPassword, kdf)
  return withSlots(
    envelope,
    envelope.slots.map((s) => (s === old ? slot : s)),
  )
}

/** Adds a password slot to a vault that has none (PASSWORD_EXISTS otherwise). */
export async function addPasswordSlot(
  envelope: VaultEnvelope,
  masterKey: CryptoKey,
  password: string,
  kdf?: Argon2Params,
): Promise<VaultEnvelope> {
  if (envelope.slots.some((s) => s.type === 'password')) {
    throw new KeyfobError('PASSWORD_EXISTS', 'The vault already has a password slot; change the password instead.')
  }
  const slot = await newPasswordSlot(envelope, masterKey, password, kdf)
  return withSlots(envelope, [slot, ...envelope.slots])
}

/**
 * Removes the device slot, once a password slot exists, so the vault never ends
 * up with no way in (LAST_SLOT otherwise; NO_DEVICE_SLOT without a device slot).
 */
export function removeDeviceSlot(envelope: VaultEnvelope): VaultEnvelope {
  if (!envelope.slots.some((s) => s.type === 'device')) {
    throw new KeyfobError('NO_DEVICE_SLOT', 'The vault has no device slot.')
  }
  if (!envelope.slots.some((s) => s.type === 'password')) {
    throw new KeyfobError('LAST_SLOT', 'Add a password before removing the device slot.')
  }
  return withSlots(
    envelope,
    envelope.slots.filter((s) => s.type !== 'device'),
  )
}

/**
 * Adds a passkey slot. Only beside a password slot (NO_PASSWORD_SLOT otherwise): passkeys get
 * lost, and the password is the way back in. PASSKEY_EXISTS for a credential already enrolled,
 * TOO_MANY_PASSKEYS beyond PASSKEY_LIMITS.maxSlots.
 */
export async function addPasskeySlot(envelope: VaultEnvelope, masterKey: CryptoKey, passkey: NewPasskey): Promise<VaultEnvelope> {
  findPasswordSlot(envelope)
  const passkeys = passkeySlots(envelope)
  if (passkeys.some((s) => s.credentialId === passkey.credentialId)) {
    throw new KeyfobError('PASSKEY_EXISTS', 'This passkey already unlocks Keyfob.')
  }
  if (passkeys.length >= PASSKEY_LIMITS.maxSlots) {
    throw new KeyfobError('TOO_MANY_PASSKEYS', `A vault holds at most ${PASSKEY_LIMITS.maxSlots} passkeys.`)
  }
  await decryptOrThrow(envelope, masterKey)
  const raw = await exportMasterKey(masterKey)
  try {
    return withSlots(envelope, [...envelope.slots, await createPasskeySlot(raw, passkey)])
  } finally {
    raw.fill(0)
  }
}

/** Removes the passkey slot `slotId`; PASSKEY_UNKNOWN_CREDENTIAL when no passkey slot has that id (a password slot never goes this way). */
export function removePasskeySlot(envelope: VaultEnvelope, slotId: string): VaultEnvelope {
  if (!passkeySlots(envelope).some((s) => s.id === slotId)) {
    throw new KeyfobError('PASSKEY_UNKNOWN_CREDENTIAL', 'No passkey slot has this id.')
  }
  return withSlots(
    envelope,
    envelope.slots.filter((s) => s.id !== slotId),
  )
}

export function passkeySlots(envelope: VaultEnvelope): PasskeySlot[] {
  return envelope.slots.filter((s) => s.type === 'passkey')
}

/** Checks that `masterKey` is this vault's before wrapping it: a wrong key here would lock the user out. */
async function newPasswordSlot(
  envelope: VaultEnvelope,
  masterKey: CryptoKey,
  password: string,
  kdf: Argon2Params | undefined,
): Promise<Slot> {
  await decryptOrThrow(envelope, masterKey)
  const raw = await exportMasterKey(masterKey)
  try {
    return await createPasswordSlot(raw, password, kdf)
  } finally {
    raw.fill(0)
  }
}

function withSlots(envelope: VaultEnvelope, slots: readonly Slot[]): VaultEnvelope {
  return { ...envelope, generation: nextGeneration(envelope), slots }
}
