import { describe, expect, it } from 'vitest'
import { base64ToBytes } from '../vault/base64.ts'
import { parseStoredRecord } from './parse-stored-record.ts'
import { recordClock } from './record-clock.ts'
import type { StoredRecord } from './sync-format.ts'
import { newSyncKey } from './sync-key.ts'
import { isReplay, openRecord, sealRecord } from './sync-record.ts'
import type { AccountState } from './sync-state.ts'
import { expectCode } from '../../../test/support/vault-fixtures.ts'
import { DEVICE_A, DEVICE_B, fullState, hlc, sampleState, sampleTombstone, SPACE } from '../../../test/support/sync-fixtures.ts'

const throughServer = (record: StoredRecord): StoredRecord => parseStoredRecord(JSON.parse(JSON.stringify(record)))
const sizeOf = (record: StoredRecord) => base64ToBytes(record.ciphertext)?.length

describe('sealRecord / openRecord', () => {
  it.each([
    ['a TOTP account', sampleState()],
    ['an HOTP account with every optional field and the largest counter', fullState()],
    ['a deleted account', sampleState({ deleted: { value: true, at: hlc(1_800_000_000_000) } })],
    ['a tombstone', sampleTombstone()],
  ])('round-trips %s through the server', async (_name, state) => {
    const { key } = await newSyncKey()
    const stored = await sealRecord(key, SPACE, state)
    expect(Object.keys(stored).sort()).toEqual(['ciphertext', 'deleted', 'id', 'nonce', 'version'])
    expect(stored.id).toBe(state.id)
    expect(stored.deleted).toBe(state.deleted.value)
    expect(throughServer(stored)).toEqual(stored)
    expect(await openRecord(key, SPACE, throughServer(stored))).toEqual(state)
  })

  it('stores the greatest clock in the record as its version', async () => {
    const { key } = await newSyncKey()
    expect((await sealRecord(key, SPACE, sampleState())).version).toEqual(hlc(1_700_000_500_000, 2, DEVICE_B))
    expect((await sealRecord(key, SPACE, sampleTombstone())).version).toEqual(hlc(1_700_000_900_000, 0, DEVICE_B))
    // Equal wall and count: the device id decides, as in the merge.
    const tie = sampleState({ pinned: { value: true, at: hlc(1_700_000_500_000, 2, DEVICE_A.replace('5', 'f')) } })
    expect(recordClock(tie).device).toBe(DEVICE_A.replace('5', 'f'))
  })

  it('uses a fresh nonce for every write, so sealing the same state twice differs', async () => {
    const { key } = await newSyncKey()
    const records = await Promise.all(Array.from({ length: 20 }, () => sealRecord(key, SPACE, sampleState())))
    expect(new Set(records.map((r) => r.nonce)).size).toBe(20)
    expect(new Set(records.map((r) => r.ciphertext)).size).toBe(20)
  })

  it('shows no name, secret or tag to the server', async () => {
    const { key } = await newSyncKey()
    const text = JSON.stringify(await sealRecord(key, SPACE, fullState()))
    for (const secret of ['Example', 'alice', 'finance', 'example.com', 'GEZDGNBV', 'logo', 'SHA512', 'hotp', '18446744073709551615']) {
      expect(text).not.toContain(secret)
    }
  })
})

