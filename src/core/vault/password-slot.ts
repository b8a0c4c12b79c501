/**
 * Password slots: KEK = Argon2id(NFKC(password), salt, m, t, p), 32 bytes.
 */
import { KeyfobError } from '../errors.ts'
import type { Argon2Params } from './argon2-params.ts'
import { DEFAULT_ARGON2, newArgon2ParamsProblem } from './argon2-params.ts'
import { deriveKek } from './derive-kek.ts'
import type { PasswordSlot, VaultEnvelope } from './envelope.ts'
import { newStoredArgon2id } from './new-stored-argon2id.ts'
import { passwordStrength } from './password-strength.ts'
import { unwrapMasterKey, wrapMasterKey } from './slot-crypto.ts'

/**
 * A new password slot wrapping `rawMasterKey`. Refuses passwords scoring 0
 * (shorter than 8, or on the common list: NIST SP 800-63B §5.1.1.2) with
 * WEAK_PASSWORD, and parameters under the OWASP floor with INVALID_PARAMETER.
 */
export async function createPasswordSlot(
  rawMasterKey: Uint8Array,
  password: string,
  params: Argon2Params = DEFAULT_ARGON2,
): Promise<PasswordSlot> {
  const strength = passwordStrength(password)
  if (strength.score === 0) {
    throw new KeyfobError('WEAK_PASSWORD', `The password is too weak (${strength.hint}).`)
  }
  const problem = newArgon2ParamsProblem(params)
  if (problem !== null) throw new KeyfobError('INVALID_PARAMETER', `Argon2 parameters: ${problem}.`)
  const header = {
    type: 'password',
    id: crypto.randomUUID(),
    kdf: newStoredArgon2id(params),
  } as const
  return wrapMasterKey(rawMasterKey, await deriveKek(password, header.kdf), header)
}

/** The vault's password slot, or NO_PASSWORD_SLOT. */
export function findPasswordSlot(envelope: VaultEnvelope): PasswordSlot {
  const slot = envelope.slots.find((s) => s.type === 'password')
  if (slot === undefined) throw new KeyfobError('NO_PASSWORD_SLOT', 'The vault has no password slot.')
  return slot
}

/**
 * The master key, or null for a wrong password. An edited slot (salt, nonce,
 * wrapped key, parameters within bounds) also ends here: AES-GCM only says that
 * authentication failed, never why, so the two cannot be told apart.
 */
export async function openPasswordSlot(slot: PasswordSlot, password: string): Promise<CryptoKey | null> {
  // No slot is ever made for an empty password (and Argon2id refuses one).
  if (password.length === 0) return null
  return unwrapMasterKey(slot, await deriveKek(password, slot.kdf))
}
