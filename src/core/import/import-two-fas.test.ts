import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { twoFasEncryptedFile } from '../../../test/support/encrypted-fixtures.ts'
import { importBackup } from './import-backup.ts'
import {
  encode,
  expectEntries,
  expectError,
  mutatedJsonArb,
  OTP_FIELDS,
  valueOrKeyfobError,
  flipFirst,
  json,
  setIn,
  strIn,
} from '../../../test/support/import-helpers.ts'
import { errorFormat } from './password.ts'
import { FIXTURE_ENTRIES, twoFasPlainFile } from '../../../test/support/plain-fixtures.ts'

describe('2FAS', () => {
  it('imports a schema 4 backup with groups as tags', async () => {
    const result = await importBackup(twoFasPlainFile(FIXTURE_ENTRIES))
    expect(result.format).toBe('two-fas')
    expectEntries(result, FIXTURE_ENTRIES, [...OTP_FIELDS, 'tags'])
    expect(result.warnings).toEqual([])
  })

  it('assumes defaults for schema 1 and warns; warns about schema 2 entries that may have been HOTP', async () => {
    const v4 = json(twoFasPlainFile(FIXTURE_ENTRIES.slice(1, 2)))
    const v1 = { ...v4, schemaVersion: 1, services: [{ name: 'SPDX', secret: 'JBSWY3DPEHPK3PXP', otp: { label: 'SPDX:James' } }] }
    const r1 = await importBackup(encode(v1))
    expect(r1.entries[0]).toMatchObject({ type: 'totp', issuer: 'SPDX', account: 'James', algorithm: 'SHA1', digits: 6, period: 30 })
    expect(r1.warnings.join()).toMatch(/schema 1/)
    const v2 = {
      ...v4,
      schemaVersion: 2,
      services: [{ name: 'Issuu', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'J', digits: 6, algorithm: null } }],
    }
    const r2 = await importBackup(encode(v2))
    expect(r2.entries[0]).toMatchObject({ type: 'totp', algorithm: 'SHA1', period: 30 })
    expect(r2.warnings.join()).toMatch(/Issuu \(J\) had no period and may have been HOTP/)
  })

  it('skips unknown token types and refuses newer schemas and wrong types', async () => {
    const doc = setIn(json(twoFasPlainFile(FIXTURE_ENTRIES.slice(0, 2))), ['services', 1, 'otp', 'tokenType'], 'YANDEX')
    const result = await importBackup(encode(doc))
    expect(result.entries).toHaveLength(1)
    expect(result.skipped).toEqual([{ name: 'SPDX (James)', reason: "Unsupported token type 'YANDEX'." }])
    await expectError(importBackup(encode({ ...doc, schemaVersion: 5 })), 'UNSUPPORTED_FORMAT', /schema version 5/)
    await expectError(
      importBackup(encode(setIn(doc, ['services', 0, 'otp', 'period'], '30'))),
      'INVALID_FILE',
      /'services\[0\]\.otp\.period' must be a whole number/,
    )
  })

  describe('encrypted', () => {
    it('checks the reference, then decrypts the services', async () => {
      const file = await twoFasEncryptedFile(FIXTURE_ENTRIES, 'test')
      expectEntries(await importBackup(file, { password: 'test' }), FIXTURE_ENTRIES, [...OTP_FIELDS, 'tags'])
      expect(errorFormat(await expectError(importBackup(file), 'PASSWORD_REQUIRED'))).toBe('two-fas')
      await expectError(importBackup(file, { password: 'Test' }), 'WRONG_PASSWORD')
    })

    it('reports damaged services (right password) and malformed fields as INVALID_FILE', async () => {
      const doc = json(await twoFasEncryptedFile(FIXTURE_ENTRIES, 'test'))
      const damaged = setIn(doc, ['servicesEncrypted'], flipFirst(strIn(doc, ['servicesEncrypted'])))
      await expectError(importBackup(encode(damaged), { password: 'test' }), 'INVALID_FILE', /damaged/)
      await expectError(importBackup(encode({ ...doc, servicesEncrypted: 'abc:def' }), { password: 'test' }), 'INVALID_FILE', /three/)
      // A reference sealed under the same key but over other text.
      await expectError(
        importBackup(encode({ ...doc, reference: doc['servicesEncrypted'] }), { password: 'test' }),
        'INVALID_FILE',
        /unexpected value/,
      )
    })
  })

  it('gives a value or a KeyfobError for any mutation', async () => {
    const plain = json(twoFasPlainFile(FIXTURE_ENTRIES))
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(plain), (doc) => valueOrKeyfobError(() => importBackup(encode(doc)))),
      { numRuns: 300 },
    )
    const sealed = json(await twoFasEncryptedFile(FIXTURE_ENTRIES.slice(0, 1), 'test'))
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(sealed), (doc) => valueOrKeyfobError(() => importBackup(encode(doc), { password: 'test' }))),
      { numRuns: 60 },
    )
  })
})
