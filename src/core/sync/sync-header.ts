/**
 * The remote header's life cycle: made once when sync is set up, opened by every device that
 * joins. It holds the sync key in two slots, as the vault holds its master key (docs/sync.md):
 * - passphrase slot: KEK = Argon2id(NFKC(passphrase), salt, m, t, p), the vault's derivation,
 *   parameters and bounds (derive-kek.ts, argon2-params.ts);
 * - recovery slot: KEK = HKDF-SHA-256(recovery key, info "keyfob-sync recovery slot"): the
 *   recovery key is 256 random bits, so it needs no stretching, only a key of its own.
 */
import { KeyfobError } from '../errors.ts'
import { gcmDecrypt, gcmEncrypt, KEY_BYTES, NONCE_BYTES, randomBytes } from '../vault/aes-gcm.ts'
import type { Argon2Params } from '../vault/argon2-params.ts'
import { DEFAULT_ARGON2, newArgon2ParamsProblem, SALT_BYTES } from '../vault/argon2-params.ts'
import { base64ToBytes, bytesToBase64 } from '../vault/base64.ts'
import { deriveKek } from '../vault/derive-kek.ts'
import type { StoredArgon2id } from '../vault/envelope.ts'
import { passwordStrength } from '../vault/password-strength.ts'
import { parseSyncHeader } from './parse-sync-header.ts'
import { encodeRecoveryKey, parseRecoveryKey, RECOVERY_KEY_BYTES } from './recovery-key.ts'
import { passphraseSlotAad, recoverySlotAad } from './sync-aad.ts'
import type { RecoverySlot, SyncHeader, SyncSpace } from './sync-format.ts'
import { SYNC_FORMAT, SYNC_VERSION } from './sync-format.ts'
import type { SyncKey } from './sync-key.ts'
import { newSyncKey, syncKeyFromRaw } from './sync-key.ts'

const RECOVERY_INFO = new TextEncoder().encode('keyfob-sync recovery slot')

export interface CreatedSyncHeader {
  /** To upload (JSON) before any record. */
  header: SyncHeader
  /** To keep inside the local vault (exportSyncKey) and to seal records with. */
  syncKey: SyncKey
  /** Grouped base32 (recovery-key.ts): show it once, never store it. */
  recoveryKey: string
}

/** How a device proves it may open the header. */
export type SyncSecret = { passphrase: string } | { recoveryKey: string }

/**
 * A new sync space: a fresh sync key, a random space id, and both slots. Refuses passphrases the
 * vault would refuse as a password (WEAK_PASSWORD) and Argon2 parameters under the vault's floor
 * for new slots (INVALID_PARAMETER). `params` is DEFAULT_ARGON2 unless a test asks for the floor.
 */
export async function createSyncHeader(passphrase: string, params: Argon2Params = DEFAULT_ARGON2): Promise<CreatedSyncHeader> {
  const strength = passwordStrength(passphrase)
  if (strength.score === 0) {
    throw new KeyfobError('WEAK_PASSWORD', `The sync passphrase is too weak (${strength.hint}).`)
  }
  const problem = newArgon2ParamsProblem(params)
  if (problem !== null) throw new KeyfobError('INVALID_PARAMETER', `Argon2 parameters: ${problem}.`)

  const space: SyncSpace = { version: SYNC_VERSION, spaceId: crypto.randomUUID() }
  const created = Date.now()
  const kdf: StoredArgon2id = {
    algorithm: 'argon2id',
    version: 19,
    memoryKiB: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    salt: bytesToBase64(randomBytes(SALT_BYTES)),
  }
  const syncKey = await newSyncKey()
  const recovery = randomBytes(RECOVERY_KEY_BYTES)
  try {
    const passphraseKek = await deriveKek(passphrase, kdf)
    const header: SyncHeader = {
      format: SYNC_FORMAT,
      ...space,
      created,
      slots: {
        passphrase: { kdf, ...(await wrap(passphraseKek, syncKey.raw, passphraseSlotAad(space, created, kdf))) },
        recovery: await wrap(await recoveryKek(recovery), syncKey.raw, recoverySlotAad(space, created)),
      },
    }
    // The writer runs the reader's validator: never upload a header no device could open.
    parseSyncHeader(JSON.parse(JSON.stringify(header)))
    return { header, syncKey, recoveryKey: encodeRecoveryKey(recovery) }
  } finally {
    recovery.fill(0)
  }
}

