import { base32Encode } from '../encoding/base32.ts'
import { hexDecode } from '../encoding/hex.ts'
import { generateCode } from '../otp/generate-code.ts'
import { MOTP_VECTORS, YANDEX_VECTORS } from '../../../test/support/otp-fixtures.ts'
import fc from 'fast-check'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { expectNoDerivation } from '../../../test/support/kdf-spies.ts'
import { errorFormat } from './password.ts'
import { aegisEncryptedFile } from '../../../test/support/encrypted-fixtures.ts'
import { importBackup } from './import-backup.ts'
import {
  encode,
  expectEntries,
  expectError,
  mutatedJsonArb,
  OTP_FIELDS,
  valueOrKeyfobError,
  flipFirst,
  getIn,
  json,
  setIn,
  strIn,
  type Rec,
} from '../../../test/support/import-helpers.ts'
import { aegisDb, aegisPlainFile, FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'

// Spies that pass through: a refusal must come before any derivation, whatever the machine's speed.
vi.mock('hash-wasm', async (importOriginal) => (await import('../../../test/support/kdf-spies.ts')).withKdfSpies(await importOriginal()))
beforeEach(() => vi.clearAllMocks())

const ALL = [...OTP_FIELDS, 'tags', 'pinned', 'note'] as const
const plain = (db: unknown) => encode({ version: 1, header: { slots: null, params: null }, db })

describe('Aegis', () => {
  it('imports plain vaults with db versions 1-3, groups as tags, favourites pinned, notes', async () => {
    for (const version of [1, 2, 3] as const) {
      const result = await importBackup(aegisPlainFile(FIXTURE_ENTRIES, version))
      expect(result.format).toBe('aegis')
      const expected = FIXTURE_ENTRIES.map((e) => ({ ...e, tags: version === 1 ? [] : e.tags }))
      expectEntries(result, expected, [...ALL])
    }
  })

  it('reads mOTP and Yandex Key entries with their PIN (Aegis vectors), skips MD5 TOTP and bad PINs, warns about icons and Steam periods', async () => {
    const db = aegisDb(FIXTURE_ENTRIES.slice(0, 1), 3) as { entries: Rec[] }
    const base = db.entries[0]!
    const info = base['info'] as Rec
    db.entries.push(
      {
        ...base,
        type: 'motp',
        name: 'm',
        info: { secret: base32Encode(hexDecode(MOTP_VECTORS[0]!.secret)), algo: 'MD5', digits: 6, period: 10, pin: '1234' },
      },
      {
        ...base,
        type: 'yandex',
        name: 'y',
        info: { secret: YANDEX_VECTORS[0]!.secret, algo: 'SHA256', digits: 8, period: 30, pin: YANDEX_VECTORS[0]!.pin },
      },
      {
        ...base,
        type: 'yandex',
        name: 'y-no-pin',
        info: { secret: YANDEX_VECTORS[0]!.secret, algo: 'SHA256', digits: 8, period: 30, pin: 'x' },
      },
      { ...base, name: 'md5', info: { ...info, algo: 'MD5' } },
      { ...base, name: 'icon', icon: 'iVBORw0KGgo=', icon_mime: 'image/png' },
      { ...base, type: 'steam', name: 'steam', info: { ...info, period: 60 } },
    )
    const result = await importBackup(plain(db))
    expect(result.entries.map((e) => e.account)).toEqual(['Mason', 'm', 'y', 'icon', 'steam'])
    expect(result.skipped.map((s) => s.name)).toEqual(['Deno (y-no-pin)', 'Deno (md5)'])
    expect(result.skipped[0]!.reason).toMatch(/PIN/)
    const [, motp, yandex] = result.entries
    expect(await generateCode(motp!, MOTP_VECTORS[0]!.time * 1000)).toBe(MOTP_VECTORS[0]!.code)
    expect(await generateCode(yandex!, YANDEX_VECTORS[0]!.time * 1000)).toBe(YANDEX_VECTORS[0]!.code)
    expect(result.warnings).toEqual([expect.stringMatching(/Steam codes always/), expect.stringMatching(/^1 custom icon/)])
  })

  it('refuses wrong field types naming the field, and unknown versions', async () => {
    const db = aegisDb(FIXTURE_ENTRIES.slice(0, 1)) as { entries: Rec[] }
    ;(db.entries[0]!['info'] as Rec)['digits'] = '6'
    await expectError(importBackup(plain(db)), 'INVALID_FILE', /'db\.entries\[0\]\.info\.digits' must be a whole number, not text/)
    await expectError(importBackup(plain({ ...db, entries: {} })), 'INVALID_FILE', /'db\.entries' must be a list/)
    await expectError(importBackup(plain({ version: 4, entries: [] })), 'UNSUPPORTED_FORMAT', /database version 4/)
    await expectError(importBackup(encode({ version: 2, header: {}, db: {} })), 'UNSUPPORTED_FORMAT')
  })

  describe('encrypted', () => {
    it('opens the password slot (skipping a biometric one) and imports', async () => {
      const file = await aegisEncryptedFile(FIXTURE_ENTRIES, 'pässword')
      expectEntries(await importBackup(file, { password: 'pässword' }), FIXTURE_ENTRIES, [...ALL])
    })

    it('asks for a password, rejects a wrong one, and tells a damaged vault apart', async () => {
      const file = await aegisEncryptedFile(FIXTURE_ENTRIES, 'test')
      const required = await expectError(importBackup(file), 'PASSWORD_REQUIRED')
      expect(errorFormat(required)).toBe('aegis')
      await expectError(importBackup(file, { password: 'nope' }), 'WRONG_PASSWORD')
      const damaged = setIn(json(file), ['db'], flipFirst(strIn(json(file), ['db'])))
      await expectError(importBackup(encode(damaged), { password: 'test' }), 'INVALID_FILE', /damaged/)
    })

    it('refuses absurd scrypt parameters before running scrypt', async () => {
      const file = json(await aegisEncryptedFile(FIXTURE_ENTRIES, 'test'))
      for (const [key, value] of [
        ['n', 2 ** 30],
        ['n', 1000],
        ['r', 1_000_000],
        ['p', 2 ** 20],
        ['n', -1],
      ] as const) {
        const bad = setIn(file, ['header', 'slots', 1, key], value)
        vi.clearAllMocks() // building the file derived its key
        await expectError(importBackup(encode(bad), { password: 'test' }), 'INVALID_FILE', /refusing to run/)
        expectNoDerivation()
      }
    })

    it('refuses a vault with only device-bound slots', async () => {
      const file = json(await aegisEncryptedFile(FIXTURE_ENTRIES, 'test'))
      const one = setIn(file, ['header', 'slots'], (getIn(file, ['header', 'slots']) as unknown[]).slice(0, 1))
      await expectError(importBackup(encode(one), { password: 'test' }), 'UNSUPPORTED_FORMAT', /no password slot/)
    })
  })

  it('gives a value or a KeyfobError for any mutation of a plain vault', async () => {
    const document = json(aegisPlainFile(FIXTURE_ENTRIES))
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(document), (doc) => valueOrKeyfobError(() => importBackup(encode(doc)))),
      { numRuns: 300 },
    )
  })

  it('gives a value or a KeyfobError for any mutation of an encrypted vault', async () => {
    const document = json(await aegisEncryptedFile(FIXTURE_ENTRIES.slice(0, 2), 'test', { n: 16, r: 1, p: 1 }))
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(document), (doc) => valueOrKeyfobError(() => importBackup(encode(doc), { password: 'test' }))),
      { numRuns: 100 },
    )
  })
})
