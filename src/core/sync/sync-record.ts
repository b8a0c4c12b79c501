/**
 * One account as one encrypted record (docs/sync.md, "Records"): AES-256-GCM under the sync key,
 * a fresh random 96-bit nonce per write, and AAD binding the sync space, the record id, its
 * version and its deleted flag. The plaintext is the state's JSON padded to a bucket (pad-record.ts).
 */
import type { ErrorCode } from '../errors.ts'
import { KeyfobError } from '../errors.ts'
import { gcmDecrypt, gcmEncrypt, NONCE_BYTES, randomBytes } from '../vault/aes-gcm.ts'
import { base64ToBytes, bytesToBase64 } from '../vault/base64.ts'
import type { Fail } from '../vault/shape.ts'
import { expectUuid } from '../vault/shape.ts'
import { padRecord } from './pad-record.ts'
import { parseRecordState } from './parse-record-state.ts'
import { parseStoredRecord } from './parse-stored-record.ts'
import { compareHlc } from './hlc.ts'
import { recordClock } from './record-clock.ts'
import { recordAad } from './sync-aad.ts'
import type { StoredRecord, SyncSpace } from './sync-format.ts'
import { SYNC_VERSION } from './sync-format.ts'
import { assertSyncKey } from './sync-key.ts'
import type { AccountState, Hlc, Tombstone } from './sync-state.ts'

/**
 * The record to upload for `state`. The state is validated as a reader would (INVALID_PARAMETER
 * otherwise), so no device is ever sent a record it would refuse; `version` and `deleted` are
 * computed from it, never taken from the caller.
 */
export async function sealRecord(key: CryptoKey, space: SyncSpace, state: AccountState | Tombstone): Promise<StoredRecord> {
  assertSyncKey(key)
  checkSpace(space)
  const fail: Fail = failWith('INVALID_PARAMETER')
  let json: unknown
  try {
    json = JSON.parse(JSON.stringify(state))
  } catch (e) {
    // A bigint counter or a cycle from an untyped caller.
    throw new KeyfobError('INVALID_PARAMETER', 'Synced record: the state is not plain JSON.', { cause: e })
  }
  const valid = parseRecordState(json, fail)
  const version = recordClock(valid)
  const deleted = valid.deleted.value
  const plaintext = padRecord(JSON.stringify(valid))
  const nonce = randomBytes(NONCE_BYTES)
  try {
    const ciphertext = await gcmEncrypt(key, nonce, plaintext, recordAad(space, valid.id, version, deleted))
    return { id: valid.id, version, deleted, nonce: bytesToBase64(nonce), ciphertext: bytesToBase64(ciphertext) }
  } finally {
    plaintext.fill(0)
  }
}

/**
 * The state in a stored record, after checking its shape, its authentication under `key` with
 * this space's AAD, and that its id, version and deleted flag are the plaintext's own.
 * SYNC_RECORD_CORRUPT for any failure: a changed byte, a record moved to another id, a changed
 * flag or version, a record of another sync space or key (AES-GCM cannot tell these apart).
 */
export async function openRecord(key: CryptoKey, space: SyncSpace, stored: StoredRecord): Promise<AccountState | Tombstone> {
  assertSyncKey(key)
  checkSpace(space)
  const record = parseStoredRecord(stored)
  const fail: Fail = failWith('SYNC_RECORD_CORRUPT')
  const plaintext = await gcmDecrypt(
    key,
    base64ToBytes(record.nonce) ?? fail('nonce is not base64.'),
    base64ToBytes(record.ciphertext) ?? fail('ciphertext is not base64.'),
    recordAad(space, record.id, record.version, record.deleted),
  )
  if (plaintext === null) {
    fail(`record ${record.id} fails authentication (altered, moved, or not of this sync space).`)
  }
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext))
  } catch (e) {
    throw new KeyfobError('SYNC_RECORD_CORRUPT', `Synced record: ${record.id} is not UTF-8 JSON.`, { cause: e })
  } finally {
    plaintext.fill(0)
  }
  const state = parseRecordState(json, fail)
  // Authenticated, so only a device holding the sync key could have written a mismatch: still refused.
  if (state.id !== record.id) fail(`record ${record.id} holds account ${state.id}.`)
  if (state.deleted.value !== record.deleted) fail(`record ${record.id}'s deleted flag disagrees with its content.`)
  if (compareHlc(recordClock(state), record.version) !== 0) {
    fail(`record ${record.id}'s version is not the greatest clock in it.`)
  }
  return state
}

/**
 * Whether `stored` is older than a version of the same record already seen: a server replaying
 * an old copy (a rollback). Equal is not a replay (the same write). The stored version is
 * authenticated only by openRecord: call this on a record that opened, or use it before opening
 * only to skip work (a forged newer version then fails openRecord).
 */
export function isReplay(stored: Pick<StoredRecord, 'version'>, knownVersion: Hlc | undefined): boolean {
  return knownVersion !== undefined && compareHlc(stored.version, knownVersion) < 0
}

function checkSpace(space: SyncSpace): void {
  const fail: Fail = failWith('INVALID_PARAMETER')
  // Typed callers cannot pass another version; untyped ones (a stored header's copy) might.
  const version: unknown = space.version
  if (version !== SYNC_VERSION) fail(`the sync format version must be ${SYNC_VERSION}.`)
  expectUuid(space.spaceId, 'the sync space id', fail)
}

function failWith(code: ErrorCode): Fail {
  return (message) => {
    throw new KeyfobError(code, `Synced record: ${message}`)
  }
}