/**
 * The sync key behind one of the header's slots. The header is validated again first (shape,
 * bounds: no KDF runs on hostile parameters). Errors: SYNC_TOO_NEW, SYNC_HEADER_CORRUPT;
 * WRONG_SYNC_PASSPHRASE; INVALID_RECOVERY_KEY (a typo, found before any cryptography) and
 * WRONG_RECOVERY_KEY (a well-formed key that does not open the slot). As in the vault, a wrong
 * secret and an altered slot are indistinguishable: AES-GCM only says that authentication failed.
 */
export async function openSyncHeader(header: SyncHeader, secret: SyncSecret): Promise<SyncKey> {
  const checked = parseSyncHeader(header)
  const { passphrase, recovery } = checked.slots
  if ('recoveryKey' in secret) {
    const key = parseRecoveryKey(secret.recoveryKey)
    let kek: CryptoKey
    try {
      kek = await recoveryKek(key)
    } finally {
      key.fill(0)
    }
    const syncKey = await unwrap(kek, recovery, recoverySlotAad(checked, checked.created))
    if (syncKey === null) {
      throw new KeyfobError('WRONG_RECOVERY_KEY', 'The recovery key does not open this sync header, or its slot was altered.')
    }
    return syncKey
  }
  const wrong = new KeyfobError('WRONG_SYNC_PASSPHRASE', 'The sync passphrase is wrong, or its slot was altered.')
  // No slot is ever made for an empty passphrase (and Argon2id refuses one).
  if (typeof secret.passphrase !== 'string' || secret.passphrase.length === 0) throw wrong
  const kek = await deriveKek(secret.passphrase, passphrase.kdf)
  const syncKey = await unwrap(kek, passphrase, passphraseSlotAad(checked, checked.created, passphrase.kdf))
  if (syncKey === null) throw wrong
  return syncKey
}

async function wrap(kek: CryptoKey, raw: Uint8Array, aad: Uint8Array): Promise<RecoverySlot> {
  const nonce = randomBytes(NONCE_BYTES)
  const wrapped = await gcmEncrypt(kek, nonce, raw, aad)
  return { nonce: bytesToBase64(nonce), wrappedKey: bytesToBase64(wrapped) }
}

/** The sync key, or null when the KEK does not authenticate the slot. */
async function unwrap(kek: CryptoKey, slot: RecoverySlot, aad: Uint8Array): Promise<SyncKey | null> {
  const nonce = base64ToBytes(slot.nonce)
  const wrapped = base64ToBytes(slot.wrappedKey)
  if (nonce === null || wrapped === null) throw new KeyfobError('SYNC_HEADER_CORRUPT', 'Sync header: a slot is not valid base64.')
  const raw = await gcmDecrypt(kek, nonce, wrapped, aad)
  if (raw === null) return null
  try {
    if (raw.length !== KEY_BYTES) throw new KeyfobError('SYNC_HEADER_CORRUPT', 'Sync header: a slot does not hold a 32-byte key.')
    return await syncKeyFromRaw(raw)
  } finally {
    raw.fill(0)
  }
}

async function recoveryKek(recoveryKey: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', recoveryKey, 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: RECOVERY_INFO },
    ikm,
    { name: 'AES-GCM', length: KEY_BYTES * 8 },
    false,
    ['encrypt', 'decrypt'],
  )
}
