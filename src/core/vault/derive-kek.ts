/**
 * Password → key-encryption key (KEK) with Argon2id (RFC 9106), its wasm read on first use (argon2id.ts)
 * and its code too: a worker that resumes from storage.session never runs the KDF, so it does not
 * parse it at start (issue #15; scripts/classic-service-worker.mjs makes import() lazy in Chromium's worker).
 */
import { KeyfobError } from '../errors.ts'
import { importAesKey, KEY_BYTES } from './aes-gcm.ts'
import { argon2ParamsProblem } from './argon2-params.ts'
import { base64ToBytes } from './base64.ts'
import type { StoredArgon2id } from './envelope.ts'

const encoder = new TextEncoder()

/**
 * Passwords are NFKC-normalised before hashing (NIST SP 800-63B §5.1.1.2), so the
 * same password typed on another OS or keyboard layout, which may compose "é"
 * differently, still opens the vault. Fixed by envelope version 1.
 */
function passwordBytes(password: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(password.normalize('NFKC'))
}

/**
 * Derives the non-extractable AES-256-GCM KEK of a password slot. The bounds are
 * checked again here (parseEnvelope checks them first) so that no code path can
 * run the KDF on hostile parameters.
 */
export async function deriveKek(password: string, kdf: StoredArgon2id): Promise<CryptoKey> {
  const problem = argon2ParamsProblem(kdf)
  const salt = base64ToBytes(kdf.salt)
  if (problem !== null || salt === null) {
    throw new KeyfobError('VAULT_CORRUPT', `Stored vault: the password slot's KDF parameters are invalid (${problem ?? 'salt'}).`)
  }
  const pw = passwordBytes(password)
  let kekBytes: Uint8Array
  try {
    const { argon2id } = await import('./argon2id.ts')
    kekBytes = await argon2id({
      password: pw,
      salt,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      memoryKiB: kdf.memoryKiB,
      hashLength: KEY_BYTES,
    })
  } catch (e) {
    // Plain Errors: the wasm could not be read, or its memory cannot grow.
    pw.fill(0)
    throw new KeyfobError('INTERNAL', 'Argon2id failed.', { cause: e })
  }
  try {
    return await importAesKey(kekBytes, false)
  } finally {
    // Best effort: JS gives no guarantee, but no need to leave copies lying about.
    pw.fill(0)
    kekBytes.fill(0)
  }
}
