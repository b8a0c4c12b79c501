import fc from 'fast-check'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { expectNoDerivation } from '../../../test/support/kdf-spies.ts'
import { bitwardenEncryptedFile } from '../../../test/support/encrypted-fixtures.ts'
import { importBackup } from './import-backup.ts'
import { parseCsv } from './import-bitwarden-csv.ts'
import {
  encode,
  expectEntries,
  expectError,
  mutatedBytesArb,
  mutatedJsonArb,
  OTP_FIELDS,
  valueOrKeyfobError,
  flipFirst,
  json,
  setIn,
  strIn,
} from '../../../test/support/import-helpers.ts'
import { errorFormat } from './password.ts'
import { bitwardenCsvFile, bitwardenJsonFile, FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'

// Spies that pass through: a refusal must come before any derivation, whatever the machine's speed.
vi.mock('hash-wasm', async (importOriginal) => (await import('../../../test/support/kdf-spies.ts')).withKdfSpies(await importOriginal()))
beforeEach(() => vi.clearAllMocks())

const ALL = [...OTP_FIELDS, 'tags', 'pinned', 'note'] as const

describe('Bitwarden', () => {
  it('imports JSON exports: folders as tags, favourites pinned, notes; other items are counted, not listed', async () => {
    const result = await importBackup(bitwardenJsonFile(FIXTURE_ENTRIES))
    expect(result.format).toBe('bitwarden-json')
    expectEntries(result, FIXTURE_ENTRIES, [...ALL])
    expect(result.warnings).toEqual(['1 item(s) without a TOTP key (passwords, notes, cards…) were ignored.'])
  })

  it('imports CSV exports, quoted fields included', async () => {
    const entries = FIXTURE_ENTRIES.map((e, i) => (i === 0 ? { ...e, note: 'a, "quoted"\nnote' } : e))
    const result = await importBackup(bitwardenCsvFile(entries))
    expect(result.format).toBe('bitwarden-csv')
    expectEntries(result, entries, [...OTP_FIELDS, 'tags', 'pinned', 'note'])
    expect(parseCsv('a,"b ""c""",d\r\n"x\ny",,\n')).toEqual([
      ['a', 'b "c"', 'd'],
      ['x\ny', '', ''],
    ])
    await expectError(importBackup(encode('folder,login_totp\n,"unterminated').slice(1, -1)), 'UNSUPPORTED_FORMAT')
  })

  it('reads bare base32 keys as TOTP named after the item, and skips a URI without a secret', async () => {
    const doc = setIn(
      json(bitwardenJsonFile([])),
      ['items'],
      [
        { type: 1, name: 'Stratum', login: { username: 'me', totp: 'JOR2 VZXM NHAC FNLR AOAC FFRD RYAO FMLB' } },
        { type: 1, name: 'Login Name', login: { username: 'u', totp: 'otpauth://totp/my-secret-key' } },
      ],
    )
    const result = await importBackup(encode(doc))
    expect(result.entries).toEqual([
      expect.objectContaining({ type: 'totp', issuer: 'Stratum', account: 'me', secret: 'JOR2VZXMNHACFNLRAOACFFRDRYAOFMLB' }),
    ])
    expect(result.skipped).toEqual([{ name: 'Login Name (u)', reason: 'The URI has no secret parameter.' }])
  })

  it('refuses account-restricted exports with an explanation', async () => {
    const file = encode({ encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.a|b|c', folders: [], items: [] })
    await expectError(importBackup(file), 'UNSUPPORTED_FORMAT', /account restricted.*Password protected/s)
  })

  describe('password-protected', () => {
    it('decrypts, and tells a wrong password from damaged data', async () => {
      const file = await bitwardenEncryptedFile(FIXTURE_ENTRIES, 'passphrase')
      expectEntries(await importBackup(file, { password: 'passphrase' }), FIXTURE_ENTRIES, [...ALL])
      expect(errorFormat(await expectError(importBackup(file), 'PASSWORD_REQUIRED'))).toBe('bitwarden-json')
      await expectError(importBackup(file, { password: 'Passphrase' }), 'WRONG_PASSWORD')
      const doc = json(file)
      const [iv, data, mac] = strIn(doc, ['data']).split('|')
      const damaged = setIn(doc, ['data'], `${iv}|${flipFirst(data!)}|${mac}`)
      await expectError(importBackup(encode(damaged), { password: 'passphrase' }), 'INVALID_FILE', /damaged/)
    })

    it('refuses absurd KDF parameters before deriving, and unknown KDFs', async () => {
      const doc = json(await bitwardenEncryptedFile([], 'p'))
      const cases = [
        { kdfIterations: 2_000_000_000 },
        { kdfIterations: 0 },
        { kdfType: 1, kdfIterations: 3, kdfMemory: 1_000_000, kdfParallelism: 4 },
        { kdfType: 1, kdfIterations: 100_000, kdfMemory: 64, kdfParallelism: 4 },
        { kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: 1000 },
      ]
      for (const patch of cases) {
        vi.clearAllMocks() // building the file derived its key
        await expectError(importBackup(encode({ ...doc, ...patch }), { password: 'p' }), 'INVALID_FILE', /refusing to run/)
        expectNoDerivation()
      }
      await expectError(importBackup(encode({ ...doc, kdfType: 7 }), { password: 'p' }), 'UNSUPPORTED_FORMAT', /kdfType 7/)
      await expectError(
        importBackup(encode({ ...doc, kdfIterations: '600000' }), { password: 'p' }),
        'INVALID_FILE',
        /'the file\.kdfIterations'/,
      )
      await expectError(importBackup(encode({ ...doc, data: '0.abc' }), { password: 'p' }), 'INVALID_FILE', /EncString/)
    })
  })

  it('gives a value or a KeyfobError for any mutation', async () => {
    const plain = json(bitwardenJsonFile(FIXTURE_ENTRIES))
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(plain), (doc) => valueOrKeyfobError(() => importBackup(encode(doc)))),
      { numRuns: 300 },
    )
    const csv = bitwardenCsvFile(FIXTURE_ENTRIES)
    await fc.assert(
      fc.asyncProperty(mutatedBytesArb(csv), (bytes) => valueOrKeyfobError(() => importBackup(bytes))),
      { numRuns: 300 },
    )
    const sealed = json(await bitwardenEncryptedFile(FIXTURE_ENTRIES.slice(0, 1), 'p', 10))
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(sealed), (doc) => valueOrKeyfobError(() => importBackup(encode(doc), { password: 'p' }))),
      { numRuns: 100 },
    )
  })
})
