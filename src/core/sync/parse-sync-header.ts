/**
 * Validates a value fetched from the server as a sync header and returns it typed. The server is
 * never trusted: every field is checked for type, length and bounds, including the vault's Argon2
 * ceiling (argon2-params.ts), before any cryptography runs, so a hostile header cannot make the
 * service worker allocate gigabytes or spin for minutes. SYNC_TOO_NEW for a later format version,
 * SYNC_HEADER_CORRUPT naming the field for anything else.
 */
import { KeyfobError } from '../errors.ts'
import { KEY_BYTES, NONCE_BYTES, TAG_BYTES } from '../vault/aes-gcm.ts'
import { argon2ParamsProblem, MAX_SALT_BYTES, MIN_SALT_BYTES } from '../vault/argon2-params.ts'
import { base64ToBytes } from '../vault/base64.ts'
import type { StoredArgon2id } from '../vault/envelope.ts'
import type { Fail } from '../vault/shape.ts'
import { expectInteger, expectKeys, expectRecord, expectString, expectUuid } from '../vault/shape.ts'
import type { PassphraseSlot, RecoverySlot, SyncHeader } from './sync-format.ts'
import { SYNC_FORMAT, SYNC_VERSION } from './sync-format.ts'

const fail: Fail = (message) => {
  throw new KeyfobError('SYNC_HEADER_CORRUPT', `Sync header: ${message}`)
}

export function parseSyncHeader(value: unknown): SyncHeader {
  const obj = expectRecord(value, 'the header', fail)
  if (obj['format'] !== SYNC_FORMAT) fail(`format must be '${SYNC_FORMAT}'.`)
  const version = expectInteger(obj['version'], 'version', 1, Number.MAX_SAFE_INTEGER, fail)
  if (version > SYNC_VERSION) {
    throw new KeyfobError(
      'SYNC_TOO_NEW',
      `The sync data has format version ${version}; this version of Keyfob reads up to ${SYNC_VERSION}.`,
    )
  }
  expectKeys(obj, 'the header', ['format', 'version', 'spaceId', 'created', 'slots'], [], fail)
  const spaceId = expectUuid(obj['spaceId'], 'spaceId', fail)
  const created = expectInteger(obj['created'], 'created', 0, Number.MAX_SAFE_INTEGER, fail)
  const slots = expectRecord(obj['slots'], 'slots', fail)
  expectKeys(slots, 'slots', ['passphrase', 'recovery'], [], fail)
  return {
    format: SYNC_FORMAT,
    version: SYNC_VERSION,
    spaceId,
    created,
    slots: { passphrase: parsePassphraseSlot(slots['passphrase']), recovery: parseRecoverySlot(slots['recovery']) },
  }
}

function parsePassphraseSlot(value: unknown): PassphraseSlot {
  const path = 'slots.passphrase'
  const obj = expectRecord(value, path, fail)
  expectKeys(obj, path, ['kdf', 'nonce', 'wrappedKey'], [], fail)
  return { kdf: parseKdf(obj['kdf'], `${path}.kdf`), ...parseWrapped(obj, path) }
}

function parseRecoverySlot(value: unknown): RecoverySlot {
  const path = 'slots.recovery'
  const obj = expectRecord(value, path, fail)
  expectKeys(obj, path, ['nonce', 'wrappedKey'], [], fail)
  return parseWrapped(obj, path)
}

function parseWrapped(obj: Record<string, unknown>, path: string): RecoverySlot {
  return {
    nonce: expectBytes(obj['nonce'], `${path}.nonce`, NONCE_BYTES, NONCE_BYTES),
    wrappedKey: expectBytes(obj['wrappedKey'], `${path}.wrappedKey`, KEY_BYTES + TAG_BYTES, KEY_BYTES + TAG_BYTES),
  }
}

/** As the vault's password slot (parse-envelope.ts): Argon2id v1.3 within the reading bounds. */
function parseKdf(value: unknown, path: string): StoredArgon2id {
  const obj = expectRecord(value, path, fail)
  expectKeys(obj, path, ['algorithm', 'version', 'memoryKiB', 'iterations', 'parallelism', 'salt'], [], fail)
  if (obj['algorithm'] !== 'argon2id') fail(`${path}.algorithm must be 'argon2id'.`)
  if (obj['version'] !== 19) fail(`${path}.version must be 19 (Argon2 v1.3).`)
  const memoryKiB = expectInteger(obj['memoryKiB'], `${path}.memoryKiB`, 1, Number.MAX_SAFE_INTEGER, fail)
  const iterations = expectInteger(obj['iterations'], `${path}.iterations`, 1, Number.MAX_SAFE_INTEGER, fail)
  const parallelism = expectInteger(obj['parallelism'], `${path}.parallelism`, 1, Number.MAX_SAFE_INTEGER, fail)
  const problem = argon2ParamsProblem({ memoryKiB, iterations, parallelism })
  if (problem !== null) fail(`${path}: ${problem}.`)
  const salt = expectBytes(obj['salt'], `${path}.salt`, MIN_SALT_BYTES, MAX_SALT_BYTES)
  return { algorithm: 'argon2id', version: 19, memoryKiB, iterations, parallelism, salt }
}

/** Checks canonical base64 and the decoded length; returns the string unchanged. */
function expectBytes(value: unknown, path: string, min: number, max: number): string {
  const bytes = base64ToBytes(expectString(value, path, fail))
  if (bytes === null) fail(`${path} is not canonical base64.`)
  if (bytes.length < min || bytes.length > max) {
    fail(min === max ? `${path} must be ${min} bytes.` : `${path} must be ${min} to ${max} bytes.`)
  }
  return value as string
}
