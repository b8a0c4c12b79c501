/**
 * Validates a value fetched from the server as a stored record (sync-format.ts) before any
 * cryptography runs; SYNC_RECORD_CORRUPT naming the field for anything else.
 */
import { KeyfobError } from '../errors.ts'
import { NONCE_BYTES, TAG_BYTES } from '../vault/aes-gcm.ts'
import { base64ToBytes } from '../vault/base64.ts'
import type { Fail } from '../vault/shape.ts'
import { expectBoolean, expectKeys, expectRecord, expectString, expectUuid } from '../vault/shape.ts'
import { parseHlc } from './parse-hlc.ts'
import type { StoredRecord } from './sync-format.ts'

/** The largest plaintext a record may hold (pad-record.ts's last bucket). */
export const MAX_RECORD_PLAINTEXT = 64 * 1024

const fail: Fail = (message) => {
  throw new KeyfobError('SYNC_RECORD_CORRUPT', `Synced record: ${message}`)
}

export function parseStoredRecord(value: unknown): StoredRecord {
  const obj = expectRecord(value, 'the record', fail)
  expectKeys(obj, 'the record', ['id', 'version', 'deleted', 'nonce', 'ciphertext'], [], fail)
  const id = expectUuid(obj['id'], 'id', fail)
  const version = parseHlc(obj['version'], 'version', fail)
  const deleted = expectBoolean(obj['deleted'], 'deleted', fail)
  const nonce = expectString(obj['nonce'], 'nonce', fail)
  if (base64ToBytes(nonce)?.length !== NONCE_BYTES) fail(`nonce must be ${NONCE_BYTES} bytes of canonical base64.`)
  const ciphertext = expectString(obj['ciphertext'], 'ciphertext', fail)
  // Refused before decoding: no hostile megabytes are ever decoded.
  if (ciphertext.length > Math.ceil((MAX_RECORD_PLAINTEXT + TAG_BYTES) / 3) * 4) fail('ciphertext is too large.')
  const bytes = base64ToBytes(ciphertext)
  if (bytes === null || bytes.length <= TAG_BYTES) fail('ciphertext must be canonical base64, longer than the tag.')
  return { id, version, deleted, nonce, ciphertext }
}
