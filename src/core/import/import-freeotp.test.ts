import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectEntries, expectError, mutatedBytesArb, valueOrKeyfobError } from '../../../test/support/import-helpers.ts'
import { freeOtpBackupFile, javaStringMap } from '../../../test/support/more-format-fixtures.ts'
import { FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'
import { detectFormat } from './detect-format.ts'
import { importBackup } from './import-backup.ts'
import { readJavaStringMap } from './java-serialized-map.ts'
import { errorFormat } from './password.ts'

// FreeOTP has no Steam type of its own (only the issuer "Steam").
const E = FIXTURE_ENTRIES.filter((e) => e.type !== 'steam')

/** The file's map, changed by `edit`, serialized again. */
function edited(file: Uint8Array, edit: (map: Map<string, string>) => void): Uint8Array {
  const map = readJavaStringMap(file)
  edit(map)
  return javaStringMap(map)
}

describe('FreeOTP 2 backups', () => {
  it('reads every token, HOTP counters verbatim, with either PBKDF2 hash', async () => {
    for (const hash of ['SHA-512', 'SHA-1'] as const) {
      const file = await freeOtpBackupFile(E, 'test', 10, hash)
      expect(detectFormat(file)).toBe('freeotp')
      const result = await importBackup(file, { password: 'test' })
      expectEntries(
        {
          ...result,
          entries: [...result.entries].sort(
            (a, b) => E.findIndex((e) => e.secret === a.secret) - E.findIndex((e) => e.secret === b.secret),
          ),
        },
        E,
      )
    }
  })

  it('asks for the password naming FreeOTP, and refuses a wrong one', async () => {
    const file = await freeOtpBackupFile(E.slice(0, 1), 'test')
    expect(errorFormat(await expectError(importBackup(file), 'PASSWORD_REQUIRED', /FreeOTP/))).toBe('freeotp')
    await expectError(importBackup(file, { password: 'wrong' }), 'WRONG_PASSWORD')
  })

  it('skips a token whose key does not decrypt, or whose algorithm Keyfob does not compute, and reads the rest', async () => {
    const file = await freeOtpBackupFile(E.slice(0, 3), 'test')
    const map = readJavaStringMap(file)
    const [first, second] = [...map.keys()].filter((k) => k !== 'masterKey' && !k.endsWith('-token')).sort()
    const damaged = edited(file, (m) => {
      const key = JSON.parse((JSON.parse(m.get(first!)!) as { key: string }).key) as { mCipherText: number[] }
      key.mCipherText[0] = key.mCipherText[0] === 1 ? 2 : 1
      m.set(first!, JSON.stringify({ key: JSON.stringify(key) }))
      m.set(`${second!}-token`, m.get(`${second!}-token`)!.replace('"algo":"SHA256"', '"algo":"SHA224"'))
    })
    const result = await importBackup(damaged, { password: 'test' })
    expect(result.entries.map((e) => e.issuer)).toEqual(['Airbnb'])
    expect(result.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/does not decrypt/), expect.stringMatching(/SHA224/)])
  })

  it('reads long strings and back-references of Java serialization', () => {
    const long = 'x'.repeat(70_000)
    const bytes = javaStringMap(
      new Map([
        ['a', long],
        ['b', 'ünïcödé'],
      ]),
    )
    expect(readJavaStringMap(bytes)).toEqual(
      new Map([
        ['a', long],
        ['b', 'ünïcödé'],
      ]),
    )
    // 'b' → a reference to the handle of the first string ('a' is handle 0x7E0002).
    const ref = javaStringMap(
      new Map([
        ['a', 'v'],
        ['b', 'w'],
      ]),
    )
    const at = ref.length - 1 - 4 // the last string: 74 00 01 77, then 78
    const withRef = new Uint8Array([...ref.subarray(0, at), 0x71, 0x00, 0x7e, 0x00, 0x02, 0x78])
    expect(readJavaStringMap(withRef).get('b')).toBe('a')
  })

  it('refuses truncated files and other serialized objects as INVALID_FILE', async () => {
    const file = await freeOtpBackupFile(E.slice(0, 1), 'test')
    for (const n of [6, 30, 80, file.length - 1]) await expectError(importBackup(file.slice(0, n), { password: 'test' }), 'INVALID_FILE')
    const other = new Uint8Array(file)
    other.set(new TextEncoder().encode('java.util.TreeMap'), 8)
    await expectError(importBackup(other, { password: 'test' }), 'INVALID_FILE', /TreeMap/)
  })

  it('gives a value or a KeyfobError for any mutation', async () => {
    const sealed = await freeOtpBackupFile(E.slice(0, 2), 'test')
    await fc.assert(
      fc.asyncProperty(mutatedBytesArb(sealed), (bytes) => valueOrKeyfobError(() => importBackup(bytes, { password: 'test' }))),
      { numRuns: 200 },
    )
  }, 60_000)
})
