import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectEntries, expectError, mutatedBytesArb, valueOrKeyfobError } from '../../../test/support/import-helpers.ts'
import { winAuthText, zipFile } from '../../../test/support/more-format-fixtures.ts'
import { FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'
import { detectFormat } from './detect-format.ts'
import { importBackup } from './import-backup.ts'
import { errorFormat } from './password.ts'

const E = FIXTURE_ENTRIES.filter((e) => e.type !== 'steam')
const text = (s: string) => new TextEncoder().encode(s)
const STEAM_LINE =
  'otpauth://totp/Steam:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&digits=5&issuer=Steam&deviceid=android%3a0&data=%7b%22shared_secret%22%3a%22x%22%7d&icon=Steam'

describe('WinAuth exports', () => {
  it('reads the text export: HOTP starts at the next counter (with a warning), Steam by its issuer, WinAuth-only parameters dropped', async () => {
    const file = text(winAuthText(E) + STEAM_LINE + '\r\n')
    expect(detectFormat(file)).toBe('winauth')
    const result = await importBackup(file)
    expectEntries({ ...result, entries: result.entries.slice(0, E.length) }, E)
    const steam = result.entries.at(-1)!
    expect(steam).toMatchObject({ type: 'steam', issuer: 'Steam', account: 'Sophia', digits: 5 })
    for (const e of result.entries) expect(e.extra).toBeUndefined() // no icon, and never Steam's secret-bearing data
    expect(result.warnings).toEqual([expect.stringMatching(/counter \+ 1/)])
  })

  it('reads the ZIP export, plain or ZipCrypto-encrypted with a data descriptor', async () => {
    const inner = text(winAuthText(E))
    const plain = zipFile('winauth-2023-11-14.txt', inner)
    expect(detectFormat(plain)).toBe('winauth')
    expectEntries(await importBackup(plain), E)
    const sealed = zipFile('winauth-2023-11-14.txt', inner, 'test')
    expect(errorFormat(await expectError(importBackup(sealed), 'PASSWORD_REQUIRED', /WinAuth/))).toBe('winauth')
    await expectError(importBackup(sealed, { password: 'wrong' }), 'WRONG_PASSWORD')
    expectEntries(await importBackup(sealed, { password: 'test' }), E)
  })

  it('refuses a truncated or damaged archive as INVALID_FILE', async () => {
    const plain = zipFile('w.txt', text(winAuthText(E)))
    await expectError(importBackup(plain.slice(0, plain.length - 30)), 'INVALID_FILE', /ZIP archive is damaged/)
    const damaged = new Uint8Array(plain)
    damaged[40]! ^= 0xff // inside the stored text: the CRC no longer holds
    await expectError(importBackup(damaged), 'INVALID_FILE', /checksum/)
  })

  it('gives a value or a KeyfobError for any mutation', async () => {
    const sealed = zipFile('w.txt', text(winAuthText(E.slice(0, 3))), 'test')
    await fc.assert(
      fc.asyncProperty(mutatedBytesArb(sealed), (bytes) => valueOrKeyfobError(() => importBackup(bytes, { password: 'test' }))),
      { numRuns: 300 },
    )
    const lines = text(winAuthText(E))
    await fc.assert(
      fc.asyncProperty(mutatedBytesArb(lines), (bytes) => valueOrKeyfobError(() => importBackup(bytes))),
      { numRuns: 300 },
    )
  })
})
