import fc from 'fast-check'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { expectNoDerivation } from '../../../test/support/kdf-spies.ts'
import { authenticatorExtensionV8File, cryptoJsEncrypt } from '../../../test/support/encrypted-fixtures.ts'
import { importBackup } from './import-backup.ts'
import {
  encode,
  expectEntries,
  expectError,
  mutatedJsonArb,
  OTP_FIELDS,
  valueOrKeyfobError,
  getIn,
  json,
  setIn,
  strIn,
} from '../../../test/support/import-helpers.ts'
import { errorFormat } from './password.ts'
import { authenticatorExtensionPlainFile, FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'

// Spies that pass through: a refusal must come before any derivation, whatever the machine's speed.
vi.mock('hash-wasm', async (importOriginal) => (await import('../../../test/support/kdf-spies.ts')).withKdfSpies(await importOriginal()))
beforeEach(() => vi.clearAllMocks())

const record = (fields: Record<string, unknown>) => ({ encrypted: false, hash: 'id', index: 0, issuer: 'I', account: 'a', ...fields })

describe('Authenticator extension', () => {
  it('imports a plain JSON backup (omitted period/digits/algorithm are the defaults)', async () => {
    const result = await importBackup(authenticatorExtensionPlainFile(FIXTURE_ENTRIES))
    expect(result.format).toBe('authenticator-extension')
    expectEntries(result, FIXTURE_ENTRIES, [...OTP_FIELDS, 'pinned'])
  })

  it('maps Battle.net, hex secrets, legacy prefixes; skips GOST and unknown types', async () => {
    const file = {
      a: record({ type: 'battle', secret: 'JBSWY3DPEHPK3PXP', index: 0 }),
      b: record({ type: 'hex', secret: '48656c6c6f21deadbeef', index: 1 }), // = base32 JBSWY3DPEHPK3PXP
      c: record({ type: 'hhex', secret: '48656c6c6f21deadbeef', counter: 3, index: 2 }),
      d: record({ type: 'totp', secret: 'stm-JBSWY3DPEHPK3PXP', index: 3 }),
      e: record({ type: 'totp', secret: 'blz-JBSWY3DPEHPK3PXP', index: 4 }),
      f: record({ type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'GOST3411_2012_256', index: 5 }),
      g: record({ type: 'yandex', secret: 'JBSWY3DPEHPK3PXP', index: 6 }),
    }
    const result = await importBackup(encode(file))
    expect(result.entries.map((e) => [e.type, e.digits, e.secret])).toEqual([
      ['totp', 8, 'JBSWY3DPEHPK3PXP'],
      ['totp', 6, 'JBSWY3DPEHPK3PXP'],
      ['hotp', 6, 'JBSWY3DPEHPK3PXP'],
      ['steam', 5, 'JBSWY3DPEHPK3PXP'],
      ['totp', 8, 'JBSWY3DPEHPK3PXP'],
    ])
    expect(result.entries[2]!.counter).toBe(3n)
    expect(result.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/GOST3411_2012_256/), "Unsupported entry type 'yandex'."])
  })

  describe('encrypted v8', () => {
    it('derives the passphrase, checks it against the key record and decrypts', async () => {
      const file = await authenticatorExtensionV8File(FIXTURE_ENTRIES, 'pw')
      expectEntries(await importBackup(file, { password: 'pw' }), FIXTURE_ENTRIES, [...OTP_FIELDS, 'pinned'])
      expect(errorFormat(await expectError(importBackup(file), 'PASSWORD_REQUIRED'))).toBe('authenticator-extension')
      await expectError(importBackup(file, { password: 'PW' }), 'WRONG_PASSWORD')
    })

    it('refuses a key check hash with absurd Argon2 parameters before running it', async () => {
      const doc = json(await authenticatorExtensionV8File(FIXTURE_ENTRIES.slice(0, 1), 'pw'))
      const keyId = Object.keys(doc).find((k) => getIn(doc, [k, 'dataType']) === 'Key')!
      const absurd = setIn(doc, [keyId, 'hash'], strIn(doc, [keyId, 'hash']).replace('m=19456', 'm=4000000000'))
      vi.clearAllMocks() // building the file derived its key
      await expectError(importBackup(encode(absurd), { password: 'pw' }), 'INVALID_FILE', /refusing to run/)
      expectNoDerivation()
      await expectError(importBackup(encode(setIn(doc, [keyId, 'hash'], 'not a phc string')), { password: 'pw' }), 'INVALID_FILE', /PHC/)
    })

    it('skips entries whose key record is missing', async () => {
      const doc = json(await authenticatorExtensionV8File(FIXTURE_ENTRIES.slice(0, 2), 'pw'))
      const id = Object.keys(doc).find((k) => getIn(doc, [k, 'dataType']) === 'EncOTPStorage')!
      const result = await importBackup(encode(setIn(doc, [id, 'keyId'], 'elsewhere')), { password: 'pw' })
      expect(result.entries).toHaveLength(1)
      expect(result.skipped[0]!.reason).toMatch(/key record is missing/)
    })
  })

  it('decrypts legacy v1 secrets with the password itself, and rejects a wrong one', async () => {
    const file = { x: record({ type: 'totp', encrypted: true, secret: await cryptoJsEncrypt('JBSWY3DPEHPK3PXP', 'old') }) }
    const result = await importBackup(encode(file), { password: 'old' })
    expect(result.entries[0]).toMatchObject({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'I' })
    await expectError(importBackup(encode(file), { password: 'new' }), 'WRONG_PASSWORD')
  })

  it('gives a value or a KeyfobError for any mutation', async () => {
    const plain = json(authenticatorExtensionPlainFile(FIXTURE_ENTRIES))
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(plain), (doc) => valueOrKeyfobError(() => importBackup(encode(doc)))),
      { numRuns: 300 },
    )
    const sealed = json(await authenticatorExtensionV8File(FIXTURE_ENTRIES.slice(0, 1), 'pw'))
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(sealed), (doc) => valueOrKeyfobError(() => importBackup(encode(doc), { password: 'pw' }))),
      { numRuns: 30 },
    )
  }, 30_000)
})
