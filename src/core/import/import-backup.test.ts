import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkArgon2, checkPbkdf2, checkScrypt } from './kdf.ts'
import { importBackup } from './import-backup.ts'
import { encode, expectError, valueOrKeyfobError } from '../../../test/support/import-helpers.ts'
import { MAX_ENTRIES } from './limits.ts'
import { andOtpEntries, FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'

describe('importBackup', () => {
  it('gives a value or a KeyfobError for arbitrary bytes, text and JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), (b) => valueOrKeyfobError(() => importBackup(b, { password: 'x' }))),
      { numRuns: 300 },
    )
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), (s) =>
        valueOrKeyfobError(() => importBackup(new TextEncoder().encode(s))),
      ),
      { numRuns: 300 },
    )
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (v) => valueOrKeyfobError(() => importBackup(encode(v), { password: 'x' }))),
      { numRuns: 500 },
    )
  })

  it('refuses more than MAX_ENTRIES accounts', async () => {
    const one = andOtpEntries(FIXTURE_ENTRIES.slice(0, 1))[0]
    await expectError(importBackup(encode(Array(MAX_ENTRIES + 1).fill(one))), 'INVALID_FILE', /has 10001 items; the limit is 10000/)
    const lines = Array(MAX_ENTRIES + 1)
      .fill('otpauth://totp/x?secret=JBSWY3DP')
      .join('\n')
    await expectError(importBackup(new TextEncoder().encode(lines)), 'INVALID_FILE', /more than 10000 accounts/)
  })

  it('rejects the wrong type for the input itself', async () => {
    await expectError(importBackup('text' as unknown as Uint8Array), 'INVALID_FILE')
  })
})

describe('KDF bounds', () => {
  it.each<[string, () => void]>([
    ['PBKDF2 above 10 million', () => checkPbkdf2(10_000_001)],
    ['PBKDF2 of 0', () => checkPbkdf2(0)],
    ['PBKDF2 of 1.5', () => checkPbkdf2(1.5)],
    ['PBKDF2 of NaN', () => checkPbkdf2(Number.NaN)],
    ['scrypt N=2^21', () => checkScrypt({ n: 2 ** 21, r: 8, p: 1 })],
    ['scrypt N=3 (not a power of two)', () => checkScrypt({ n: 3, r: 8, p: 1 })],
    ['scrypt with 512 MiB', () => checkScrypt({ n: 2 ** 17, r: 32, p: 1 })],
    ['scrypt p=17', () => checkScrypt({ n: 2 ** 15, r: 8, p: 17 })],
    ['scrypt work above 1 GiB', () => checkScrypt({ n: 2 ** 18, r: 8, p: 8 })],
    ['Argon2 with 2 GiB', () => checkArgon2({ memoryKiB: 2 ** 21, iterations: 1, parallelism: 1 })],
    ['Argon2 work above 4 GiB·passes', () => checkArgon2({ memoryKiB: 2 ** 20, iterations: 5, parallelism: 1 })],
    ['Argon2 with m < 8·p', () => checkArgon2({ memoryKiB: 64, iterations: 1, parallelism: 16 })],
    ['Argon2 with 257 passes', () => checkArgon2({ memoryKiB: 65536, iterations: 257, parallelism: 1 })],
  ])('refuses %s', async (_, check) => {
    await expectError(check, 'INVALID_FILE', /refusing to run the key derivation/)
  })

  it('accepts every real file’s parameters', () => {
    expect(() => checkScrypt({ n: 32768, r: 8, p: 1 })).not.toThrow() // Aegis
    expect(() => checkPbkdf2(600_000)).not.toThrow() // Bitwarden
    expect(() => checkArgon2({ memoryKiB: 65536, iterations: 3, parallelism: 4 })).not.toThrow() // Bitwarden
    expect(() => checkArgon2({ memoryKiB: 1024 * 1024, iterations: 4, parallelism: 1 })).not.toThrow() // Ente (Stratum sample)
    expect(() => checkArgon2({ memoryKiB: 256 * 1024, iterations: 16, parallelism: 1 })).not.toThrow() // Ente (current)
  })
})
