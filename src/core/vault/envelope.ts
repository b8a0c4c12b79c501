/**
 * The stored vault, exactly as it is kept in storage (JSON-serialisable; byte
 * strings are canonical base64). See docs/vault-format.md for the full format.
 */

export const VAULT_FORMAT = 'keyfob-vault'
/** Version of the envelope (slots, cipher, AAD). The content has its own schemaVersion. */
export const ENVELOPE_VERSION = 1

/** Argon2id as stored in a password slot; `version` is Argon2 v1.3 (0x13). */
export interface StoredArgon2id {
  readonly algorithm: 'argon2id'
  readonly version: 19
  readonly memoryKiB: number
  readonly iterations: number
  readonly parallelism: number
  readonly salt: string
}

export interface PasswordSlot {
  readonly type: 'password'
  /** Random UUID, bound into the slot's AAD. */
  readonly id: string
  readonly kdf: StoredArgon2id
  /** 12 bytes. */
  readonly nonce: string
  /** AES-256-GCM(KEK, nonce, masterKey, AAD): 32 bytes of key + 16 of tag. */
  readonly wrappedKey: string
}

/** Master key wrapped by a non-extractable AES-GCM key the browser keeps in IndexedDB. */
export interface DeviceSlot {
  readonly type: 'device'
  readonly id: string
  readonly nonce: string
  readonly wrappedKey: string
}

/**
 * Master key wrapped by a KEK derived from a passkey's WebAuthn PRF output (passkey-slot.ts).
 * A vault may hold several (MAX_PASSKEY_SLOTS), each with its own credential and salt.
 */
export interface PasskeySlot {
  readonly type: 'passkey'
  readonly id: string
  /** The WebAuthn credential's raw id (base64), to ask the authenticator for it again. */
  readonly credentialId: string
  /** What the person called it ("Phone", "YubiKey"), shown in the settings. */
  readonly name: string
  /** When it was added (Unix ms). */
  readonly createdAt: number
  /** 32 random bytes: the HKDF salt of this slot's KEK. */
  readonly salt: string
  readonly nonce: string
  readonly wrappedKey: string
}

export type Slot = PasswordSlot | DeviceSlot | PasskeySlot

export interface VaultEnvelope {
  readonly format: typeof VAULT_FORMAT
  readonly version: typeof ENVELOPE_VERSION
  /** Increases with every write; not authenticated (see docs/vault-format.md). */
  readonly generation: number
  /** At least one slot; at most one password and one device slot, and up to 10 passkey slots. */
  readonly slots: readonly Slot[]
  /** 12 bytes. */
  readonly nonce: string
  /** AES-256-GCM(masterKey, nonce, padded content JSON, AAD) with the tag appended. */
  readonly ciphertext: string
}
