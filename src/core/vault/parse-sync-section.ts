/**
 * Strict validation of the vault's sync section (vault-content.ts's SyncSection). Like the rest
 * of the content codec it runs on read and on write, so the engine can never store a section it
 * would refuse to open. Every size is bounded: the section is decrypted at every unlock, and a
 * damaged or hostile one must not make that cost unbounded.
 */
import { isKeyfobError } from '../errors.ts'
import { encodeRecoveryKey, parseRecoveryKey } from '../sync/recovery-key.ts'
import { parseHlc } from '../sync/parse-hlc.ts'
import { parseRecordState } from '../sync/parse-record-state.ts'
import type { SyncRecord } from '../sync/sync-state.ts'
import { KEY_BYTES } from './aes-gcm.ts'
import { base64ToBytes } from './base64.ts'
import type { Fail } from './shape.ts'
import { expectArray, expectInteger, expectKeys, expectOneOf, expectRecord, expectString, expectUuid } from './shape.ts'
import type { RemoteSeen, SyncPlace, SyncSection } from './vault-content.ts'

/** Far beyond any person's accounts (browser sync storage holds about 35), yet a bound. */
export const MAX_SYNC_RECORDS = 10_000
const MAX_URL = 2048
const MAX_USER = 256
const MAX_PASSWORD = 1024
/** An HTTP entity tag (quoted, maybe weak) or a remote's own version text: printable ASCII. */
const ETAG = /^[\x20-\x7e]{1,256}$/
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/

const REQUIRED = ['place', 'spaceId', 'syncKey', 'deviceId', 'headerEtag', 'shadow', 'seen', 'pending'] as const
const OPTIONAL = ['recoveryKey', 'clock', 'lastSyncAt', 'lastBackupDay'] as const

/** Validates the section's JSON and returns a fresh copy. */
export function parseSyncSection(value: unknown, fail: Fail): SyncSection {
  const o = expectRecord(value, 'sync', fail)
  expectKeys(o, 'sync', REQUIRED, OPTIONAL, fail)
  const syncKey = expectString(o['syncKey'], 'sync.syncKey', fail)
  if (base64ToBytes(syncKey)?.length !== KEY_BYTES) fail(`sync.syncKey must be ${KEY_BYTES} bytes of canonical base64.`)
  const shadow = parseShadow(o['shadow'], fail)
  const section: SyncSection = {
    place: parsePlace(o['place'], fail),
    spaceId: expectUuid(o['spaceId'], 'sync.spaceId', fail),
    syncKey,
    deviceId: expectUuid(o['deviceId'], 'sync.deviceId', fail),
    headerEtag: parseEtag(o['headerEtag'], 'sync.headerEtag', fail),
    shadow,
    seen: parseSeen(o['seen'], fail),
    pending: parsePending(o['pending'], shadow, fail),
  }
  if (o['recoveryKey'] !== undefined) section.recoveryKey = parseKeptRecoveryKey(o['recoveryKey'], fail)
  if (o['clock'] !== undefined) section.clock = parseHlc(o['clock'], 'sync.clock', fail)
  if (o['lastSyncAt'] !== undefined) {
    section.lastSyncAt = expectInteger(o['lastSyncAt'], 'sync.lastSyncAt', 0, Number.MAX_SAFE_INTEGER, fail)
  }
  if (o['lastBackupDay'] !== undefined) {
    const day = expectString(o['lastBackupDay'], 'sync.lastBackupDay', fail)
    if (!DAY.test(day)) fail('sync.lastBackupDay must be a YYYY-MM-DD date.')
    section.lastBackupDay = day
  }
  return section
}

function parsePlace(value: unknown, fail: Fail): SyncPlace {
  const o = expectRecord(value, 'sync.place', fail)
  const kind = expectOneOf(o['kind'], 'sync.place.kind', ['webdav', 'browser'] as const, fail)
  if (kind === 'browser') {
    expectKeys(o, 'sync.place', ['kind'], [], fail)
    return { kind }
  }
  expectKeys(o, 'sync.place', ['kind', 'url', 'user', 'password'], [], fail)
  const url = bounded(o['url'], 'sync.place.url', MAX_URL, fail)
  let protocol = ''
  try {
    protocol = new URL(url).protocol
  } catch {
    fail('sync.place.url must be a URL.')
  }
  if (protocol !== 'https:' && protocol !== 'http:') fail('sync.place.url must be an http(s) URL.')
  return {
    kind,
    url,
    user: bounded(o['user'], 'sync.place.user', MAX_USER, fail),
    password: bounded(o['password'], 'sync.place.password', MAX_PASSWORD, fail),
  }
}

