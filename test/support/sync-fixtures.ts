/**
 * Shared test data for src/core/sync's record and header tests (not imported by production code).
 */
import type { AccountState, Hlc, Tombstone } from '../../src/core/sync/sync-state.ts'
import type { SyncSpace } from '../../src/core/sync/sync-format.ts'

export const DEVICE_A = '5b0e3c1a-8f0e-4c59-a7a2-0f5d1e6b9c31'
export const DEVICE_B = 'e2c7d7b4-1d0f-4f2b-9a53-7c7f7b2b6a10'

export const SPACE: SyncSpace = { version: 1, spaceId: '7d0f4b2e-95a1-4c1e-8f3a-2b6c9d8e1f00' }
export const OTHER_SPACE: SyncSpace = { version: 1, spaceId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }

export function hlc(wall: number, count = 0, device = DEVICE_A): Hlc {
  return { wall, count, device }
}

/** A TOTP account whose registers were last written at different times; the greatest is issuer's. */
export function sampleState(overrides: Partial<AccountState> = {}): AccountState {
  return {
    id: '0b7c4c8e-3c1f-4b59-9d51-3a3f0d7c2e11',
    otp: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 },
    createdAt: 1_700_000_000_000,
    issuer: { value: 'Example Bank', at: hlc(1_700_000_500_000, 2, DEVICE_B) },
    account: { value: 'alice@example.com', at: hlc(1_700_000_000_000) },
    tags: { value: ['finance'], at: hlc(1_700_000_000_000) },
    pinned: { value: false, at: hlc(1_700_000_000_000) },
    order: { value: 0, at: hlc(1_700_000_100_000, 5) },
    sites: { value: ['example.com'], at: hlc(1_700_000_000_000) },
    counter: '0',
    deleted: { value: false, at: hlc(1_700_000_000_000) },
    ...overrides,
  }
}

/** An HOTP account using every optional field, including the largest counter. */
export function fullState(): AccountState {
  return sampleState({
    id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
    otp: {
      type: 'hotp',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      algorithm: 'SHA512',
      digits: 8,
      period: 30,
      t0: -30,
      image: 'https://example.org/logo.png',
      extra: { foo: 'bar', ['__proto__']: 'kept as data' },
    },
    issuer: { value: 'Ünïcödé Cö. 🔐', at: hlc(1_700_000_000_000) },
    order: { value: 1.5, at: hlc(1_700_000_000_000) },
    counter: '18446744073709551615',
  })
}

export function sampleTombstone(): Tombstone {
  return { id: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f', deleted: { value: true, at: hlc(1_700_000_900_000, 0, DEVICE_B) } }
}
