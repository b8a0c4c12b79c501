import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { andOtpEncryptedFile, andOtpEncryptedOldFile } from '../../../test/support/encrypted-fixtures.ts'
import { detectFormat } from './detect-format.ts'
import { importBackup } from './import-backup.ts'
import {
  encode,
  expectEntries,
  expectError,
  mutatedBytesArb,
  mutatedJsonArb,
  OTP_FIELDS,
  valueOrKeyfobError,
} from '../../../test/support/import-helpers.ts'
import { errorFormat } from './password.ts'
import { andOtpEntries, andOtpPlainFile, FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'

describe('andOTP', () => {
  it('imports a plain backup with padded secrets and tags', async () => {
    const result = await importBackup(andOtpPlainFile(FIXTURE_ENTRIES))
    expect(result.format).toBe('andotp')
    expectEntries(result, FIXTURE_ENTRIES, [...OTP_FIELDS, 'tags'])
  })

  it('splits the old "Issuer - Issuer:label" labels and skips mOTP', async () => {
    const [deno] = andOtpEntries(FIXTURE_ENTRIES.slice(0, 1)) as Record<string, unknown>[]
    const { issuer: _, ...old } = deno!
    const result = await importBackup(
      encode([
        { ...old, label: 'Deno - Deno:Mason' },
        { ...old, label: 'plain' },
        { ...deno, type: 'MOTP' },
      ]),
    )
    expect(result.entries.map((e) => [e.issuer, e.account])).toEqual([
      ['Deno', 'Mason'],
      ['', 'plain'],
    ])
    expect(result.skipped).toEqual([{ name: 'Deno (Mason)', reason: expect.stringMatching(/mOTP/) as unknown }])
  })

  it('decrypts the current and the old encrypted layouts', async () => {
    for (const file of [await andOtpEncryptedFile(FIXTURE_ENTRIES, 'test'), await andOtpEncryptedOldFile(FIXTURE_ENTRIES, 'test')]) {
      expect(detectFormat(file, 'otp_accounts.json.aes')).toBe('andotp')
      const fileName = 'otp_accounts.json.aes' // the old layout has no header: only its name tells
      expectEntries(await importBackup(file, { password: 'test', fileName }), FIXTURE_ENTRIES, [...OTP_FIELDS, 'tags'])
      expect(errorFormat(await expectError(importBackup(file, { fileName }), 'PASSWORD_REQUIRED'))).toBe('andotp')
      await expectError(importBackup(file, { password: 'wrong', fileName }), 'WRONG_PASSWORD')
      await expectError(importBackup(file.slice(0, file.length - 1), { password: 'test', fileName }), 'WRONG_PASSWORD')
    }
  })

  it('never runs PBKDF2 with an absurd iteration count', async () => {
    const file = await andOtpEncryptedFile(FIXTURE_ENTRIES, 'test')
    file.set([0xff, 0xff, 0xff, 0xff]) // 4 294 967 295 iterations
    const deriveBits = vi.spyOn(crypto.subtle, 'deriveBits')
    try {
      await expectError(importBackup(file, { password: 'test', fileName: 'otp_accounts.json.aes' }), 'WRONG_PASSWORD')
      const counts = deriveBits.mock.calls.map(([algorithm]) => (algorithm as Pbkdf2Params).iterations)
      expect(counts.filter((n) => n > 10_000_000)).toEqual([]) // PBKDF2 never ran at the file's count
    } finally {
      deriveBits.mockRestore()
    }
  })

  it('refuses wrong field types naming the field', async () => {
    const entries = andOtpEntries(FIXTURE_ENTRIES.slice(0, 1)) as Record<string, unknown>[]
    await expectError(importBackup(encode([{ ...entries[0], tags: [1] }])), 'INVALID_FILE', /'\[0\]\.tags\[0\]' must be text/)
  })

  it('gives a value or a KeyfobError for any mutation', async () => {
    const plain = andOtpEntries(FIXTURE_ENTRIES)
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(plain), (doc) => valueOrKeyfobError(() => importBackup(encode(doc)))),
      { numRuns: 300 },
    )
    const sealed = await andOtpEncryptedFile(FIXTURE_ENTRIES.slice(0, 1), 'test', 10)
    // The iteration count is kept: a flipped bit there legitimately asks for up to 10 million rounds.
    const keepHeader = (bytes: Uint8Array) => (bytes.length >= 4 ? (bytes.set(sealed.subarray(0, 4)), bytes) : bytes)
    await fc.assert(
      fc.asyncProperty(mutatedBytesArb(sealed).map(keepHeader), (bytes) =>
        valueOrKeyfobError(() => importBackup(bytes, { password: 'test' })),
      ),
      { numRuns: 100 },
    )
  })
})
