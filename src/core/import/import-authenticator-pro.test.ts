import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  expectEntries,
  expectError,
  mutatedBytesArb,
  mutatedJsonArb,
  OTP_FIELDS,
  valueOrKeyfobError,
  encode,
} from '../../../test/support/import-helpers.ts'
import { authProJson, authProLegacyFile, authProPlainFile, authProStrongFile } from '../../../test/support/more-format-fixtures.ts'
import { FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'
import { detectFormat } from './detect-format.ts'
import { importBackup } from './import-backup.ts'
import { errorFormat } from './password.ts'

const E = FIXTURE_ENTRIES

describe('Authenticator Pro (.authpro)', () => {
  it('reads the plain JSON backup, categories as tags', async () => {
    const file = authProPlainFile(E)
    expect(detectFormat(file)).toBe('authenticator-pro')
    expectEntries(await importBackup(file), E, [...OTP_FIELDS, 'tags'])
  })

  it('skips mOTP and Yandex entries with their reason, and unknown types', async () => {
    const extra = [
      { Type: 3, Issuer: 'M', Username: 'm', Secret: '0123456789abcdef', Pin: '1234', Algorithm: 0, Digits: 6, Period: 10, Counter: 0 },
      { Type: 5, Issuer: 'Y', Username: 'y', Secret: 'JBSWY3DPEHPK3PXP', Pin: '12345', Algorithm: 0, Digits: 8, Period: 30, Counter: 0 },
      { Type: 9, Issuer: 'Z', Username: null, Secret: 'JBSWY3DPEHPK3PXP' },
    ]
    const result = await importBackup(encode(authProJson(E.slice(0, 1), extra)))
    expect(result.entries).toHaveLength(1)
    expect(result.skipped).toEqual([
      { name: 'M (m)', reason: expect.stringMatching(/mOTP/) as unknown },
      { name: 'Y (y)', reason: expect.stringMatching(/Yandex/) as unknown },
      { name: 'Z', reason: 'Unsupported entry type 9.' },
    ])
  })

  it('treats null or missing arrays as empty', async () => {
    const result = await importBackup(
      encode({ Authenticators: authProJson(E.slice(0, 1)).Authenticators, Categories: null, AuthenticatorCategories: null }),
    )
    expect(result.entries).toHaveLength(1)
  })

  it('decrypts the legacy container (PBKDF2-SHA1, AES-CBC), and names the app when it needs a password', async () => {
    const file = await authProLegacyFile(E, 'test')
    expect(detectFormat(file)).toBe('authenticator-pro')
    expectEntries(await importBackup(file, { password: 'test' }), E, [...OTP_FIELDS, 'tags'])
    expect(errorFormat(await expectError(importBackup(file), 'PASSWORD_REQUIRED', /Authenticator Pro/))).toBe('authenticator-pro')
    await expectError(importBackup(file, { password: 'wrong' }), 'WRONG_PASSWORD')
    await expectError(importBackup(file.slice(0, 40), { password: 'test' }), 'WRONG_PASSWORD')
  })

  it('legacy has no MAC: a plaintext that is not the JSON backup is a wrong password, not a crash', async () => {
    await expectError(importBackup(await authProLegacyFile([], 'test', encode('not json')), { password: 'test' }), 'WRONG_PASSWORD')
    await expectError(importBackup(await authProLegacyFile([], 'test', encode({ other: 1 })), { password: 'test' }), 'WRONG_PASSWORD')
  })

  it('decrypts the strong container (Argon2id 64 MiB, AES-GCM); a flipped byte or a wrong password fails the tag', async () => {
    const file = await authProStrongFile(E.slice(0, 2), 'test')
    expect(detectFormat(file)).toBe('authenticator-pro')
    expectEntries(await importBackup(file, { password: 'test' }), E.slice(0, 2))
    const flipped = new Uint8Array(file)
    flipped[flipped.length - 1]! ^= 1
    await expectError(importBackup(flipped, { password: 'test' }), 'WRONG_PASSWORD')
    await expectError(importBackup(file, { password: 'wrong' }), 'WRONG_PASSWORD')
  }, 30_000)

  it('gives a value or a KeyfobError for any mutation', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(authProJson(E)), (doc) => valueOrKeyfobError(() => importBackup(encode(doc)))),
      { numRuns: 300 },
    )
    const sealed = await authProLegacyFile(E.slice(0, 2), 'test')
    await fc.assert(
      fc.asyncProperty(mutatedBytesArb(sealed), (bytes) => valueOrKeyfobError(() => importBackup(bytes, { password: 'test' }))),
      { numRuns: 20 },
    )
  }, 60_000)
})
