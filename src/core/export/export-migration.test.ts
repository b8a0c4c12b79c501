import { describe, expect, it } from 'vitest'
import { decodeMigrationUri } from '../uri/decode-migration-uri.ts'
import { exportMigrationQrPayloads, MIGRATION_QR_MAX_ACCOUNTS, MIGRATION_QR_MAX_CHARS } from './export-migration.ts'
import { account, brokenNameAccount, variedContent } from '../../../test/support/export-fixtures.ts'

function many(n: number, name = (i: number) => `user${i}@example.com`) {
  return {
    schemaVersion: 1,
    accounts: Array.from({ length: n }, (_, i) => account({ order: i, account: name(i), secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })),
  }
}

describe('exportMigrationQrPayloads', () => {
  it('leaves out what a Google Authenticator export cannot hold, in the manual order, with reasons', () => {
    const content = variedContent()
    content.accounts.push(brokenNameAccount())
    const { skipped } = exportMigrationQrPayloads(content)
    expect(skipped.map((s) => s.name)).toEqual([
      'Ünïcödé Cö. 🔐 (ünï@例え.jp)',
      'Colon: Inc (user:name)',
      'no-issuer:with colon',
      'Ten (digits)',
      'Hotp (uint64 max)',
      'Steam (gaben)',
      'Offset (t0)',
      'Broken \uD800 (surrogate)',
    ])
    const reason = (name: string) => skipped.find((s) => s.name === name)!.reason
    expect(reason('Ünïcödé Cö. 🔐 (ünï@例え.jp)')).toMatch(/period/)
    expect(reason('Colon: Inc (user:name)')).toMatch(/7\)/)
    expect(reason('no-issuer:with colon')).toMatch(/6 or 8 digits/)
    expect(reason('Hotp (uint64 max)')).toMatch(/counter/)
    expect(reason('Steam (gaben)')).toMatch(/Steam/)
    expect(reason('Offset (t0)')).toMatch(/T0/)
    expect(reason('Broken \uD800 (surrogate)')).toMatch(/unpaired/)
    expect(skipped.every((s) => content.accounts.some((a) => a.id === s.id))).toBe(true)
  })

  it(`batches at most ${MIGRATION_QR_MAX_ACCOUNTS} accounts or ${MIGRATION_QR_MAX_CHARS} characters per QR code`, () => {
    const { uris, skipped } = exportMigrationQrPayloads(many(30))
    expect(skipped).toEqual([])
    expect(uris.length).toBeGreaterThanOrEqual(5)
    const batches = uris.map(decodeMigrationUri)
    const batchId = batches[0]!.batchId
    batches.forEach((b, i) => {
      expect(b).toMatchObject({ version: 1, batchSize: uris.length, batchIndex: i, batchId })
      expect(b.accounts.length).toBeLessThanOrEqual(MIGRATION_QR_MAX_ACCOUNTS)
      expect(uris[i]!.length).toBeLessThanOrEqual(MIGRATION_QR_MAX_CHARS)
    })
    expect(batches.flatMap((b) => b.accounts.map((a) => a.account))).toEqual(many(30).accounts.map((a) => a.account))
  })

  it('gives an account longer than the limit a QR code of its own', () => {
    const { uris } = exportMigrationQrPayloads(many(3, (i) => `${'x'.repeat(700)}${i}`))
    expect(uris).toHaveLength(3)
  })

  it('warns about the metadata it drops, counting only the accounts it exports', () => {
    expect(exportMigrationQrPayloads(variedContent()).warnings).toEqual([
      '2 accounts have tags, which Google Authenticator cannot hold; they are not in the export.',
      '1 account has pins, which Google Authenticator cannot hold; they are not in the export.',
      '2 accounts have bound sites (autofill), which Google Authenticator cannot hold; they are not in the export.',
    ])
  })

  it('gives no QR codes for an empty vault or one with nothing exportable', () => {
    expect(exportMigrationQrPayloads({ schemaVersion: 1, accounts: [] })).toEqual({ uris: [], skipped: [], warnings: [] })
    expect(exportMigrationQrPayloads({ schemaVersion: 1, accounts: [account({ type: 'steam', digits: 5 })] }).uris).toEqual([])
  })
})
