/**
 * Aegis export → Keyfob's own importer (importBackup), plain and encrypted:
 * nothing the format can carry is lost or changed, and what it cannot carry is
 * listed in `skipped`. Also a self-contained fixture for the Aegis importer:
 * these files are written here, so no samples folder is needed.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base64Decode, base64Encode } from '../encoding/base64.ts'
import { exportAegisJson } from '../export/export-aegis.ts'
import {
  brokenNameAccount,
  contentArb,
  expectRoundTrip,
  OTHER_PASSWORD,
  PASSWORD,
  utf8,
  variedContent,
} from '../../../test/support/export-fixtures.ts'
import type { StoredAccount, VaultContent } from '../vault/vault-content.ts'
import { importBackup } from './import-backup.ts'
import { expectError } from '../../../test/support/import-helpers.ts'

const CARRIED = { tags: true, pinned: true }

/** Independent of the exporter: T0 and HOTP counters past 2^53 − 1 do not fit (docs/backup-format.md). */
function fitsAegis(a: StoredAccount): boolean {
  if (a.type === 'totp' && (a.t0 ?? 0) !== 0) return false
  return !(a.type === 'hotp' && a.counter > BigInt(Number.MAX_SAFE_INTEGER))
}

function inOrder(content: VaultContent): StoredAccount[] {
  // Array.prototype.sort is stable: ties keep their place, as the exporter promises.
  return [...content.accounts].sort((a, b) => a.order - b.order)
}

async function roundTrip(content: VaultContent, password?: string): Promise<void> {
  const exported = await exportAegisJson(content, password === undefined ? {} : { password })
  const result = await importBackup(utf8(exported.text), password === undefined ? {} : { password })
  expect(result.format).toBe('aegis')
  expect(result.skipped).toEqual([])
  expect(result.warnings.filter((w) => !w.includes('holds no accounts'))).toEqual([])
  const expected = inOrder(content).filter(fitsAegis)
  await expectRoundTrip(result.entries, expected, CARRIED)
  expect(exported.skipped.map((s) => s.id)).toEqual(
    inOrder(content)
      .filter((a) => !fitsAegis(a))
      .map((a) => a.id),
  )
}

describe('Aegis export → importBackup', () => {
  it('plain: every account Aegis can hold comes back with its codes, names, tags and pin', async () => {
    await roundTrip(variedContent())
  })

  it('encrypted: the same, through the scrypt password slot', async () => {
    await roundTrip(variedContent(), PASSWORD)
  })

  it('keeps a name with a lone surrogate (JSON escapes it, so no UTF-8 is lost)', async () => {
    const broken = brokenNameAccount()
    const result = await importBackup(utf8((await exportAegisJson({ schemaVersion: 1, accounts: [broken] })).text))
    expect(result.entries[0]!.issuer).toBe(broken.issuer)
  })

  it('reports what Aegis cannot carry in `skipped`', async () => {
    const { skipped } = await exportAegisJson(variedContent())
    expect(skipped.map((s) => s.name)).toEqual(['Hotp (int64 max)', 'Hotp (uint64 max)', 'Offset (t0)'])
  })

  it('encrypted: a wrong or missing password is refused', async () => {
    const { text } = await exportAegisJson(variedContent(), { password: PASSWORD })
    await expectError(importBackup(utf8(text), { password: OTHER_PASSWORD }), 'WRONG_PASSWORD')
    await expectError(importBackup(utf8(text)), 'PASSWORD_REQUIRED')
  })

  it('encrypted: a flipped bit in the database or its tag is refused as a damaged file', async () => {
    const { text } = await exportAegisJson(variedContent(), { password: PASSWORD })
    const file = JSON.parse(text) as { db: string; header: { params: { tag: string } } }
    const db = base64Decode(file.db)
    db[db.length >> 1] = db[db.length >> 1]! ^ 0x80
    await expectError(importBackup(utf8(JSON.stringify({ ...file, db: base64Encode(db) })), { password: PASSWORD }), 'INVALID_FILE')
    const tag = file.header.params.tag.replace(/^./, (c) => (c === '0' ? '1' : '0'))
    const edited = { ...file, header: { ...file.header, params: { ...file.header.params, tag } } }
    await expectError(importBackup(utf8(JSON.stringify(edited)), { password: PASSWORD }), 'INVALID_FILE')
  })

  it('encrypted: a flipped bit in the wrapped master key looks like a wrong password', async () => {
    const { text } = await exportAegisJson(variedContent(), { password: PASSWORD })
    const file = JSON.parse(text) as { header: { slots: { key: string }[] } }
    const key = file.header.slots[0]!.key.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))
    const edited = { ...file, header: { ...file.header, slots: [{ ...file.header.slots[0]!, key }] } }
    await expectError(importBackup(utf8(JSON.stringify(edited)), { password: PASSWORD }), 'WRONG_PASSWORD')
  })

  it('property (plain): exported then imported equals the original on everything Aegis carries', async () => {
    await fc.assert(
      fc.asyncProperty(contentArb, (content) => roundTrip(content)),
      { numRuns: 60 },
    )
  })

  it('property (encrypted): the same through the password slot', async () => {
    // scrypt at Aegis' fixed N = 2^15 costs ~100 ms twice per run.
    await fc.assert(
      fc.asyncProperty(contentArb, (content) => roundTrip(content, PASSWORD)),
      { numRuns: 6 },
    )
  }, 30_000)
})
