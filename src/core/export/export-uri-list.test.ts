import { describe, expect, it } from 'vitest'
import { parseOtpauthUri } from '../uri/parse-otpauth-uri.ts'
import { exportUriList } from './export-uri-list.ts'
import { account, brokenNameAccount, variedContent } from '../../../test/support/export-fixtures.ts'

describe('exportUriList', () => {
  it('writes one URI per line, each ending with a newline, in the manual order', () => {
    const { text } = exportUriList(variedContent())
    const lines = text.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(12)
    for (const line of lines) expect(line).toMatch(/^otpauth:\/\/(totp|hotp)\//)
    expect(lines[0]).toBe('otpauth://totp/First:by%20order?secret=JBSWY3DPEHPK3PXP&issuer=First&digits=8')
    expect(lines.map((l) => parseOtpauthUri(l).account)).toEqual([
      'by order',
      'ünï@例え.jp',
      'user：name',
      'no-issuer：with colon',
      'digits',
      'octocat',
      'zero',
      'safe max',
      'int64 max',
      'uint64 max',
      'gaben',
      't0',
    ])
    expect(lines[11]).toBe('otpauth://totp/Offset:t0?secret=JBSWY3DPEHPK3PXP&issuer=Offset&t0=1000') // django-otp's start time
  })

  it('writes Steam as totp with encoder=steam and HOTP with its counter', () => {
    const lines = exportUriList(variedContent()).text.split('\n')
    expect(lines[10]).toBe(
      'otpauth://totp/Steam:gaben?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Steam&encoder=steam&codeDisplay=%7B%22pinned%22%3Afalse%2C%22tags%22%3A%5B%22games%22%5D%7D',
    )
    expect(lines[9]).toContain('counter=18446744073709551615')
  })

  it("carries tags and pins in Ente's codeDisplay parameter, and only when there are some", () => {
    const lines = exportUriList(variedContent()).text.split('\n')
    expect(parseOtpauthUri(lines[5]!).extra).toEqual({ codeDisplay: '{"pinned":true,"tags":["work","dev"]}' })
    expect(parseOtpauthUri(lines[0]!).extra).toBeUndefined()
    expect(parseOtpauthUri(lines[4]!).extra).toEqual({ 'x-note': 'kept & encoded = ok' })
  })

  it('replaces a codeDisplay the account kept from a pasted Ente URI only when it has tags or a pin', () => {
    const ente = { codeDisplay: '{"pinned":false,"tags":["old"]}', other: '1' }
    const tagged = exportUriList({ schemaVersion: 1, accounts: [account({ tags: ['new'], extra: ente })] }).text
    expect(parseOtpauthUri(tagged.trim()).extra).toEqual({ other: '1', codeDisplay: '{"pinned":false,"tags":["new"]}' })
    const plain = exportUriList({ schemaVersion: 1, accounts: [account({ extra: ente })] }).text
    expect(parseOtpauthUri(plain.trim()).extra).toEqual(ente)
  })

  it('leaves out a name with a broken character, with its reason', () => {
    const content = variedContent()
    content.accounts.push(brokenNameAccount())
    const { skipped } = exportUriList(content)
    expect(skipped.map((s) => s.name)).toEqual(['Broken \uD800 (surrogate)'])
    expect(skipped[0]!.reason).toMatch(/unpaired/)
  })

  it('drops a start time that does not affect codes (Steam, HOTP) instead of leaving the account out', () => {
    const { skipped, text } = exportUriList({
      schemaVersion: 1,
      accounts: [account({ type: 'steam', digits: 5, t0: 60 }), account({ type: 'hotp', t0: 60 })],
    })
    expect(skipped).toEqual([])
    expect(text.split('\n')).toHaveLength(3)
  })

  it('warns about bound sites and about colons in account names', () => {
    expect(exportUriList(variedContent()).warnings).toEqual([
      '2 accounts have bound sites (autofill), which a list of otpauth URIs cannot hold; they are not in the export.',
      "2 account names contain ':', which an otpauth label cannot hold; it is written as '：' (a full-width colon).",
    ])
  })

  it('gives empty text for an empty vault', () => {
    expect(exportUriList({ schemaVersion: 1, accounts: [] })).toEqual({ text: '', skipped: [], warnings: [] })
  })
})
