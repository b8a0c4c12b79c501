/**
 * Passkey slots: KEK = HKDF-SHA-256(ikm = the passkey's WebAuthn PRF output, salt = the slot's
 * random salt, info = 'keyfob passkey slot'), an AES-256-GCM key (RFC 5869; WebAuthn Level 3
 * §10.1.4 "prf"). The PRF input is one fixed value (src/options/passkey-webauthn.ts): the output
 * is already per credential, and the per-slot salt makes each slot's KEK its own even for a
 * passkey enrolled twice. The PRF output is used only here, never stored.
 *
 * The PRF output is as strong as the authenticator's secret (a per-credential HMAC key that
 * never leaves it, CTAP 2.1 hmac-secret), so no slow KDF is needed here.
 */
import { KeyfobError } from '../errors.ts'
import { randomBytes } from './aes-gcm.ts'
import { base64ToBytes, bytesToBase64 } from './base64.ts'
import type { PasskeySlot } from './envelope.ts'
import { unwrapMasterKey, wrapMasterKey } from './slot-crypto.ts'

/** Bounds checked on parse and on enrolment. WebAuthn caps credential ids at 1023 bytes (§4 "Credential ID"). */
export const PASSKEY_LIMITS = {
  maxSlots: 10,
  minCredentialIdBytes: 16,
  maxCredentialIdBytes: 1023,
  maxNameLength: 64,
  saltBytes: 32,
  prfBytes: 32,
} as const

const INFO = new TextEncoder().encode('keyfob passkey slot')

/** A fresh random salt for a new slot's HKDF (base64). */
export function newPasskeySalt(): string {
  return bytesToBase64(randomBytes(PASSKEY_LIMITS.saltBytes))
}

/** The name as stored: trimmed, 1 to 64 characters, no control characters; null when it is not one. */
export function passkeyNameProblem(name: string): string | null {
  if (name.length === 0 || name !== name.trim()) return 'must be 1 to 64 characters without spaces around them'
  if ([...name].length > PASSKEY_LIMITS.maxNameLength) return 'must be 1 to 64 characters without spaces around them'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'must not contain control characters'
  return null
}

async function deriveKek(prfOutput: Uint8Array, salt: string): Promise<CryptoKey> {
  const saltBytes = base64ToBytes(salt)
  if (saltBytes === null || saltBytes.length !== PASSKEY_LIMITS.saltBytes) {
    throw new KeyfobError('INVALID_PARAMETER', `A passkey slot's salt must be ${PASSKEY_LIMITS.saltBytes} bytes.`)
  }
  if (prfOutput.length !== PASSKEY_LIMITS.prfBytes) {
    throw new KeyfobError('INVALID_PARAMETER', `A PRF output must be ${PASSKEY_LIMITS.prfBytes} bytes.`)
  }
  const ikm = await crypto.subtle.importKey('raw', new Uint8Array(prfOutput), 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: saltBytes, info: INFO },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

export interface NewPasskey {
  /** base64 of the credential's raw id. */
  credentialId: string
  name: string
  createdAt: number
  /** The salt the PRF was evaluated with (newPasskeySalt). */
  salt: string
  prfOutput: Uint8Array
}

/** A new passkey slot wrapping `rawMasterKey`; INVALID_PARAMETER for a field out of bounds. */
export async function createPasskeySlot(rawMasterKey: Uint8Array, passkey: NewPasskey): Promise<PasskeySlot> {
  const credential = base64ToBytes(passkey.credentialId)
  const { minCredentialIdBytes: min, maxCredentialIdBytes: max } = PASSKEY_LIMITS
  if (credential === null || credential.length < min || credential.length > max) {
    throw new KeyfobError('INVALID_PARAMETER', `A credential id must be ${min} to ${max} bytes of base64.`)
  }
  const problem = passkeyNameProblem(passkey.name)
  if (problem !== null) throw new KeyfobError('INVALID_PARAMETER', `A passkey's name ${problem}.`)
  if (!Number.isSafeInteger(passkey.createdAt) || passkey.createdAt < 0) {
    throw new KeyfobError('INVALID_PARAMETER', 'A passkey slot needs its date as Unix milliseconds.')
  }
  const header = {
    type: 'passkey',
    id: crypto.randomUUID(),
    credentialId: passkey.credentialId,
    name: passkey.name,
    createdAt: passkey.createdAt,
    salt: passkey.salt,
  } as const
  return wrapMasterKey(rawMasterKey, await deriveKek(passkey.prfOutput, passkey.salt), header)
}

/**
 * The master key, or null when this PRF output does not open the slot: another credential's
 * output, the salt evaluated wrongly, or an edited slot (AES-GCM cannot tell these apart).
 */
export async function openPasskeySlot(slot: PasskeySlot, prfOutput: Uint8Array): Promise<CryptoKey | null> {
  if (prfOutput.length !== PASSKEY_LIMITS.prfBytes) return null
  return unwrapMasterKey(slot, await deriveKek(prfOutput, slot.salt))
}
