/**
 * Google Authenticator migration QR payloads → Keyfob's own importer
 * (importBackup, on the URIs as a text file, one per QR code): every account
 * the payload can hold comes back with the same codes and names, in order;
 * every other account is in `skipped` with a reason.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exportMigrationQrPayloads } from '../export/export-migration.ts'
import { account, contentArb, expectRoundTrip, utf8, variedContent } from '../../../test/support/export-fixtures.ts'
import type { StoredAccount, VaultContent } from '../vault/vault-content.ts'
import { importBackup } from './import-backup.ts'

/** Independent of the exporter (migration.md): no Steam, period, T0, 7/9/10 digits, counters past int64. */
function fitsMigration(a: StoredAccount): boolean {
  if (a.type === 'steam' || (a.t0 ?? 0) !== 0) return false
  if (a.digits !== 6 && a.digits !== 8) return false
  if (a.type === 'totp' && a.period !== 30) return false
  return !(a.type === 'hotp' && a.counter > 2n ** 63n - 1n)
}

function inOrder(content: VaultContent): StoredAccount[] {
  return [...content.accounts].sort((a, b) => a.order - b.order)
}

async function roundTrip(content: VaultContent): Promise<void> {
  const exported = exportMigrationQrPayloads(content)
  const expected = inOrder(content).filter(fitsMigration)
  expect(exported.skipped.map((s) => s.id)).toEqual(
    inOrder(content)
      .filter((a) => !fitsMigration(a))
      .map((a) => a.id),
  )
  if (expected.length === 0) {
    expect(exported.uris).toEqual([])
    return
  }
  const result = await importBackup(utf8(exported.uris.join('\n')))
  expect(result.format).toBe('google-migration')
  expect(result.skipped).toEqual([])
  // No "incomplete export" warning: every QR code of the batch is there.
  expect(result.warnings).toEqual([])
  await expectRoundTrip(result.entries, expected, {})
}

describe('Google Authenticator migration export → importBackup', () => {
  it('every account the payload can hold comes back with its codes and names (colons included)', async () => {
    await roundTrip(variedContent())
  })

  it('a large vault over many QR codes comes back whole and in order', async () => {
    const accounts = Array.from({ length: 40 }, (_, i) =>
      account({
        order: 40 - i,
        issuer: `Issuer ${i}`,
        account: `user:${i}@例え.jp`,
        type: i % 5 === 0 ? 'hotp' : 'totp',
        counter: BigInt(i) * 1_000_000_007n,
        algorithm: i % 3 === 0 ? 'SHA512' : 'SHA1',
        digits: i % 2 === 0 ? 8 : 6,
      }),
    )
    const content = { schemaVersion: 1, accounts }
    expect(exportMigrationQrPayloads(content).uris.length).toBeGreaterThan(5)
    await roundTrip(content)
  })

  it('property: exported then imported equals the original on everything the payload carries', async () => {
    await fc.assert(fc.asyncProperty(contentArb, roundTrip), { numRuns: 100 })
  })
})
