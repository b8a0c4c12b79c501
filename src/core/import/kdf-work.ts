/**
 * Key-derivation work in one unit across the KDFs importers run, so that the
 * total a file can ask for is bounded (limits.ts MAX_KDF_WORK_PER_FILE), not only
 * each derivation. A unit is about 1 µs of derivation, measured in Node 20 on the
 * development machine (hash-wasm for Argon2id and scrypt, WebCrypto for PBKDF2):
 *
 * - Argon2: one 1 KiB block filled once, so memory (KiB) × passes; lanes are part
 *   of the memory, and hash-wasm fills them one after another (≈ 0.9–1.2 µs each).
 * - scrypt: ROMix writes 128·N·r bytes and reads them back, p times: 2·128·N·r·p
 *   bytes, one unit per KiB (≈ 1.1 µs each).
 * - PBKDF2: one iteration is two HMAC compressions, ≈ 0.2 µs (SHA-256) to
 *   0.5 µs (SHA-1) in WebCrypto: half a unit, rounding up the slower hash.
 */
import { KeyfobError } from '../errors.ts'
import type { Argon2Params, ScryptParams } from './kdf.ts'
import { MAX_KDF_WORK_PER_FILE } from './limits.ts'

export const argon2Work = ({ memoryKiB, iterations }: Argon2Params): number => memoryKiB * iterations
export const scryptWork = ({ n, r, p }: ScryptParams): number => (2 * 128 * n * r * p) / 1024
export const pbkdf2Work = (iterations: number): number => iterations / 2

const count = (x: number) => Math.ceil(x).toLocaleString('en-US')

/**
 * Throws INVALID_FILE, naming the limit, when the derivations a file asks for
 * (`works`, one per `what`: "password slots", "key records") add up to more than
 * one file may cost. Call it with every derivation a wrong password would run,
 * before the first one runs.
 */
export function checkFileKdfWork(works: readonly number[], what: string): void {
  const total = works.reduce((sum, w) => sum + w, 0)
  if (total <= MAX_KDF_WORK_PER_FILE) return
  throw new KeyfobError(
    'INVALID_FILE',
    `The file's ${works.length} ${what} together ask for ${count(total)} units of key-derivation work; ` +
      `the limit per file is ${count(MAX_KDF_WORK_PER_FILE)} (about ${Math.round(MAX_KDF_WORK_PER_FILE / 1e6)} seconds). ` +
      'Refusing to run the key derivation.',
  )
}
