import { randomBytes } from './aes-gcm.ts'
import { SALT_BYTES, type Argon2Params } from './argon2-params.ts'
import { bytesToBase64 } from './base64.ts'
import type { StoredArgon2id } from './envelope.ts'

/**
 * The `kdf` of a new password slot or Keyfob backup (the backup stores the same
 * object, docs/backup-format.md): Argon2id v1.3 at `params` with a fresh salt,
 * so that no two of them derive the same KEK from the same password.
 */
export function newStoredArgon2id(params: Argon2Params): StoredArgon2id {
  return {
    algorithm: 'argon2id',
    version: 19,
    memoryKiB: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    salt: bytesToBase64(randomBytes(SALT_BYTES)),
  }
}
