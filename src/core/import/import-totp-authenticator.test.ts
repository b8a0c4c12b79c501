import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectEntries, expectError, mutatedBytesArb, valueOrKeyfobError } from '../../../test/support/import-helpers.ts'
import { totpAuthenticatorFile } from '../../../test/support/more-format-fixtures.ts'
import { FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'
import { detectFormat } from './detect-format.ts'
import { importBackup } from './import-backup.ts'
import { errorFormat } from './password.ts'
import { TOTP_AUTHENTICATOR_DEFAULT_PASSWORD } from './import-totp-authenticator.ts'

// TOTP Authenticator holds TOTP/SHA1 only.
const E = FIXTURE_ENTRIES.filter((e) => e.type === 'totp').map((e) => ({ ...e, algorithm: 'SHA1' as const }))

describe('TOTP Authenticator backups', () => {
  it('reads hex keys and text digits/period, and warns when digits/period are not 6/30 (the spec leaves them uncertain)', async () => {
    const file = await totpAuthenticatorFile(E, 'test')
    expect(detectFormat(file)).toBe('totp-authenticator')
    const result = await importBackup(file, { password: 'test' })
    expectEntries(result, E)
    expect(result.warnings).toEqual([expect.stringMatching(/SPDX \(James\), Airbnb \(Elijah\).*6 digits every 30 seconds/)])
  })

  it("opens a backup made without a password (the app's fixed one) without asking", async () => {
    const file = await totpAuthenticatorFile(E.slice(0, 1), TOTP_AUTHENTICATOR_DEFAULT_PASSWORD)
    const result = await importBackup(file)
    expectEntries(result, E.slice(0, 1))
    expect(result.warnings).toEqual([])
  })

  it('asks for a password naming the app, refuses a wrong one and a truncated file', async () => {
    const file = await totpAuthenticatorFile(E, 'test')
    expect(errorFormat(await expectError(importBackup(file), 'PASSWORD_REQUIRED', /TOTP Authenticator/))).toBe('totp-authenticator')
    await expectError(importBackup(file, { password: 'wrong' }), 'WRONG_PASSWORD')
    // Whole blocks shorter: CBC decrypts, the padding or the JSON fails.
    const short = new TextEncoder().encode(new TextDecoder().decode(file).slice(0, 64))
    await expectError(importBackup(short, { password: 'test' }), 'WRONG_PASSWORD')
  })

  it('"Unknown" issuer: the name becomes the issuer', async () => {
    const file = await totpAuthenticatorFile([{ ...E[0]!, issuer: '', account: 'Solo' }], 'test')
    const [entry] = (await importBackup(file, { password: 'test' })).entries
    expect([entry!.issuer, entry!.account]).toEqual(['Solo', ''])
  })

  it('gives a value or a KeyfobError for any mutation', async () => {
    const sealed = await totpAuthenticatorFile(E, 'test')
    await fc.assert(
      fc.asyncProperty(mutatedBytesArb(sealed), (bytes) => valueOrKeyfobError(() => importBackup(bytes, { password: 'test' }))),
      { numRuns: 200 },
    )
  })
})
