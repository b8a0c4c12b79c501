/**
 * Strict validation of a Keyfob backup file before any cryptography runs: a
 * backup comes from outside (a download folder, a cloud drive, an e-mail), so
 * every field is checked for type, length and bounds, including the vault's
 * Argon2 reading ceiling, so that a hostile file cannot make the service worker
 * allocate gigabytes or spin for minutes (docs/backup-format.md).
 */
import { KeyfobError } from '../errors.ts'
import { KEY_BYTES, NONCE_BYTES, TAG_BYTES } from '../vault/aes-gcm.ts'
import { argon2ParamsProblem, MAX_SALT_BYTES, MIN_SALT_BYTES } from '../vault/argon2-params.ts'
import { base64ToBytes } from '../vault/base64.ts'
import type { StoredArgon2id } from '../vault/envelope.ts'
import type { Fail } from '../vault/shape.ts'
import { expectInteger, expectKeys, expectRecord, expectString } from '../vault/shape.ts'
import { BACKUP_FORMAT, BACKUP_VERSION, type KeyfobBackup } from './keyfob-backup-format.ts'

const fail: Fail = (message) => {
  throw new KeyfobError('INVALID_FILE', `Invalid Keyfob backup: ${message}`)
}

const KEYS = ['format', 'version', 'createdAt', 'kdf', 'keyNonce', 'wrappedKey', 'nonce', 'ciphertext'] as const
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** True when `value` claims to be a Keyfob backup (for format detection; not a validation). */
export function isKeyfobBackupJson(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.hasOwn(value, 'format') &&
    (value as { format: unknown }).format === BACKUP_FORMAT
  )
}

/**
 * Returns the file typed, or throws: UNSUPPORTED_FORMAT when it is not a
 * Keyfob backup or was written by a newer Keyfob, INVALID_FILE (naming the
 * field) for anything malformed.
 */
export function parseKeyfobBackup(value: unknown): KeyfobBackup {
  if (!isKeyfobBackupJson(value)) {
    throw new KeyfobError('UNSUPPORTED_FORMAT', `The file is not a Keyfob backup (its format is not '${BACKUP_FORMAT}').`)
  }
  const obj = expectRecord(value, 'the file', fail)
  const version = expectInteger(obj['version'], 'version', 1, Number.MAX_SAFE_INTEGER, fail)
  if (version > BACKUP_VERSION) {
    throw new KeyfobError(
      'UNSUPPORTED_FORMAT',
      `This backup has version ${version}; this version of Keyfob reads up to ${BACKUP_VERSION}. Update Keyfob to restore it.`,
    )
  }
  expectKeys(obj, 'the file', KEYS, [], fail)
  const createdAt = expectString(obj['createdAt'], 'createdAt', fail)
  if (!ISO_UTC.test(createdAt) || !isCanonicalDate(createdAt)) fail('createdAt must be an ISO 8601 UTC timestamp.')
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt,
    kdf: parseKdf(obj['kdf']),
    keyNonce: expectBytes(obj['keyNonce'], 'keyNonce', NONCE_BYTES, NONCE_BYTES),
    wrappedKey: expectBytes(obj['wrappedKey'], 'wrappedKey', KEY_BYTES + TAG_BYTES, KEY_BYTES + TAG_BYTES),
    nonce: expectBytes(obj['nonce'], 'nonce', NONCE_BYTES, NONCE_BYTES),
    ciphertext: expectBytes(obj['ciphertext'], 'ciphertext', TAG_BYTES, Infinity),
  }
}

function isCanonicalDate(text: string): boolean {
  const time = Date.parse(text)
  return Number.isFinite(time) && new Date(time).toISOString() === text
}

/** The vault's reading bounds (argon2-params.ts), not the floor for new slots. */
function parseKdf(value: unknown): StoredArgon2id {
  const obj = expectRecord(value, 'kdf', fail)
  expectKeys(obj, 'kdf', ['algorithm', 'version', 'memoryKiB', 'iterations', 'parallelism', 'salt'], [], fail)
  if (obj['algorithm'] !== 'argon2id') fail(`kdf.algorithm must be 'argon2id'.`)
  if (obj['version'] !== 19) fail('kdf.version must be 19 (Argon2 v1.3).')
  const memoryKiB = expectInteger(obj['memoryKiB'], 'kdf.memoryKiB', 1, Number.MAX_SAFE_INTEGER, fail)
  const iterations = expectInteger(obj['iterations'], 'kdf.iterations', 1, Number.MAX_SAFE_INTEGER, fail)
  const parallelism = expectInteger(obj['parallelism'], 'kdf.parallelism', 1, Number.MAX_SAFE_INTEGER, fail)
  const problem = argon2ParamsProblem({ memoryKiB, iterations, parallelism })
  if (problem !== null) fail(`kdf: ${problem}.`)
  const salt = expectBytes(obj['salt'], 'kdf.salt', MIN_SALT_BYTES, MAX_SALT_BYTES)
  return { algorithm: 'argon2id', version: 19, memoryKiB, iterations, parallelism, salt }
}

/** Canonical base64 of `min`–`max` bytes; returns the text unchanged. */
function expectBytes(value: unknown, path: string, min: number, max: number): string {
  const text = expectString(value, path, fail)
  const bytes = base64ToBytes(text)
  if (bytes === null) fail(`${path} is not canonical base64.`)
  if (bytes.length < min || bytes.length > max) {
    if (min === max) fail(`${path} must be ${min} bytes.`)
    fail(max === Infinity ? `${path} must be at least ${min} bytes.` : `${path} must be ${min} to ${max} bytes.`)
  }
  return text
}
