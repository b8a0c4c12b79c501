import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../errors.ts'
import type { AccountFields } from '../types.ts'
import { collectMigrationBatches } from './collect-migration-batches.ts'
import { decodeMigrationUri } from './decode-migration-uri.ts'
import { encodeMigrationPayloads } from './encode-migration-payloads.ts'
import type { MigrationAccount } from './migration-schema.ts'
import { migrationAccountArb } from '../../../test/support/uri-arbitraries.ts'

const acme: AccountFields = {
  type: 'totp',
  issuer: 'ACME',
  account: 'alice',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0n,
}
const withoutName = ({ name: _name, ...rest }: MigrationAccount): AccountFields => rest

function decodeAll(uris: string[]) {
  const batches = uris.map(decodeMigrationUri)
  return { batches, accounts: batches.flatMap((b) => b.accounts.map(withoutName)) }
}

describe('encodeMigrationPayloads', () => {
  it('writes what Google Authenticator writes', () => {
    const { uris, skipped } = encodeMigrationPayloads([acme], { batchId: -1320898453 })
    expect(skipped).toEqual([])
    expect(uris).toHaveLength(1)
    expect(uris[0]).toMatch(/^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/)
    expect(decodeURIComponent(uris[0]!.split('data=')[1]!)).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(decodeMigrationUri(uris[0]!)).toEqual({
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: -1320898453,
      accounts: [{ ...acme, name: 'alice' }],
    })
  })

  it('returns no URIs for no accounts', () => {
    expect(encodeMigrationPayloads([])).toEqual({ uris: [], skipped: [] })
  })

  it('splits into batches of at most 10 accounts and 1000 characters by default', () => {
    const accounts = Array.from({ length: 45 }, (_, i) => ({
      ...acme,
      account: `user${i}@example.com`,
      secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
    }))
    const { uris } = encodeMigrationPayloads(accounts, { batchId: 7 })
    expect(uris.length).toBeGreaterThanOrEqual(5)
    const { batches, accounts: back } = decodeAll(uris)
    expect(back).toEqual(accounts)
    batches.forEach((b, i) => {
      expect(b).toMatchObject({ version: 1, batchSize: uris.length, batchIndex: i, batchId: 7 })
      expect(b.accounts.length).toBeLessThanOrEqual(10)
    })
    for (const uri of uris) expect(uri.length).toBeLessThanOrEqual(1000)
  })

  it('honours maxBytes and maxAccounts, and still writes an oversized account alone', () => {
    const long = { ...acme, account: 'x'.repeat(600) }
    const { uris } = encodeMigrationPayloads([acme, long, acme], { maxBytes: 300 })
    expect(uris).toHaveLength(3)
    expect(uris[1]!.length).toBeGreaterThan(300)
    expect(encodeMigrationPayloads([acme, acme, acme], { maxAccounts: 2 }).uris).toHaveLength(2)
  })

  it('uses a random int32 batch id by default, the same for every QR code', () => {
    const { uris } = encodeMigrationPayloads([acme, acme, acme], { maxAccounts: 1 })
    const ids = new Set(uris.map((u) => decodeMigrationUri(u).batchId))
    expect(ids.size).toBe(1)
    const [id] = ids
    expect(Number.isInteger(id) && id! >= -(2 ** 31) && id! < 2 ** 31).toBe(true)
  })

  it('refuses what it cannot represent unless told to skip it', () => {
    const steam: AccountFields = { ...acme, type: 'steam', digits: 5 }
    const sixty = { ...acme, period: 60 }
    expect(() => encodeMigrationPayloads([acme, sixty])).toThrow(
      "Account 2 ('ACME: alice') cannot be exported to Google Authenticator: Google Authenticator exports have no period, so every code lasts 30 seconds (this account uses 60).",
    )
    try {
      encodeMigrationPayloads([steam])
    } catch (e) {
      expect(e).toBeInstanceOf(KeyfobError)
      expect((e as KeyfobError).code).toBe('INVALID_PARAMETER')
    }
    const { uris, skipped } = encodeMigrationPayloads([steam, acme, sixty], { skipUnsupported: true })
    expect(decodeAll(uris).accounts).toEqual([acme])
    expect(skipped.map((s) => s.index)).toEqual([0, 2])
    expect(skipped[0]!.account).toBe(steam)
    expect(skipped[0]!.reason).toMatch(/Steam/)
  })

  it('refuses bad options and bad accounts', () => {
    const code = (fn: () => unknown) => {
      try {
        fn()
      } catch (e) {
        return e instanceof KeyfobError ? e.code : 'other'
      }
      return 'none'
    }
    expect(code(() => encodeMigrationPayloads([acme], { batchId: 2 ** 31 }))).toBe('INVALID_PARAMETER')
    expect(code(() => encodeMigrationPayloads([acme], { batchId: 1.5 }))).toBe('INVALID_PARAMETER')
    expect(code(() => encodeMigrationPayloads([acme], { maxBytes: 0 }))).toBe('INVALID_PARAMETER')
    expect(code(() => encodeMigrationPayloads([acme], { maxAccounts: -1 }))).toBe('INVALID_PARAMETER')
    expect(code(() => encodeMigrationPayloads([{ ...acme, secret: '1' }]))).toBe('INVALID_SECRET')
    expect(code(() => encodeMigrationPayloads([{ ...acme, account: '\uDC00' }]))).toBe('INVALID_PARAMETER')
  })

  it('keeps names that the mapping rule would otherwise split', () => {
    const tricky = [
      { ...acme, issuer: 'ACME', account: 'ACME:alice' },
      { ...acme, issuer: '', account: 'a:b' },
      { ...acme, issuer: 'ACME', account: 'Other:bob' },
    ]
    expect(decodeAll(encodeMigrationPayloads(tricky).uris).accounts).toEqual(tricky)
  })

  it('round-trips accounts and batches (property)', () => {
    fc.assert(
      fc.property(
        fc.array(migrationAccountArb, { maxLength: 25 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 100, max: 2000 }),
        (accounts, batchId, maxAccounts, maxBytes) => {
          const { uris } = encodeMigrationPayloads(accounts, { batchId, maxAccounts, maxBytes })
          const { batches, accounts: back } = decodeAll(uris)
          expect(back).toEqual(accounts)
          // Shuffled and repeated scans still complete the export.
          const progress = collectMigrationBatches([...batches].reverse().concat(batches.slice(0, 1)))
          expect(progress).toMatchObject({ batchId: uris.length > 0 ? batchId : null, total: uris.length, seen: uris.length, missing: [] })
          expect(progress.accounts.map(withoutName)).toEqual(accounts)
        },
      ),
      { numRuns: 300 },
    )
  })
})
