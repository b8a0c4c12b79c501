import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeMigrationPayloads } from '../uri/encode-migration-payloads.ts'
import { importBackup } from './import-backup.ts'
import { importUriList } from './import-uri-list.ts'
import { expectEntries, valueOrKeyfobErrorSync } from '../../../test/support/import-helpers.ts'
import { FIXTURE_ENTRIES, uriListFile } from '../../../test/support/plain-fixtures.ts'

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

describe('importUriList', () => {
  it('reads every account of a list written by Keyfob, with LF or CRLF line ends', async () => {
    for (const eol of ['\n', '\r\n']) {
      const result = await importBackup(uriListFile(FIXTURE_ENTRIES, eol))
      expect(result.format).toBe('otpauth-uri-list')
      expectEntries(result, FIXTURE_ENTRIES)
    }
  })

  it('skips lines it cannot use, with a reason, and keeps the rest', () => {
    const good = 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A'
    const result = importUriList(
      [
        good,
        '',
        'otpauth://totp/NoSecret:x',
        'otpauth://motp/M:x?secret=JBSWY3DP',
        'otpauth://totp/Md5:x?secret=JBSWY3DP&algorithm=MD5',
        'hello',
      ].join('\n'),
    )
    expect(result.entries.map((e) => e.issuer)).toEqual(['A'])
    expect(result.skipped).toEqual([
      { name: 'Line 3 (NoSecret:x)', reason: expect.stringMatching(/no secret/) as unknown },
      { name: 'Line 4 (M:x)', reason: expect.stringMatching(/Unsupported OTP type 'motp'/) as unknown },
      { name: 'Line 5 (Md5:x)', reason: expect.stringMatching(/MD5/) as unknown },
      { name: 'Line 6', reason: 'The line is not an otpauth:// URI.' },
    ])
  })

  it("reads Ente's codeDisplay into pinned, tags and note, and skips trashed codes", () => {
    const cd = (v: object) => encodeURIComponent(JSON.stringify(v))
    const base = 'otpauth://totp/E:x?secret=JBSWY3DPEHPK3PXP&issuer=E'
    const result = importUriList(
      [
        `${base}&codeDisplay=${cd({ pinned: true, trashed: false, tags: ['a', 'b'], note: 'n' })}&foo=1`,
        `${base}&codeDisplay=${cd({ trashed: true })}`,
        `${base}&codeDisplay=%7Bnot-json`,
      ].join('\n'),
    )
    expect(result.entries).toHaveLength(2)
    expect(result.entries[0]).toMatchObject({ pinned: true, tags: ['a', 'b'], note: 'n', extra: { foo: '1' } })
    expect(result.entries[1]!.extra).toBeUndefined()
    expect(result.skipped).toEqual([{ name: 'Line 2 (E:x)', reason: "It is in Ente's trash." }])
    expect(result.warnings.join()).toMatch(/Line 3: Ente's display settings/)
  })

  it('reads Google Authenticator export lines and warns when QR codes of the export are missing', async () => {
    const { uris } = encodeMigrationPayloads(
      FIXTURE_ENTRIES.filter((e) => e.type !== 'steam' && e.digits !== 7 && e.period === 30),
      { maxAccounts: 1 },
    )
    expect(uris.length).toBeGreaterThan(1)
    const all = await importBackup(new TextEncoder().encode(uris.join('\n')))
    expect(all.format).toBe('google-migration')
    expect(all.entries.map((e) => e.issuer)).toEqual(['Deno', 'Issuu', 'WWE'])
    expect(all.warnings).toEqual([])
    const partial = importUriList(uris.slice(1).join('\n'))
    expect(partial.warnings.join()).toMatch(/QR code\(s\) 1 of 3 are missing/)
  })

  it('gives a value or a KeyfobError for any text and any mutated list', () => {
    const list = text(uriListFile(FIXTURE_ENTRIES))
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => valueOrKeyfobErrorSync(() => importUriList(s))))
    fc.assert(
      fc.property(fc.nat({ max: list.length }), fc.string({ maxLength: 8 }), (at, insert) =>
        valueOrKeyfobErrorSync(() => importUriList(list.slice(0, at) + insert + list.slice(at))),
      ),
    )
  })
})
