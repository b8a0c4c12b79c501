/**
 * otpauth URI list export → Keyfob's own importer (importBackup): OTP fields,
 * names, image, extra parameters, and tags and pins (through Ente's
 * codeDisplay) come back; a colon in an account name comes back as '：', as
 * the exporter warns; a TOTP start time travels as `t0=`; what a URI cannot
 * carry (a name with a broken character) is listed in `skipped`.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exportUriList } from '../export/export-uri-list.ts'
import { brokenNameAccount, contentArb, expectRoundTrip, utf8, variedContent } from '../../../test/support/export-fixtures.ts'
import type { StoredAccount, VaultContent } from '../vault/vault-content.ts'
import { importBackup } from './import-backup.ts'

const CARRIED = { tags: true, pinned: true, image: true, extra: true, accountName: (n: string) => n.replaceAll(':', '：') }

function inOrder(content: VaultContent): StoredAccount[] {
  return [...content.accounts].sort((a, b) => a.order - b.order)
}

async function roundTrip(content: VaultContent): Promise<void> {
  const exported = exportUriList(content)
  // Every account of these contents fits a URI, a TOTP start time included (`t0=`, as django-otp writes it).
  const expected = inOrder(content)
  expect(exported.skipped).toEqual([])
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
    expect(skipped.map((s) => s.name)).toEqual(['Broken \uD800 (surrogate)'])
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
