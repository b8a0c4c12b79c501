import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../errors.ts'
import { collectMigrationBatches } from './collect-migration-batches.ts'
import type { MigrationAccount, MigrationBatch } from './migration-schema.ts'

const acc = (account: string): MigrationAccount => ({
  type: 'totp',
  issuer: '',
  account,
  name: account,
  secret: 'AA',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0n,
})
const batch = (batchIndex: number | null, batchSize: number | null = 3, batchId: number | null = -5): MigrationBatch => ({
  version: 1,
  batchSize,
  batchIndex,
  batchId,
  accounts: [acc(`a${batchIndex}`)],
})

describe('collectMigrationBatches', () => {
  it('starts empty', () => {
    expect(collectMigrationBatches([])).toEqual({ batchId: null, seen: 0, total: 0, complete: false, missing: [], accounts: [] })
  })

  it('reports the missing indices and completes in any order, counting repeats once', () => {
    expect(collectMigrationBatches([batch(1)])).toMatchObject({ batchId: -5, seen: 1, total: 3, complete: false, missing: [0, 2] })
    const done = collectMigrationBatches([batch(2), batch(0), batch(2), batch(1)])
    expect(done).toMatchObject({ seen: 3, total: 3, complete: true, missing: [] })
    expect(done.accounts.map((a) => a.account)).toEqual(['a0', 'a1', 'a2'])
  })

  it('treats absent fields as proto3 zero values (old single-QR exports)', () => {
    expect(collectMigrationBatches([batch(null, null, null)])).toMatchObject({ batchId: null, seen: 1, total: 1, complete: true })
    expect(collectMigrationBatches([batch(0, 1, null), batch(0, null, 0)])).toMatchObject({ batchId: 0, complete: true })
  })

  it('refuses QR codes from another export or outside it', () => {
    for (const mixed of [[batch(0), batch(1, 3, 9)], [batch(0), batch(1, 4)], [batch(5)]]) {
      try {
        collectMigrationBatches(mixed)
        expect.unreachable()
      } catch (e) {
        expect(e).toBeInstanceOf(KeyfobError)
        expect((e as KeyfobError).code).toBe('INVALID_MIGRATION')
      }
    }
    expect(() => collectMigrationBatches([batch(0), batch(1, 3, 9)])).toThrow('This QR code belongs to a different export.')
  })
})
