/**
 * Writes the encrypted Keyfob backup (docs/backup-format.md): every account
 * with every field, so that a fresh install restores exactly what was exported.
 */
import { KeyfobError } from '../errors.ts'
import { gcmEncrypt, importAesKey, KEY_BYTES, NONCE_BYTES, randomBytes } from '../vault/aes-gcm.ts'
import type { Argon2Params } from '../vault/argon2-params.ts'
import { argon2ParamsProblem, DEFAULT_ARGON2, newArgon2ParamsProblem } from '../vault/argon2-params.ts'
import { bytesToBase64 } from '../vault/base64.ts'
import { serializeContent } from '../vault/content-codec.ts'
import { deriveKek } from '../vault/derive-kek.ts'
import { newStoredArgon2id } from '../vault/new-stored-argon2id.ts'
import { passwordStrength } from '../vault/password-strength.ts'
import type { VaultContent } from '../vault/vault-content.ts'
import {
  BACKUP_FORMAT,
  BACKUP_PAD_BYTES,
  BACKUP_VERSION,
  contentAad,
  keyAad,
  type BackupHeader,
  type KeyfobBackup,
} from './keyfob-backup-format.ts'

export interface KeyfobBackupOptions {
  /** Argon2id cost; default the vault's (64 MiB, t = 3, p = 1). Held to the vault's floor for new slots. */
  kdf?: Argon2Params
  /**
   * TESTS ONLY. Lets `kdf` go below the OWASP floor (down to Argon2's own
   * minimum) so that tests can run hundreds of round trips quickly. Production
   * code never passes it; a backup written with it is as weak as its parameters.
   */
  insecureKdfForTests?: boolean
  /** The time written as `createdAt` (Unix ms); default now. */
  now?: number
}

const SPACE = 0x20

/**
 * Returns the backup as JSON text. Throws WEAK_PASSWORD for a password the
 * vault would refuse (passwordStrength score 0), INVALID_PARAMETER for KDF
 * parameters under the floor or `content` the vault itself would refuse (the
 * vault's own validator runs on it, so Keyfob never writes a backup it cannot
 * read back).
 */
export async function exportKeyfobBackup(content: VaultContent, password: string, opts: KeyfobBackupOptions = {}): Promise<string> {
  const strength = passwordStrength(password)
  if (strength.score === 0) {
    throw new KeyfobError('WEAK_PASSWORD', `The backup password is too weak (${strength.hint}).`)
  }
  const params = opts.kdf ?? DEFAULT_ARGON2
  const problem = opts.insecureKdfForTests === true ? argon2ParamsProblem(params) : newArgon2ParamsProblem(params)
  if (problem !== null) throw new KeyfobError('INVALID_PARAMETER', `Argon2 parameters: ${problem}.`)
  const now = opts.now ?? Date.now()
  if (!Number.isFinite(now) || now < 0) throw new KeyfobError('INVALID_PARAMETER', 'The backup time must be a valid date.')

  // Settings are not part of a backup: Keyfob keeps them outside the vault.
  const json = serializeContent({ schemaVersion: content.schemaVersion, accounts: content.accounts })
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date(now).toISOString(),
    kdf: newStoredArgon2id(params),
  }

  const kek = await deriveKek(password, header.kdf)
  const rawKey = randomBytes(KEY_BYTES)
  const keyNonce = randomBytes(NONCE_BYTES)
  const nonce = randomBytes(NONCE_BYTES)
  let wrappedKey: Uint8Array
  let ciphertext: Uint8Array
  const plaintext = pad(new TextEncoder().encode(json))
  try {
    wrappedKey = await gcmEncrypt(kek, keyNonce, rawKey, keyAad(header))
    const contentKey = await importAesKey(rawKey, false)
    ciphertext = await gcmEncrypt(contentKey, nonce, plaintext, contentAad(header))
  } finally {
    // Best effort, as in the vault: JS cannot promise that no copy remains.
    rawKey.fill(0)
    plaintext.fill(0)
  }
  const backup: KeyfobBackup = {
    ...header,
    keyNonce: bytesToBase64(keyNonce),
    wrappedKey: bytesToBase64(wrappedKey),
    nonce: bytesToBase64(nonce),
    ciphertext: bytesToBase64(ciphertext),
  }
  return `${JSON.stringify(backup, null, 2)}\n`
}

/** Spaces (ignored by JSON) up to a multiple of BACKUP_PAD_BYTES, so the size shows little. */
function pad(text: Uint8Array): Uint8Array<ArrayBuffer> {
  const padded = new Uint8Array(Math.max(1, Math.ceil(text.length / BACKUP_PAD_BYTES)) * BACKUP_PAD_BYTES).fill(SPACE)
  padded.set(text)
  text.fill(0)
  return padded
}
