/**
 * otpauth URI list export → Keyfob's own importer (importBackup): OTP fields,
 * names, image, extra parameters, and tags and pins (through Ente's
 * codeDisplay) come back; a colon in an account name comes back as '：', as
 * the exporter warns; what a URI cannot carry is listed in `skipped`.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exportUriList } from '../export/export-uri-list.ts'
import { brokenNameAccount, contentArb, expectRoundTrip, utf8, variedContent } from '../../../test/support/export-fixtures.ts'
import type { StoredAccount, VaultContent } from '../vault/vault-content.ts'
import { importBackup } from './import-backup.ts'

const CARRIED = { tags: true, pinned: true, image: true, extra: true, accountName: (n: string) => n.replaceAll(':', '：') }

/** Independent of the exporter: only a TOTP start time cannot be written (otpauth-uri.md). */
function fitsUri(a: StoredAccount): boolean {
  return !(a.type === 'totp' && (a.t0 ?? 0) !== 0)
}

function inOrder(content: VaultContent): StoredAccount[] {
  return [...content.accounts].sort((a, b) => a.order - b.order)
}

async function roundTrip(content: VaultContent): Promise<void> {
  const exported = exportUriList(content)
  const expected = inOrder(content).filter(fitsUri)
  expect(exported.skipped.map((s) => s.id)).toEqual(inOrder(content).filter((a) => !fitsUri(a)).map((a) => a.id))
  if (expected.length === 0) {
    expect(exported.text).toBe('')
    return
  }
  const result = await importBackup(utf8(exported.text), { fileName: 'keyfob-otpauth-uris.txt' })
  expect(result.format).toBe('otpauth-uri-list')
  expect(result.skipped).toEqual([])
  expect(result.warnings).toEqual([])
  await expectRoundTrip(result.entries, expected, CARRIED)
}

describe('URI list export → importBackup', () => {
  it('every account a URI can hold comes back with its codes, names, tags, pin, image and extras', async () => {
    await roundTrip(variedContent())
  })

  it('reports what a URI cannot carry in `skipped`, and the colon change in `warnings`', () => {
    const content = variedContent()
    content.accounts.push(brokenNameAccount())
    const { skipped, warnings } = exportUriList(content)
    expect(skipped.map((s) => s.name)).toEqual(['Offset (t0)', 'Broken \uD800 (surrogate)'])
    expect(warnings.some((w) => w.includes("'：'"))).toBe(true)
  })

  it('keeps an issuer with a colon exactly (it travels in issuer=)', async () => {
    const result = await importBackup(utf8(exportUriList(variedContent()).text))
    expect(result.entries.map((e) => e.issuer)).toContain('Colon: Inc')
  })

  it('property: exported then imported equals the original on everything a URI carries', async () => {
    await fc.assert(fc.asyncProperty(contentArb, roundTrip), { numRuns: 100 })
  })
})
