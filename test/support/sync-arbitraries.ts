/**
 * fast-check arbitraries for sync's merge tests (src/core/sync). Clocks come from a small range of
 * walls, counts and devices, so that equal walls, equal clocks and concurrent writes are common,
 * not a rare draw. Every record of one id shares that id's OTP identity and creation time, as real
 * copies of one account do (a conflict there is tested by hand).
 */
import fc from 'fast-check'
import type { AccountState, Hlc, Lww, OtpIdentity, SyncRecord, Tombstone } from '../../src/core/sync/sync-state.ts'
import type { StoredAccount } from '../../src/core/vault/vault-content.ts'

export const DEVICES = ['device-a', 'device-b', 'device-c'] as const

/** Record ids: a few, so two sets often share some. */
export const RECORD_IDS = [
  '6f1c1a52-59b6-4a8e-9f0e-0d6c1b1d9a01',
  'a3c0b6f4-2b7e-4d55-8f3a-7e2d9c4b1a02',
  'c9e8d7f6-1a2b-4c3d-9e8f-6a5b4c3d2e03',
  'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a04',
] as const

/** A clock; `maxWall` widens the walls for tests about keep times. */
export const hlcArb = (maxWall = 20): fc.Arbitrary<Hlc> =>
  fc.record({ wall: fc.integer({ min: 0, max: maxWall }), count: fc.integer({ min: 0, max: 3 }), device: fc.constantFrom(...DEVICES) })

const lwwArb = <T>(value: fc.Arbitrary<T>, maxWall?: number): fc.Arbitrary<Lww<T>> => fc.record({ value, at: hlcArb(maxWall) })

const nameArb = fc.constantFrom('', 'Example', 'ACME', 'alice@example.com', 'Bob')
const listArb = fc.uniqueArray(fc.constantFrom('work', 'home', 'finance', 'example.com', 'example.org'), { maxLength: 3 })
/** Any HOTP counter (RFC 4226's 8 bytes), as the decimal string a state keeps. */
const counterArb = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((n) => n.toString(10))

/** The identity and creation time of each id: fixed, as they are for one account everywhere. */
export function identityOf(id: string): { otp: OtpIdentity; createdAt: number } {
  const index = RECORD_IDS.indexOf(id as (typeof RECORD_IDS)[number])
  const otp: OtpIdentity =
    index % 2 === 0
      ? { type: 'totp', secret: `JBSWY3DPEHPK3PX${'ABCD'[index] ?? 'P'}`, algorithm: 'SHA1', digits: 6, period: 30 }
      : {
          type: 'hotp',
          secret: `GEZDGNBVGY3TQOJ${'ABCD'[index] ?? 'Q'}`,
          algorithm: 'SHA256',
          digits: 8,
          period: 30,
          t0: 0,
          extra: { foo: 'bar' },
        }
  return { otp, createdAt: 1_000 + index }
}

export const stateArb = (id: string, maxWall?: number): fc.Arbitrary<AccountState> =>
  fc
    .record({
      issuer: lwwArb(nameArb, maxWall),
      account: lwwArb(nameArb, maxWall),
      tags: lwwArb(listArb, maxWall),
      pinned: lwwArb(fc.boolean(), maxWall),
      order: lwwArb(fc.integer({ min: -3, max: 3 }), maxWall),
      sites: lwwArb(listArb, maxWall),
      counter: counterArb,
      deleted: lwwArb(fc.boolean(), maxWall),
    })
    .map((fields) => ({ id, ...identityOf(id), ...fields }))

const tombstoneArb = (id: string, maxWall?: number): fc.Arbitrary<Tombstone> =>
  hlcArb(maxWall).map((at) => ({ id, deleted: { value: true as const, at } }))

/** A record of `id`: mostly states, sometimes a tombstone. */
export const recordArb = (id: string, maxWall?: number): fc.Arbitrary<SyncRecord> =>
  fc.oneof({ arbitrary: stateArb(id, maxWall), weight: 3 }, { arbitrary: tombstoneArb(id, maxWall), weight: 1 })

/** A set of records (some of RECORD_IDS), keyed by id. */
export const recordSetArb = (maxWall?: number): fc.Arbitrary<Map<string, SyncRecord>> =>
  fc
    .tuple(...RECORD_IDS.map((id) => fc.option(recordArb(id, maxWall), { nil: undefined })))
    .map((records) => new Map(records.filter((r) => r !== undefined).map((r) => [r.id, r])))

/** A vault account with the identity of `id`. */
export const storedAccountArb = (id: string): fc.Arbitrary<StoredAccount> =>
  fc
    .record({
      issuer: nameArb,
      account: nameArb,
      tags: listArb,
      pinned: fc.boolean(),
      order: fc.integer({ min: -3, max: 3 }),
      sites: listArb,
      counter: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      lastUsedAt: fc.option(fc.integer({ min: 0, max: 2_000 }), { nil: undefined }),
    })
    .map(({ lastUsedAt, ...fields }) => {
      const { otp, createdAt } = identityOf(id)
      const stored: StoredAccount = { id, ...otp, ...fields, createdAt, updatedAt: createdAt }
      if (lastUsedAt !== undefined) stored.lastUsedAt = lastUsedAt
      return stored
    })