describe('padding', () => {
  it('gives ordinary accounts and tombstones one size: 2 KiB, whatever their names', async () => {
    const { key } = await newSyncKey()
    const sizes = await Promise.all(
      [
        sampleState(),
        fullState(),
        sampleTombstone(),
        sampleState({ issuer: { value: 'X', at: hlc(1) }, account: { value: '', at: hlc(1) }, tags: { value: [], at: hlc(1) } }),
        sampleState({
          issuer: { value: 'A much longer issuer name, Inc.', at: hlc(1) },
          tags: { value: ['work', 'personal', 'banking'], at: hlc(1) },
        }),
      ].map(async (s) => sizeOf(await sealRecord(key, SPACE, s))),
    )
    expect(sizes).toEqual(Array<number>(5).fill(2048 + 16))
  })

  it.each([
    [1_900, 2048],
    [2_100, 4096],
    [5_000, 8192],
    [40_000, 65536],
  ])('pads a record of about %i bytes to the next power of two (%i)', async (size, bucket) => {
    const { key } = await newSyncKey()
    const base = new TextEncoder().encode(JSON.stringify(sampleState({ sites: { value: [''], at: hlc(1) } }))).length
    const big = sampleState({ sites: { value: ['x'.repeat(size - base)], at: hlc(1) } })
    expect(new TextEncoder().encode(JSON.stringify(big)).length).toBe(size)
    const stored = await sealRecord(key, SPACE, big)
    expect(sizeOf(stored)).toBe(bucket + 16)
    expect(await openRecord(key, SPACE, stored)).toEqual(big)
  })

  it('fills a bucket exactly without growing', async () => {
    const { key } = await newSyncKey()
    const base = new TextEncoder().encode(JSON.stringify(sampleState({ sites: { value: [''], at: hlc(1) } }))).length
    const exact = sampleState({ sites: { value: ['x'.repeat(4096 - base)], at: hlc(1) } })
    expect(sizeOf(await sealRecord(key, SPACE, exact))).toBe(4096 + 16)
  })

  it('refuses an account over 64 KiB (INVALID_PARAMETER)', async () => {
    const { key } = await newSyncKey()
    const huge = sampleState({ otp: { ...sampleState().otp, image: `data:image/png;base64,${'A'.repeat(70_000)}` } })
    await expectCode(sealRecord(key, SPACE, huge), 'INVALID_PARAMETER')
  })
})

describe('what sealRecord refuses to upload (INVALID_PARAMETER)', () => {
  const bad: [string, () => unknown][] = [
    ['a secret that is not normalised base32', () => sampleState({ otp: { ...sampleState().otp, secret: 'jbsw y3dp' } })],
    ['an upper-case id', () => sampleState({ id: sampleState().id.toUpperCase() })],
    ['a device id with the AAD separator', () => sampleState({ order: { value: 0, at: hlc(1, 0, 'a|b') } })],
    ['an empty device id', () => sampleState({ order: { value: 0, at: hlc(1, 0, '') } })],
    ['a fractional clock', () => sampleState({ order: { value: 0, at: hlc(1.5) } })],
    ['an unknown field', () => ({ ...sampleState(), note: 'hello' })],
    ['a missing register', () => ({ ...sampleState(), tags: undefined })],
    ['a counter past 2^64−1', () => sampleState({ counter: '18446744073709551616' })],
    ['a tombstone that is not deleted', () => ({ ...sampleTombstone(), deleted: { value: false, at: hlc(1) } })],
    ['an infinite order', () => sampleState({ order: { value: Infinity, at: hlc(1) } })],
    ['a bigint counter', () => ({ ...sampleState(), counter: 5n })],
  ]

  it.each(bad)('%s', async (_name, state) => {
    const { key } = await newSyncKey()
    await expectCode(sealRecord(key, SPACE, state() as AccountState), 'INVALID_PARAMETER')
  })

  it('a sync space that is not one', async () => {
    const { key } = await newSyncKey()
    await expectCode(sealRecord(key, { version: 1, spaceId: 'not-a-uuid' }, sampleState()), 'INVALID_PARAMETER')
    await expectCode(sealRecord(key, { version: 2 } as unknown as typeof SPACE, sampleState()), 'INVALID_PARAMETER')
  })
})

describe('isReplay', () => {
  const stored = { version: hlc(1000, 3, DEVICE_A) }
  it.each([
    ['nothing seen yet', undefined, false],
    ['the same version', hlc(1000, 3, DEVICE_A), false],
    ['an older version seen', hlc(999, 9, DEVICE_B), false],
    ['a later wall time seen', hlc(1001, 0, DEVICE_A), true],
    ['a later count seen', hlc(1000, 4, DEVICE_A), true],
    ['the same time from a greater device id', hlc(1000, 3, DEVICE_B), true],
  ])('with %s: %s', (_name, known, replay) => {
    expect(isReplay(stored, known)).toBe(replay)
  })
})