function parseShadow(value: unknown, fail: Fail): Record<string, SyncRecord> {
  const o = expectRecord(value, 'sync.shadow', fail)
  const entries = Object.entries(o)
  if (entries.length > MAX_SYNC_RECORDS) fail(`sync.shadow holds more than ${MAX_SYNC_RECORDS} records.`)
  const shadow: Record<string, SyncRecord> = {}
  for (const [id, json] of entries) {
    expectUuid(id, `sync.shadow key ${JSON.stringify(id.slice(0, 40))}`, fail)
    const record = parseRecordState(json, (message) => fail(`sync.shadow[${id}]: ${message}`))
    if (record.id !== id) fail(`sync.shadow[${id}] holds the record ${record.id}.`)
    shadow[id] = record
  }
  return shadow
}

function parseSeen(value: unknown, fail: Fail): Record<string, RemoteSeen> {
  const o = expectRecord(value, 'sync.seen', fail)
  const entries = Object.entries(o)
  // Files dropped here but not yet removed remotely stay seen a little longer than the shadow.
  if (entries.length > 2 * MAX_SYNC_RECORDS) fail(`sync.seen holds more than ${2 * MAX_SYNC_RECORDS} files.`)
  const seen: Record<string, RemoteSeen> = {}
  for (const [id, json] of entries) {
    expectUuid(id, `sync.seen key ${JSON.stringify(id.slice(0, 40))}`, fail)
    const entry = expectRecord(json, `sync.seen[${id}]`, fail)
    expectKeys(entry, `sync.seen[${id}]`, ['etag', 'version'], [], fail)
    seen[id] = {
      etag: parseEtag(entry['etag'], `sync.seen[${id}].etag`, fail),
      version: parseHlc(entry['version'], `sync.seen[${id}].version`, fail),
    }
  }
  return seen
}

function parsePending(value: unknown, shadow: Record<string, SyncRecord>, fail: Fail): string[] {
  const ids = expectArray(value, 'sync.pending', fail)
  if (ids.length > MAX_SYNC_RECORDS) fail(`sync.pending holds more than ${MAX_SYNC_RECORDS} ids.`)
  const unique = new Set<string>()
  for (const [i, v] of ids.entries()) {
    const id = expectUuid(v, `sync.pending[${i}]`, fail)
    // Only a record this device holds can be waiting to be written.
    if (!Object.hasOwn(shadow, id)) fail(`sync.pending[${i}] is not in sync.shadow.`)
    if (unique.has(id)) fail(`sync.pending lists ${id} twice.`)
    unique.add(id)
  }
  return [...unique]
}

/** Kept in the canonical grouped form, as shown: it is the backups' password, typed back as shown. */
function parseKeptRecoveryKey(value: unknown, fail: Fail): string {
  const text = expectString(value, 'sync.recoveryKey', fail)
  let canonical = ''
  try {
    const bytes = parseRecoveryKey(text)
    canonical = encodeRecoveryKey(bytes)
    bytes.fill(0)
  } catch (e) {
    if (!isKeyfobError(e)) throw e
  }
  if (canonical !== text) fail('sync.recoveryKey must be a recovery key in its grouped form.')
  return text
}

function parseEtag(value: unknown, path: string, fail: Fail): string {
  const etag = expectString(value, path, fail)
  if (!ETAG.test(etag)) fail(`${path} must be 1 to 256 printable ASCII characters.`)
  return etag
}

function bounded(value: unknown, path: string, max: number, fail: Fail): string {
  const text = expectString(value, path, fail)
  if (text.length > max) fail(`${path} is longer than ${max} characters.`)
  return text
}
