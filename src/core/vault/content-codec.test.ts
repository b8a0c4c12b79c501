import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deserializeContent, serializeContent } from './content-codec.ts'
import { storedAccountToJson } from './parse-stored-account.ts'
import type { StoredAccount, VaultContent } from './vault-content.ts'
import { expectCode, sampleAccount, sampleContent } from '../../../test/support/vault-fixtures.ts'

/** JSON text for one account, edited: the raw material an attacker or a bug would produce. */
function contentWith(edit: (account: Record<string, unknown>) => void): string {
  const account = storedAccountToJson(sampleAccount())
  edit(account)
  return JSON.stringify({ schemaVersion: 1, accounts: [account] })
}

describe('serializeContent / deserializeContent', () => {
  it('round-trips every field, including optional ones and the largest HOTP counter', () => {
    const text = serializeContent(sampleContent())
    expect(text).toContain('"counter":"18446744073709551615"')
    expect(deserializeContent(text)).toEqual({ content: sampleContent(), migratedFrom: null })
  })

  it('keeps a "__proto__" key in extra as data without touching prototypes', () => {
    const { content } = deserializeContent(serializeContent(sampleContent()))
    const extra = content.accounts[1]?.extra ?? {}
    expect(Object.hasOwn(extra, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['kept as data']).toBeUndefined()
  })

  it('writes only known fields, dropping stray properties', () => {
    const account = { ...sampleAccount(), secretNote: 'do not store', code: '123456' }
    const text = serializeContent({ schemaVersion: 1, accounts: [account] })
    expect(text).not.toContain('secretNote')
    expect(text).not.toContain('123456')
  })

  const corrupt: [string, (a: Record<string, unknown>) => void, RegExp][] = [
    ['a numeric counter', (a) => (a['counter'] = 5), /accounts\[0\]\.counter must be a decimal string/],
    ['counter 2^64', (a) => (a['counter'] = (2n ** 64n).toString()), /counter must be a decimal string from 0 to 2\^64/],
    ['counter with a leading zero', (a) => (a['counter'] = '01'), /counter must be a decimal string/],
    ['a negative counter', (a) => (a['counter'] = '-1'), /counter must be a decimal string/],
    ['a string digits', (a) => (a['digits'] = '6'), /accounts\[0\]\.digits must be an integer from 6 to 10/],
    ['5 TOTP digits', (a) => (a['digits'] = 5), /digits must be an integer from 6 to 10/],
    ['6 Steam digits', (a) => Object.assign(a, { type: 'steam', digits: 6 }), /digits must be an integer from 5 to 5/],
    ['period 0', (a) => (a['period'] = 0), /period must be an integer from 1/],
    ['type "xotp"', (a) => (a['type'] = 'xotp'), /type must be one of 'totp', 'hotp', 'steam', 'motp', 'yandex'/],
    ['an mOTP account without its PIN', (a) => (a['type'] = 'motp'), /pin is required for motp/],
    ['algorithm "MD5"', (a) => (a['algorithm'] = 'MD5'), /algorithm must be one of/],
    ['a lower-case secret', (a) => (a['secret'] = 'jbswy3dpehpk3pxp'), /secret must be normalised base32/],
    ['a padded secret', (a) => (a['secret'] = 'JBSWY3DPEHPK3PXP===='), /secret must be normalised base32/],
    ['an empty secret', (a) => (a['secret'] = ''), /secret must be normalised base32/],
    ['a numeric issuer', (a) => (a['issuer'] = 42), /accounts\[0\]\.issuer must be a string/],
    ['a missing account name', (a) => delete a['account'], /accounts\[0\]\.account is missing/],
    ['tags as a string', (a) => (a['tags'] = 'work'), /tags must be an array/],
    ['a numeric tag', (a) => (a['tags'] = ['ok', 3]), /tags\[1\] must be a string/],
    ['pinned as "yes"', (a) => (a['pinned'] = 'yes'), /pinned must be true or false/],
    ['sites as null', (a) => (a['sites'] = null), /sites must be an array/],
    ['a fractional createdAt', (a) => (a['createdAt'] = 1.5), /createdAt must be an integer/],
    ['a negative updatedAt', (a) => (a['updatedAt'] = -1), /updatedAt must be an integer/],
    ['lastUsedAt as a date string', (a) => (a['lastUsedAt'] = '2024-01-01'), /lastUsedAt must be an integer/],
    ['order null', (a) => (a['order'] = null), /order must be a finite number/],
    ['a fractional t0', (a) => (a['t0'] = 0.5), /t0 must be an integer/],
    ['a numeric extra value', (a) => (a['extra'] = { k: 1 }), /extra\.k must be a string/],
    ['an array image', (a) => (a['image'] = []), /image must be a string/],
    ['a non-UUID id', (a) => (a['id'] = 'account-1'), /id must be a lower-case UUID/],
    ['an unknown field', (a) => (a['favourite'] = true), /has an unknown field 'favourite'/],
  ]

  it.each(corrupt)('rejects %s with VAULT_CORRUPT and a specific message', async (_name, edit, message) => {
    const text = contentWith(edit)
    expect(() => deserializeContent(text)).toThrow(message)
    await expectCode(() => deserializeContent(text), 'VAULT_CORRUPT')
  })

  const corruptTop: [string, string, RegExp][] = [
    ['text that is not JSON', '{"schemaVersion":1,', /not valid JSON/],
    ['a JSON array', '[]', /the content must be an object/],
    ['accounts missing', '{"schemaVersion":1}', /accounts is missing/],
    ['accounts as an object', '{"schemaVersion":1,"accounts":{}}', /accounts must be an array/],
    ['an unknown top-level field', '{"schemaVersion":1,"accounts":[],"x":1}', /unknown field 'x'/],
    ['a nested setting', '{"schemaVersion":1,"accounts":[],"settings":{"a":{}}}', /settings\.a must be a string/],
    ['a fractional schemaVersion', '{"schemaVersion":0.5,"accounts":[]}', /schemaVersion must be a non-negative integer/],
  ]

  it.each(corruptTop)('rejects %s', async (_name, text, message) => {
    expect(() => deserializeContent(text)).toThrow(message)
    await expectCode(() => deserializeContent(text), 'VAULT_CORRUPT')
  })

  it('rejects two accounts with one id', async () => {
    const account = storedAccountToJson(sampleAccount())
    const text = JSON.stringify({ schemaVersion: 1, accounts: [account, account] })
    expect(() => deserializeContent(text)).toThrow(/appears twice/)
    await expectCode(() => deserializeContent(text), 'VAULT_CORRUPT')
  })

  it('refuses to write what it would refuse to read, with INVALID_PARAMETER', async () => {
    const bad: VaultContent[] = [
      { schemaVersion: 1, accounts: [sampleAccount({ counter: 2n ** 64n })] },
      { schemaVersion: 1, accounts: [sampleAccount({ secret: 'not base32!' })] },
      { schemaVersion: 1, accounts: [sampleAccount({ createdAt: Number.NaN })] },
      { schemaVersion: 1, accounts: [sampleAccount(), sampleAccount()] },
      { schemaVersion: 1, accounts: [null as unknown as StoredAccount] },
      { schemaVersion: 1, accounts: [], settings: { x: Number.POSITIVE_INFINITY } },
      { schemaVersion: 0, accounts: [] },
    ]
    for (const content of bad) await expectCode(() => serializeContent(content), 'INVALID_PARAMETER')
  })

  it('round-trips arbitrary valid accounts', () => {
    const account = fc.record({
      id: fc.uuid().map((u) => u.toLowerCase()),
      type: fc.constantFrom('totp' as const, 'hotp' as const),
      secret: fc.stringMatching(/^[A-Z2-7]{16,64}$/).filter((s) => ![1, 3, 6].includes(s.length % 8)),
      algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
      digits: fc.integer({ min: 6, max: 10 }),
      period: fc.integer({ min: 1, max: 86_400 }),
      counter: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      issuer: fc.string({ unit: 'grapheme' }),
      account: fc.string(),
      tags: fc.array(fc.string()),
      pinned: fc.boolean(),
      sites: fc.array(fc.domain()),
      createdAt: fc.nat(),
      updatedAt: fc.nat(),
      // JSON writes −0 as 0; `+ 0` maps −0 to 0 so toEqual (Object.is) compares like the vault does.
      order: fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
    })
    fc.assert(
      fc.property(fc.uniqueArray(account, { selector: (a) => a.id }), (accounts) => {
        const content: VaultContent = { schemaVersion: 1, accounts }
        expect(deserializeContent(serializeContent(content)).content).toEqual(content)
      }),
      { numRuns: 200 },
    )
  })
})
