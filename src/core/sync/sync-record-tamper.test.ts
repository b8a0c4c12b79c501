/**
 * Every change a server can make to a stored record must end in SYNC_RECORD_CORRUPT, never in a
 * different state: flipped bytes, a record moved to another id or sync space, and edits of the
 * fields bound as AAD. A device holding the sync key could write anything; a record whose sealed
 * fields disagree with its plaintext is refused all the same.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { gcmEncrypt, NONCE_BYTES, randomBytes } from '../vault/aes-gcm.ts'
import { base64ToBytes, bytesToBase64 } from '../vault/base64.ts'
import { recordAad } from './sync-aad.ts'
import type { StoredRecord } from './sync-format.ts'
import type { SyncKey } from './sync-key.ts'
import { newSyncKey } from './sync-key.ts'
import { openRecord, sealRecord } from './sync-record.ts'
import { expectCode } from '../../../test/support/vault-fixtures.ts'
import { DEVICE_B, hlc, OTHER_SPACE, sampleState, sampleTombstone, SPACE } from '../../../test/support/sync-fixtures.ts'

function flip(text: string, index: number, mask: number): string {
  const bytes = base64ToBytes(text) ?? new Uint8Array(0)
  bytes[index] = (bytes[index] ?? 0) ^ mask
  return bytesToBase64(bytes)
}

let syncKey: SyncKey
let record: StoredRecord
let other: StoredRecord
let tombstone: StoredRecord
beforeAll(async () => {
  syncKey = await newSyncKey()
  record = await sealRecord(syncKey.key, SPACE, sampleState())
  other = await sealRecord(syncKey.key, SPACE, sampleState({ id: 'a3bb189e-8bf9-4888-9912-ace4e6543002' }))
  tombstone = await sealRecord(syncKey.key, SPACE, sampleTombstone())
})

describe('a record altered on the server', () => {
  const edits: [string, () => StoredRecord][] = [
    ['its ciphertext moved under another id', () => ({ ...record, id: other.id })],
    ['another record’s ciphertext under its id', () => ({ ...record, nonce: other.nonce, ciphertext: other.ciphertext })],
    ['its deleted flag set', () => ({ ...record, deleted: true })],
    ['a tombstone’s deleted flag cleared', () => ({ ...tombstone, deleted: false })],
    ['a later wall time', () => ({ ...record, version: { ...record.version, wall: record.version.wall + 1 } })],
    ['an earlier wall time', () => ({ ...record, version: { ...record.version, wall: record.version.wall - 1 } })],
    ['a greater count', () => ({ ...record, version: { ...record.version, count: record.version.count + 1 } })],
    ['another device', () => ({ ...record, version: { ...record.version, device: 'f'.repeat(36) } })],
    ['the version of another record', () => ({ ...record, version: tombstone.version })],
    ['a flipped nonce bit', () => ({ ...record, nonce: flip(record.nonce, 0, 1) })],
    ['a flipped tag bit', () => ({ ...record, ciphertext: flip(record.ciphertext, 2048 + 15, 0x80) })],
    [
      'a truncated ciphertext',
      () => ({ ...record, ciphertext: bytesToBase64((base64ToBytes(record.ciphertext) ?? new Uint8Array(0)).slice(0, -1)) }),
    ],
    [
      'the tag cut off',
      () => ({ ...record, ciphertext: bytesToBase64((base64ToBytes(record.ciphertext) ?? new Uint8Array(0)).slice(0, 2048)) }),
    ],
    ['an unknown field', () => ({ ...record, hint: 'Example Bank' }) as StoredRecord],
    ['no version', () => ({ ...record, version: undefined }) as unknown as StoredRecord],
    ['an upper-case id', () => ({ ...record, id: record.id.toUpperCase() })],
    ['a nonce of 16 bytes', () => ({ ...record, nonce: bytesToBase64(new Uint8Array(16)) })],
    ['a ciphertext of megabytes', () => ({ ...record, ciphertext: 'A'.repeat(4 * 1024 * 1024) })],
  ]

  it.each(edits)('with %s fails (SYNC_RECORD_CORRUPT)', async (_name, edit) => {
    await expectCode(openRecord(syncKey.key, SPACE, edit()), 'SYNC_RECORD_CORRUPT')
  })

  it('from another sync space fails, even under the same key', async () => {
    await expectCode(openRecord(syncKey.key, OTHER_SPACE, record), 'SYNC_RECORD_CORRUPT')
    const there = await sealRecord(syncKey.key, OTHER_SPACE, sampleState())
    await expectCode(openRecord(syncKey.key, SPACE, there), 'SYNC_RECORD_CORRUPT')
  })

  it('under another sync key fails', async () => {
    await expectCode(openRecord((await newSyncKey()).key, SPACE, record), 'SYNC_RECORD_CORRUPT')
  })

  it('fails for a flipped bit in every byte of the ciphertext and the nonce', async () => {
    const length = base64ToBytes(record.ciphertext)?.length ?? 0
    expect(length).toBe(2048 + 16)
    for (let i = 0; i < length; i++) {
      await expectCode(
        openRecord(syncKey.key, SPACE, { ...record, ciphertext: flip(record.ciphertext, i, 1 << (i % 8)) }),
        'SYNC_RECORD_CORRUPT',
      )
    }
    for (let i = 0; i < NONCE_BYTES; i++) {
      await expectCode(openRecord(syncKey.key, SPACE, { ...record, nonce: flip(record.nonce, i, 1 << (i % 8)) }), 'SYNC_RECORD_CORRUPT')
    }
    await expect(openRecord(syncKey.key, SPACE, record)).resolves.toEqual(sampleState())
  })
})

describe('a record whose sealed fields disagree with its plaintext (written with the key)', () => {
  /** Seals `plaintext` with AAD for the given fields, as a faulty or hostile device might. */
  async function forge(id: string, version: StoredRecord['version'], deleted: boolean, plaintext: string): Promise<StoredRecord> {
    const nonce = randomBytes(NONCE_BYTES)
    const bytes = new TextEncoder().encode(plaintext)
    const ciphertext = await gcmEncrypt(syncKey.key, nonce, bytes, recordAad(SPACE, id, version, deleted))
    return { id, version, deleted, nonce: bytesToBase64(nonce), ciphertext: bytesToBase64(ciphertext) }
  }
  const state = sampleState()
  const version = hlc(1_700_000_500_000, 2, DEVICE_B)

  it('opens when everything agrees (so the cases below test what they say)', async () => {
    await expect(openRecord(syncKey.key, SPACE, await forge(state.id, version, false, JSON.stringify(state)))).resolves.toEqual(state)
  })

  const cases: [string, () => Promise<StoredRecord>][] = [
    ['another account’s id inside', () => forge(other.id, version, false, JSON.stringify(state))],
    ['a deleted flag the content does not have', () => forge(state.id, version, true, JSON.stringify(state))],
    ['a version that is not the greatest clock', () => forge(state.id, hlc(1_700_000_000_000), false, JSON.stringify(state))],
    [
      'a tombstone that is not deleted',
      () => forge(state.id, version, false, JSON.stringify({ id: state.id, deleted: { value: false, at: version } })),
    ],
    ['content that is not JSON', () => forge(state.id, version, false, '{"id":')],
    [
      'content that is not UTF-8',
      async () => {
        const nonce = randomBytes(NONCE_BYTES)
        const ciphertext = await gcmEncrypt(syncKey.key, nonce, new Uint8Array([0xff, 0xfe]), recordAad(SPACE, state.id, version, false))
        return { id: state.id, version, deleted: false, nonce: bytesToBase64(nonce), ciphertext: bytesToBase64(ciphertext) }
      },
    ],
    ['an unknown field inside', () => forge(state.id, version, false, JSON.stringify({ ...state, note: 1 }))],
  ]

  it.each(cases)('with %s fails (SYNC_RECORD_CORRUPT)', async (_name, make) => {
    await expectCode(openRecord(syncKey.key, SPACE, await make()), 'SYNC_RECORD_CORRUPT')
  })
})
