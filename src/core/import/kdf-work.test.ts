/**
 * Hostile: a file whose every key derivation is within its own bounds, but which
 * carries many of them (Aegis password slots, Authenticator-extension key records),
 * so that trying a password against all of them would take minutes. Such a file
 * must be refused, naming the per-file limit, before any derivation runs.
 */
import { argon2id, argon2Verify, scrypt } from 'hash-wasm'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { aegisEncryptedFile, authenticatorExtensionV8File } from '../../../test/support/encrypted-fixtures.ts'
import { importBackup } from './import-backup.ts'
import { encode, expectEntries, expectError, json, type Rec } from '../../../test/support/import-helpers.ts'
import { argon2Work, pbkdf2Work, scryptWork } from './kdf-work.ts'
import { MAX_ARGON2_WORK_KIB, MAX_KDF_WORK_PER_FILE, MAX_PBKDF2_ITERATIONS, MAX_SCRYPT_WORK_BYTES } from './limits.ts'
import { FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'

// Spies that still derive at the cheap parameters the fixtures use, and refuse costly ones
// themselves: hash-wasm blocks the thread, so a regression would otherwise hang for minutes.
vi.mock('hash-wasm', async (importOriginal) => {
  const actual = await importOriginal<typeof import('hash-wasm')>()
  const cheap = (o: { memorySize?: number; iterations?: number; costFactor?: number; parallelism?: number }) =>
    (o.memorySize ?? 0) <= 64 * 1024 && (o.iterations ?? 0) <= 4 && (o.costFactor ?? 0) <= 2 ** 15 && (o.parallelism ?? 1) <= 4
  return {
    ...actual,
    argon2id: vi.fn((o: Parameters<typeof actual.argon2id>[0]) =>
      cheap(o) ? actual.argon2id(o) : Promise.reject(new Error('argon2id called with costly parameters')),
    ),
    scrypt: vi.fn((o: Parameters<typeof actual.scrypt>[0]) =>
      cheap(o) ? actual.scrypt(o) : Promise.reject(new Error('scrypt called with costly parameters')),
    ),
    argon2Verify: vi.fn((o: Parameters<typeof actual.argon2Verify>[0]) => {
      const [, m, t] = /m=(\d+),t=(\d+)/.exec(o.hash) ?? []
      return cheap({ memorySize: Number(m), iterations: Number(t) })
        ? actual.argon2Verify(o)
        : Promise.reject(new Error('argon2Verify called with costly parameters'))
    }),
  }
})
const deriveBits = vi.spyOn(crypto.subtle, 'deriveBits')

/** At the per-slot scrypt caps (import/limits.ts): 128·N·r = 256 MiB of memory, times p = 1 GiB of work. */
const SCRYPT_AT_CAP = { n: 2 ** 18, r: 8, p: 4 }
/** At the per-derivation Argon2 cap: 1 GiB × 4 passes. */
const ARGON2_AT_CAP = 'm=1048576,t=4,p=1'

function expectNoDerivation(): void {
  expect(scrypt).not.toHaveBeenCalled()
  expect(argon2id).not.toHaveBeenCalled()
  expect(argon2Verify).not.toHaveBeenCalled()
  expect(deriveBits).not.toHaveBeenCalled()
}

beforeEach(() => vi.clearAllMocks())

describe('key-derivation work is bounded per file, not only per derivation', () => {
  it('an Aegis file with 16 password slots, each at the per-slot scrypt cap, is refused before any scrypt runs', async () => {
    const file = json(await aegisEncryptedFile(FIXTURE_ENTRIES, 'test'))
    const header = file['header'] as Rec
    const slot = (header['slots'] as Rec[])[1]!
    header['slots'] = Array.from({ length: 16 }, (_, i) => ({ ...slot, uuid: `pw-${i}`, ...SCRYPT_AT_CAP }))
    vi.clearAllMocks()
    const error = await expectError(importBackup(encode(file), { password: 'test' }), 'INVALID_FILE', /limit per file/)
    expect(error.message).toBe(
      "The file's 16 password slots together ask for 33,554,432 units of key-derivation work; the limit per file is 8,388,608 " +
        '(about 8 seconds). Refusing to run the key derivation.',
    )
    expectNoDerivation()
  })

  it('an Authenticator-extension file with 16 key records, each checked at the Argon2 cap, is refused before any Argon2 runs', async () => {
    const file = json(await authenticatorExtensionV8File(FIXTURE_ENTRIES.slice(0, 1), 'test'))
    const [keyId, key] = Object.entries(file).find(([, r]) => (r as Rec)['dataType'] === 'Key')!
    const entry = Object.values(file).find((r) => (r as Rec)['dataType'] === 'EncOTPStorage') as Rec
    const hash = String((key as Rec)['hash']).replace(/m=\d+,t=\d+,p=\d+/, ARGON2_AT_CAP)
    const hostile: Rec = {}
    for (let i = 0; i < 16; i++) {
      const id = `${keyId.slice(0, -2)}${String(i).padStart(2, '0')}`
      hostile[id] = { ...(key as Rec), id, hash }
      hostile[`entry-${i}`] = { ...entry, keyId: id }
    }
    vi.clearAllMocks()
    const error = await expectError(importBackup(encode(hostile), { password: 'test' }), 'INVALID_FILE', /limit per file/)
    expect(error.message).toMatch(/16 key records/)
    expectNoDerivation()
  })

  it('normal files still import: Aegis with two password slots, the Authenticator extension with one key record', async () => {
    const aegis = json(await aegisEncryptedFile(FIXTURE_ENTRIES, 'test', { n: 2 ** 15, r: 8, p: 1 }))
    const slots = (aegis['header'] as Rec)['slots'] as Rec[]
    // A second password slot that does not open (another password): the first one that does wins.
    slots.unshift({ ...slots[1]!, uuid: 'other', salt: 'ab'.repeat(32) })
    vi.clearAllMocks()
    expectEntries(await importBackup(encode(aegis), { password: 'test' }), FIXTURE_ENTRIES)
    expect(scrypt).toHaveBeenCalledTimes(2)
    const extension = await authenticatorExtensionV8File(FIXTURE_ENTRIES.slice(0, 2), 'test')
    expect((await importBackup(extension, { password: 'test' })).entries).toHaveLength(2)
  })

  it('one derivation at its own cap always fits, so only files with several are refused by the total', () => {
    const largest = [
      argon2Work({ memoryKiB: MAX_ARGON2_WORK_KIB, iterations: 1, parallelism: 1 }),
      scryptWork({ n: MAX_SCRYPT_WORK_BYTES / 128, r: 1, p: 1 }),
      pbkdf2Work(MAX_PBKDF2_ITERATIONS),
    ]
    for (const work of largest) expect(work).toBeLessThanOrEqual(MAX_KDF_WORK_PER_FILE)
  })
})
