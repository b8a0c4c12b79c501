import { KeyfobError } from '../errors.ts'
import { NONCE_BYTES, KEY_BYTES, TAG_BYTES } from './aes-gcm.ts'
import { argon2ParamsProblem, MAX_SALT_BYTES, MIN_SALT_BYTES } from './argon2-params.ts'
import { canonicalBase64Length } from './base64.ts'
import type { DeviceSlot, PasskeySlot, PasswordSlot, Slot, StoredArgon2id, VaultEnvelope } from './envelope.ts'
import { PASSKEY_LIMITS, passkeyNameProblem } from './passkey-slot.ts'
import { ENVELOPE_VERSION, VAULT_FORMAT } from './envelope.ts'
import type { Fail } from './shape.ts'
import { expectArray, expectInteger, expectKeys, expectOneOf, expectRecord, expectString, expectUuid } from './shape.ts'

/**
 * Upper bound on the ciphertext's base64 length (48 MiB ≈ 36 MiB of data): far
 * above any real vault, low enough that a hostile value is refused before it is
 * decoded. Chrome's storage.local holds 10 MiB without `unlimitedStorage`.
 */
const MAX_CIPHERTEXT_BASE64 = 48 * 1024 * 1024

/** One password, one device and the passkey slots. */
const MAX_SLOTS = PASSKEY_LIMITS.maxSlots + 2

const fail: Fail = (message) => {
  throw new KeyfobError('VAULT_CORRUPT', `Stored vault: ${message}`)
}

/**
 * Validates a value read from storage as a vault envelope and returns it typed.
 * Storage is never trusted: every field is checked for type, length and bounds
 * (including the Argon2 ceiling, so no KDF is ever run on hostile parameters)
 * before any cryptography runs. Throws VAULT_TOO_NEW for a later envelope
 * version and VAULT_CORRUPT, naming the field, for anything else.
 */
export function parseEnvelope(value: unknown): VaultEnvelope {
  const obj = expectRecord(value, 'the vault', fail)
  if (obj['format'] !== VAULT_FORMAT) fail(`format must be '${VAULT_FORMAT}'.`)
  const version = expectInteger(obj['version'], 'version', 1, Number.MAX_SAFE_INTEGER, fail)
  if (version > ENVELOPE_VERSION) {
    throw new KeyfobError(
      'VAULT_TOO_NEW',
      `The vault has envelope version ${version}; this version of Keyfob reads up to ${ENVELOPE_VERSION}.`,
    )
  }
  expectKeys(obj, 'the vault', ['format', 'version', 'generation', 'slots', 'nonce', 'ciphertext'], [], fail)
  const generation = expectInteger(obj['generation'], 'generation', 0, Number.MAX_SAFE_INTEGER, fail)
  const rawSlots = expectArray(obj['slots'], 'slots', fail)
  if (rawSlots.length > MAX_SLOTS) fail('there are too many slots.')
  const slots = rawSlots.map((s, i) => parseSlot(s, `slots[${i}]`))
  checkSlotSet(slots)
  const nonce = expectBytes(obj['nonce'], 'nonce', NONCE_BYTES, NONCE_BYTES)
  const ciphertext = expectString(obj['ciphertext'], 'ciphertext', fail)
  if (ciphertext.length > MAX_CIPHERTEXT_BASE64) fail('ciphertext is too large.')
  expectBytes(ciphertext, 'ciphertext', TAG_BYTES, Infinity)
  return { format: VAULT_FORMAT, version: ENVELOPE_VERSION, generation, slots, nonce, ciphertext }
}

function parseSlot(value: unknown, path: string): Slot {
  const obj = expectRecord(value, path, fail)
  const type = expectOneOf(obj['type'], `${path}.type`, ['password', 'device', 'passkey'], fail)
  const common = ['type', 'id', 'nonce', 'wrappedKey']
  const extra = { password: ['kdf'], device: [], passkey: ['credentialId', 'name', 'createdAt', 'salt'] }[type]
  expectKeys(obj, path, [...common, ...extra], [], fail)
  const id = expectUuid(obj['id'], `${path}.id`, fail)
  const nonce = expectBytes(obj['nonce'], `${path}.nonce`, NONCE_BYTES, NONCE_BYTES)
  const wrappedKey = expectBytes(obj['wrappedKey'], `${path}.wrappedKey`, KEY_BYTES + TAG_BYTES, KEY_BYTES + TAG_BYTES)
  if (type === 'device') return { type, id, nonce, wrappedKey } satisfies DeviceSlot
  if (type === 'passkey') {
    const { minCredentialIdBytes, maxCredentialIdBytes, maxNameLength, saltBytes } = PASSKEY_LIMITS
    // The length check comes before decoding, so a hostile value is refused cheaply.
    if (typeof obj['credentialId'] === 'string' && obj['credentialId'].length > 4 * Math.ceil(maxCredentialIdBytes / 3)) {
      fail(`${path}.credentialId is too long.`)
    }
    const credentialId = expectBytes(obj['credentialId'], `${path}.credentialId`, minCredentialIdBytes, maxCredentialIdBytes)
    const name = expectString(obj['name'], `${path}.name`, fail)
    if (name.length > maxNameLength * 2) fail(`${path}.name is too long.`)
    const problem = passkeyNameProblem(name)
    if (problem !== null) fail(`${path}.name ${problem}.`)
    const createdAt = expectInteger(obj['createdAt'], `${path}.createdAt`, 0, Number.MAX_SAFE_INTEGER, fail)
    const salt = expectBytes(obj['salt'], `${path}.salt`, saltBytes, saltBytes)
    return { type, id, credentialId, name, createdAt, salt, nonce, wrappedKey } satisfies PasskeySlot
  }
  const kdf = parseKdf(obj['kdf'], `${path}.kdf`)
  return { type, id, kdf, nonce, wrappedKey } satisfies PasswordSlot
}

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

/**
 * At least one slot (or nothing could open the vault), at most one password and one device
 * slot, up to PASSKEY_LIMITS.maxSlots passkey slots each for another credential, unique ids.
 */
function checkSlotSet(slots: readonly Slot[]): void {
  if (slots.length === 0) fail('slots is empty, so nothing can open the vault.')
  const seenTypes = new Set<string>()
  const seenIds = new Set<string>()
  const seenCredentials = new Set<string>()
  for (const slot of slots) {
    if (slot.type === 'passkey') {
      if (seenCredentials.has(slot.credentialId)) fail('a passkey appears in two slots.')
      seenCredentials.add(slot.credentialId)
    } else if (seenTypes.has(slot.type)) fail(`there is more than one ${slot.type} slot.`)
    if (seenIds.has(slot.id)) fail(`slot id ${slot.id} appears twice.`)
    seenTypes.add(slot.type)
    seenIds.add(slot.id)
  }
  if (seenCredentials.size > PASSKEY_LIMITS.maxSlots) fail(`there are more than ${PASSKEY_LIMITS.maxSlots} passkey slots.`)
}

/** Checks canonical base64 and the decoded length, without decoding (issue #15); returns the string unchanged. */
function expectBytes(value: unknown, path: string, min: number, max: number): string {
  const text = expectString(value, path, fail)
  const length = canonicalBase64Length(text)
  if (length === null) fail(`${path} is not canonical base64.`)
  if (length < min || length > max) {
    fail(min === max ? `${path} must be ${min} bytes.` : `${path} must be ${min} to ${max} bytes.`)
  }
  return text
}
