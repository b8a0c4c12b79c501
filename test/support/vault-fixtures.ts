/**
 * Shared test data for the vault's tests (not imported by production code).
 */
import { expect } from 'vitest'
import type { ErrorCode } from '../../src/core/errors.ts'
import { isKeyfobError } from '../../src/core/errors.ts'
import type { Argon2Params } from '../../src/core/vault/argon2-params.ts'
import { MIN_NEW_ARGON2 } from '../../src/core/vault/argon2-params.ts'
import type { VaultEnvelope } from '../../src/core/vault/envelope.ts'
import { parseEnvelope } from '../../src/core/vault/parse-envelope.ts'
import type { StoredAccount, VaultContent } from '../../src/core/vault/vault-content.ts'

/** The cheapest parameters a new slot accepts (OWASP minimum); ≈ 60 ms a derivation. */
export const FAST_KDF: Argon2Params = MIN_NEW_ARGON2

export const PASSWORD = 'correct horse battery staple'
export const OTHER_PASSWORD = 'Tr0ub4dor&3-but-longer'

export function sampleAccount(overrides: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id: '0b7c4c8e-3c1f-4b59-9d51-3a3f0d7c2e11',
    type: 'totp',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0n,
    issuer: 'Example Bank',
    account: 'alice@example.com',
    tags: ['finance'],
    pinned: false,
    sites: ['example.com'],
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    order: 0,
    ...overrides,
  }
}

/** A TOTP account and an HOTP account using every optional field, incl. the largest counter. */
export function sampleContent(): VaultContent {
  return {
    schemaVersion: 1,
    accounts: [
      sampleAccount(),
      sampleAccount({
        id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
        type: 'hotp',
        algorithm: 'SHA512',
        digits: 8,
        counter: 2n ** 64n - 1n,
        issuer: 'Ünïcödé Cö. 🔐',
        account: 'bob',
        t0: -30,
        image: 'https://example.org/logo.png',
        extra: { foo: 'bar', ['__proto__']: 'kept as data' },
        tags: [],
        pinned: true,
        sites: [],
        lastUsedAt: 1_700_000_123_456,
        order: 1.5,
      }),
    ],
    settings: { autoLockMinutes: 15, theme: 'dark', showCodes: true },
  }
}

/** What the browser layer does: JSON into storage and back, then parseEnvelope. */
export function throughStorage(envelope: VaultEnvelope): VaultEnvelope {
  return parseEnvelope(JSON.parse(JSON.stringify(envelope)))
}

/** Asserts a KeyfobError with this exact code (sync throw or rejection). */
export async function expectCode(run: Promise<unknown> | (() => unknown), code: ErrorCode): Promise<void> {
  let error: unknown
  try {
    await (typeof run === 'function' ? run() : run)
  } catch (e) {
    error = e
  }
  expect(isKeyfobError(error, code), `expected ${code}, got ${String(error)}`).toBe(true)
}
