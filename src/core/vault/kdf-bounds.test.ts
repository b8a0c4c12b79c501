/**
 * A hostile envelope must be refused before the KDF runs, so it cannot make the
 * service worker allocate a gigabyte or spin for minutes. Keyfob's argon2id (argon2id.ts)
 * is wrapped in a spy to prove it is never called.
 */
import { argon2id } from './argon2id.ts'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PasswordSlot, VaultEnvelope } from './envelope.ts'
import { parseEnvelope } from './parse-envelope.ts'
import { verifyPassword } from './slot-operations.ts'
import { createVault, unlockWithPassword } from './vault.ts'
import { expectCode, FAST_KDF, PASSWORD } from '../../../test/support/vault-fixtures.ts'

// The spy refuses to run hostile parameters itself: Argon2id's wasm blocks the
// thread, so a regression would otherwise hang the suite instead of failing it.
vi.mock('./argon2id.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./argon2id.ts')>()
  const guarded: typeof actual.argon2id = (options) => {
    const { memoryKiB: m, iterations: t, parallelism: p } = options
    if (![m, t, p].every(Number.isSafeInteger) || m * t > 64 * 1024 * 8 || p > 16) {
      return Promise.reject(new Error('argon2id was called with hostile parameters'))
    }
    return actual.argon2id(options)
  }
  return { ...actual, argon2id: vi.fn(guarded) }
})

const hostile: [string, Partial<PasswordSlot['kdf']>][] = [
  ['4 GiB of memory', { memoryKiB: 4 * 1024 * 1024 }],
  ['a billion iterations', { iterations: 1e9 }],
  ['1 GiB × 20 passes', { memoryKiB: 1024 * 1024, iterations: 20 }],
  ['255 lanes', { parallelism: 255 }],
  ['NaN memory', { memoryKiB: Number.NaN }],
]

describe('KDF parameter bounds from a hostile envelope', () => {
  let envelope: VaultEnvelope
  beforeEach(async () => {
    envelope ??= (await createVault({ password: PASSWORD, kdf: FAST_KDF })).envelope
    vi.mocked(argon2id).mockClear()
  })

  function withKdf(change: Partial<PasswordSlot['kdf']>): VaultEnvelope {
    const slot = envelope.slots[0] as PasswordSlot
    return { ...envelope, slots: [{ ...slot, kdf: { ...slot.kdf, ...change } }] }
  }

  it('the spy sees honest derivations (so the checks below can fail)', async () => {
    await expect(unlockWithPassword(envelope, PASSWORD)).resolves.toBeDefined()
    expect(vi.mocked(argon2id)).toHaveBeenCalledTimes(1)
  })

  it.each(hostile)('refuses %s in parseEnvelope, unlock and verify without running Argon2id', async (_name, change) => {
    const tampered = withKdf(change)
    await expectCode(() => parseEnvelope(JSON.parse(JSON.stringify(tampered))), 'VAULT_CORRUPT')
    // Even if a caller skipped parseEnvelope, the KDF re-checks its bounds.
    await expectCode(unlockWithPassword(tampered, PASSWORD), 'VAULT_CORRUPT')
    await expectCode(verifyPassword(tampered, PASSWORD), 'VAULT_CORRUPT')
    expect(vi.mocked(argon2id)).not.toHaveBeenCalled()
  })
})
