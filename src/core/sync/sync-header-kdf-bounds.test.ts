/**
 * A hostile header must be refused before the KDF runs, as a hostile vault is
 * (vault/kdf-bounds.test.ts): Keyfob's argon2id (vault/argon2id.ts) is wrapped in a spy to prove it.
 */
import { argon2id } from '../vault/argon2id.ts'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_ARGON2, MIN_NEW_ARGON2 } from '../vault/argon2-params.ts'
import type { StoredArgon2id } from '../vault/envelope.ts'
import { parseSyncHeader } from './parse-sync-header.ts'
import type { SyncHeader } from './sync-format.ts'
import { createSyncHeader, openSyncHeader } from './sync-header.ts'
import { expectCode, FAST_KDF, PASSWORD } from '../../../test/support/vault-fixtures.ts'

// The spy refuses hostile parameters itself: a regression would otherwise hang the suite.
vi.mock('../vault/argon2id.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../vault/argon2id.ts')>()
  const guarded: typeof actual.argon2id = (options) => {
    const { memoryKiB: m, iterations: t, parallelism: p } = options
    if (![m, t, p].every(Number.isSafeInteger) || m * t > 64 * 1024 * 8 || p > 16) {
      return Promise.reject(new Error('argon2id was called with hostile parameters'))
    }
    return actual.argon2id(options)
  }
  return { ...actual, argon2id: vi.fn(guarded) }
})

const hostile: [string, Partial<StoredArgon2id>][] = [
  ['4 GiB of memory', { memoryKiB: 4 * 1024 * 1024 }],
  ['a billion iterations', { iterations: 1e9 }],
  ['1 GiB × 20 passes', { memoryKiB: 1024 * 1024, iterations: 20 }],
  ['255 lanes', { parallelism: 255 }],
  ['NaN memory', { memoryKiB: Number.NaN }],
  ['memory under 8 KiB per lane', { memoryKiB: 8, parallelism: 2 }],
]

let header: SyncHeader
beforeAll(async () => {
  header = (await createSyncHeader(PASSWORD, FAST_KDF)).header
})
beforeEach(() => {
  vi.mocked(argon2id).mockClear()
})

describe('KDF parameters from a hostile header', () => {
  function withKdf(change: Partial<StoredArgon2id>): SyncHeader {
    const slot = header.slots.passphrase
    return { ...header, slots: { ...header.slots, passphrase: { ...slot, kdf: { ...slot.kdf, ...change } } } }
  }

  it('the spy sees honest derivations (so the checks below can fail)', async () => {
    await expect(openSyncHeader(header, { passphrase: PASSWORD })).resolves.toBeDefined()
    expect(vi.mocked(argon2id)).toHaveBeenCalledTimes(1)
  })

  it.each(hostile)('refuses %s in parseSyncHeader and openSyncHeader without running Argon2id', async (_name, change) => {
    const tampered = withKdf(change)
    await expectCode(() => parseSyncHeader(JSON.parse(JSON.stringify(tampered))), 'SYNC_HEADER_CORRUPT')
    // Even if a caller skipped parseSyncHeader, openSyncHeader checks again.
    await expectCode(openSyncHeader(tampered, { passphrase: PASSWORD }), 'SYNC_HEADER_CORRUPT')
    expect(vi.mocked(argon2id)).not.toHaveBeenCalled()
  })
})

describe('KDF parameters of a new header', () => {
  it('are the vault’s DEFAULT_ARGON2 unless a caller asks otherwise', async () => {
    const made = await createSyncHeader(PASSWORD)
    expect(made.header.slots.passphrase.kdf).toMatchObject(DEFAULT_ARGON2)
    expect(vi.mocked(argon2id)).toHaveBeenCalledWith(expect.objectContaining({ memoryKiB: 65536, iterations: 3, parallelism: 1 }))
  })

  it('may not go under the vault’s floor, MIN_NEW_ARGON2, and are refused before Argon2id runs', async () => {
    const under = { ...MIN_NEW_ARGON2, memoryKiB: 8192, iterations: 1 }
    await expectCode(createSyncHeader(PASSWORD, under), 'INVALID_PARAMETER')
    expect(vi.mocked(argon2id)).not.toHaveBeenCalled()
  })
})
