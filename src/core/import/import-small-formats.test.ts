/** FreeOTP+, LastPass, Proton Authenticator, Steam and Raivo: small JSON formats. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { protonEncryptedFile } from '../../../test/support/encrypted-fixtures.ts'
import { importBackup } from './import-backup.ts'
import type { ImportedEntry } from './import-result.ts'
import { encode, expectEntries, expectError, mutatedJsonArb, OTP_FIELDS, valueOrKeyfobError } from '../../../test/support/import-helpers.ts'
import { errorFormat } from './password.ts'
import {
  FIXTURE_ENTRIES,
  freeOtpPlusFile,
  lastPassFile,
  protonPlainFile,
  raivoFile,
  steamMaFile,
} from '../../../test/support/plain-fixtures.ts'

const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown
const totps = FIXTURE_ENTRIES.filter((e) => e.type === 'totp')
const otps = FIXTURE_ENTRIES.filter((e) => e.type !== 'steam')
const steam = FIXTURE_ENTRIES.find((e) => e.type === 'steam')!

async function fuzz(file: Uint8Array, password?: string, numRuns = 200): Promise<void> {
  await fc.assert(
    fc.asyncProperty(mutatedJsonArb(json(file)), (doc) => valueOrKeyfobError(() => importBackup(encode(doc), { password }))),
    { numRuns },
  )
}

describe('FreeOTP+', () => {
  it('reads signed-byte secrets and adds 1 to HOTP counters, saying so', async () => {
    const result = await importBackup(freeOtpPlusFile(otps))
    expect(result.format).toBe('freeotp-plus')
    expectEntries(result, otps)
    expect(result.warnings.join()).toMatch(/1 was added/)
  })

  it('imports issuer "Steam" tokens as Steam, as FreeOTP shows them, and checks byte values', async () => {
    const doc = json(freeOtpPlusFile([{ ...totps[0]!, issuer: 'Steam' }])) as { tokens: Record<string, unknown>[] }
    expect((await importBackup(encode(doc))).entries[0]!.type).toBe('steam')
    doc.tokens[0]!.secret = [1, 2, 300]
    await expectError(importBackup(encode(doc)), 'INVALID_FILE', /'tokens\[0\]\.secret\[2\]' must be a byte/)
  })

  it('gives a value or a KeyfobError for any mutation', () => fuzz(freeOtpPlusFile(otps)))
})

describe('LastPass Authenticator', () => {
  it('imports TOTP accounts, folders as tags, favourites pinned', async () => {
    const entries: ImportedEntry[] = totps.map((e, i) => ({ ...e, tags: i === 0 ? ['Work'] : [], pinned: i === 1 }))
    const result = await importBackup(lastPassFile(entries))
    expect(result.format).toBe('lastpass')
    expectEntries(result, entries, [...OTP_FIELDS, 'tags', 'pinned'])
  })

  it('gives a value or a KeyfobError for any mutation', () => fuzz(lastPassFile(totps)))
})

describe('Proton Authenticator', () => {
  it('imports plain exports (steam:// included) with notes', async () => {
    const result = await importBackup(protonPlainFile(FIXTURE_ENTRIES))
    expect(result.format).toBe('proton-authenticator')
    expectEntries(
      result,
      FIXTURE_ENTRIES.map((e) => (e.type === 'steam' ? { ...e, issuer: 'Steam' } : e)),
      [...OTP_FIELDS, 'note'],
    )
  })

  it('decrypts encrypted exports and rejects a wrong or missing password', async () => {
    const file = await protonEncryptedFile(FIXTURE_ENTRIES.slice(0, 3), 'test')
    expectEntries(await importBackup(file, { password: 'test' }), FIXTURE_ENTRIES.slice(0, 3))
    expect(errorFormat(await expectError(importBackup(file), 'PASSWORD_REQUIRED'))).toBe('proton-authenticator')
    await expectError(importBackup(file, { password: 'x' }), 'WRONG_PASSWORD')
  })

  it('gives a value or a KeyfobError for any mutation', async () => {
    await fuzz(protonPlainFile(FIXTURE_ENTRIES))
    await fuzz(await protonEncryptedFile(FIXTURE_ENTRIES.slice(0, 1), 'test'), 'test', 20)
  }, 30_000)
})

describe('Steam mobile authenticator', () => {
  it('reads a .maFile and the {accounts: {…}} form', async () => {
    const single = await importBackup(steamMaFile(steam))
    expect(single.format).toBe('steam')
    expect(single.entries).toEqual([expect.objectContaining({ type: 'steam', issuer: 'Steam', account: 'Sophia', secret: steam.secret })])
    const many = await importBackup(encode({ accounts: { one: json(steamMaFile(steam)) } }))
    expect(many.entries).toEqual(single.entries)
    const bad = await importBackup(encode({ shared_secret: 'not base64!', account_name: 'x' }))
    expect(bad.skipped).toEqual([{ name: 'Steam (x)', reason: expect.stringMatching(/base64/) as unknown }])
  })

  it('gives a value or a KeyfobError for any mutation', () => fuzz(steamMaFile(steam)))
})

describe('Raivo OTP', () => {
  it('reads numbers written as text', async () => {
    const result = await importBackup(raivoFile(otps))
    expect(result.format).toBe('raivo')
    expectEntries(result, otps)
  })

  it('gives a value or a KeyfobError for any mutation', () => fuzz(raivoFile(otps)))
})
