/**
 * Test support for the exporters (src/core/export) and the round-trip tests
 * in src/core/import: a vault content that exercises every
 * field and edge the formats differ on, a fast-check arbitrary for random
 * contents, and comparisons that look at what a format carries.
 */
import fc from 'fast-check'
import { isKeyfobError } from '../../src/core/errors.ts'
import { expect } from 'vitest'
import { base32Encode } from '../../src/core/encoding/base32.ts'
import type { ImportedEntry } from '../../src/core/import/import-result.ts'
import { generateCode } from '../../src/core/otp/generate-code.ts'
import type { AccountFields } from '../../src/core/types.ts'
import type { Argon2Params } from '../../src/core/vault/argon2-params.ts'
import type { StoredAccount, VaultContent } from '../../src/core/vault/vault-content.ts'

export const PASSWORD = 'correct horse battery staple'
export const OTHER_PASSWORD = 'Tr0ub4dor&3-but-longer'
/** Far below the floor for new backups: only with `insecureKdfForTests` (≈ 1 ms a derivation). */
export const TEST_KDF: Argon2Params = { memoryKiB: 64, iterations: 1, parallelism: 1 }
/** 2^64 − 1, the largest RFC 4226 counter. */
export const MAX_COUNTER = 2n ** 64n - 1n
/** Times at which codes are compared (Unix ms), around period boundaries. */
const TIMES = [0, 1_111_111_109_000, 1_700_000_000_000, 2_000_000_029_999]

let nextId = 0
function id(): string {
  nextId++
  return `00000000-0000-4000-8000-${nextId.toString(16).padStart(12, '0')}`
}

export function account(overrides: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id: id(),
    type: 'totp',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0n,
    issuer: 'Example',
    account: 'alice@example.com',
    tags: [],
    pinned: false,
    sites: [],
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_500,
    order: 0,
    ...overrides,
  }
}

/**
 * Every kind of account the formats disagree about. The array order differs
 * from `order` on purpose: list formats must write the manual order.
 */
export function variedContent(): VaultContent {
  const secret20 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
  return {
    schemaVersion: 1,
    accounts: [
      account({
        order: 5,
        issuer: 'GitHub',
        account: 'octocat',
        tags: ['work', 'dev'],
        pinned: true,
        sites: ['github.com'],
        lastUsedAt: 1_700_000_100_000,
      }),
      account({
        order: 1,
        secret: secret20,
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
        issuer: 'Ünïcödé Cö. 🔐',
        account: 'ünï@例え.jp',
        tags: ['privé'],
      }),
      account({
        order: 2,
        secret: `${secret20}GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ`,
        algorithm: 'SHA512',
        digits: 7,
        period: 15,
        issuer: 'Colon: Inc',
        account: 'user:name',
      }),
      account({ order: 3, digits: 9, issuer: '', account: 'no-issuer:with colon' }),
      account({
        order: 4,
        digits: 10,
        period: 45,
        issuer: 'Ten',
        account: 'digits',
        image: 'https://example.org/logo.png',
        extra: { 'x-note': 'kept & encoded = ok' },
      }),
      account({ order: 6, type: 'hotp', counter: 0n, issuer: 'Hotp', account: 'zero', tags: ['work'] }),
      account({
        order: 7,
        type: 'hotp',
        algorithm: 'SHA256',
        digits: 8,
        counter: BigInt(Number.MAX_SAFE_INTEGER),
        issuer: 'Hotp',
        account: 'safe max',
      }),
      account({ order: 8, type: 'hotp', counter: 2n ** 63n - 1n, issuer: 'Hotp', account: 'int64 max' }),
      account({ order: 9, type: 'hotp', algorithm: 'SHA512', counter: MAX_COUNTER, issuer: 'Hotp', account: 'uint64 max', pinned: true }),
      account({ order: 10, type: 'steam', digits: 5, secret: secret20, issuer: 'Steam', account: 'gaben', tags: ['games'] }),
      account({ order: 11, period: 30, t0: 1_000, issuer: 'Offset', account: 't0' }),
      account({ order: 0, digits: 8, issuer: 'First', account: 'by order', sites: ['example.com', 'example.org'] }),
    ],
  }
}

/** A lone UTF-16 surrogate cannot be written as UTF-8 (a URI or a migration payload). */
export function brokenNameAccount(): StoredAccount {
  return account({ order: 100, issuer: 'Broken \uD800', account: 'surrogate' })
}

// ---------------------------------------------------------------- fast-check

const nameChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcXYZ019 .-_@') },
  { weight: 2, arbitrary: fc.constantFrom(':', '%', '+', '&', '=', '?', '#', '/', '"', '\\', '|') },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ß', '例', '🔐', '：', '\u00A0x', 'Ω') },
)
/** Names as the vault holds them: trimmed (every importer trims, as the vault's editor does). */
const nameArb = fc.array(nameChar, { maxLength: 12 }).map((cs) => cs.join('').trim())
const tagArb = fc
  .array(nameChar, { minLength: 1, maxLength: 8 })
  .map((cs) => cs.join('').trim())
  .filter((t) => t !== '')

const otpArb: fc.Arbitrary<Pick<AccountFields, 'type' | 'algorithm' | 'digits' | 'period' | 'counter' | 't0'>> = fc.oneof(
  fc.record(
    {
      type: fc.constant('totp' as const),
      algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
      digits: fc.integer({ min: 6, max: 10 }),
      period: fc.oneof(fc.constant(30), fc.integer({ min: 1, max: 300 })),
      counter: fc.constant(0n),
      t0: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: -1000, max: 1000 })), { nil: undefined }),
    },
    { requiredKeys: ['type', 'algorithm', 'digits', 'period', 'counter'] },
  ),
  fc.record({
    type: fc.constant('hotp' as const),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.integer({ min: 6, max: 10 }),
    period: fc.constant(30),
    counter: fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: MAX_COUNTER }), fc.constant(MAX_COUNTER)),
  }),
  fc.record({
    type: fc.constant('steam' as const),
    algorithm: fc.constant('SHA1' as const),
    digits: fc.constant(5),
    period: fc.constant(30),
    counter: fc.constant(0n),
  }),
)

const extraArb = fc.dictionary(
  fc.stringMatching(/^x-[a-z0-9]{1,6}$/),
  fc.array(nameChar, { maxLength: 6 }).map((cs) => cs.join('')),
  { minKeys: 1, maxKeys: 2 },
)

const storedAccountArb: fc.Arbitrary<StoredAccount> = fc
  .record({
    otp: otpArb,
    secret: fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => base32Encode(b)),
    issuer: nameArb,
    account: nameArb,
    tags: fc.uniqueArray(tagArb, { maxLength: 3 }),
    pinned: fc.boolean(),
    sites: fc.uniqueArray(fc.constantFrom('example.com', 'github.com', 'bank.co.uk'), { maxLength: 2 }),
    createdAt: fc.integer({ min: 0, max: 2 ** 42 }),
    updatedAt: fc.integer({ min: 0, max: 2 ** 42 }),
    lastUsedAt: fc.option(fc.integer({ min: 0, max: 2 ** 42 }), { nil: undefined }),
    // `+ 0` turns -0 into 0: JSON (the vault and the backup) has no negative zero.
    order: fc
      .oneof(fc.integer({ min: -5, max: 50 }), fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }))
      .map((o) => o + 0),
    image: fc.option(fc.constantFrom('https://example.org/a.png', 'data:image/png;base64,iVBORw0='), { nil: undefined }),
    extra: fc.option(extraArb, { nil: undefined }),
  })
  .map(({ otp, lastUsedAt, image, extra, ...rest }) => {
    const a: StoredAccount = { id: crypto.randomUUID(), ...otp, ...rest }
    if (otp.t0 === undefined) delete a.t0
    if (lastUsedAt !== undefined) a.lastUsedAt = lastUsedAt
    if (image !== undefined) a.image = image
    if (extra !== undefined) a.extra = extra
    return a
  })

export const contentArb: fc.Arbitrary<VaultContent> = fc
  .array(storedAccountArb, { minLength: 1, maxLength: 8 })
  .map((accounts) => ({ schemaVersion: 1, accounts }))

// ---------------------------------------------------------------- comparing

/** The OTP fields as they affect codes: Steam is always SHA1/5/30, HOTP has no period, T0 is TOTP-only. */
function otpView(a: AccountFields): Record<string, unknown> {
  return {
    type: a.type,
    secret: a.secret,
    algorithm: a.type === 'steam' ? 'SHA1' : a.algorithm,
    digits: a.type === 'steam' ? 5 : a.digits,
    period: a.type === 'hotp' ? null : a.type === 'steam' ? 30 : a.period,
    counter: a.type === 'hotp' ? a.counter : 0n,
    t0: a.type === 'totp' ? (a.t0 ?? 0) : 0,
  }
}

/** The codes at TIMES; a time before a TOTP's T0 has none, and gives its error code instead. */
async function codesAt(a: AccountFields): Promise<string[]> {
  return Promise.all(
    TIMES.map(async (t) => {
      try {
        return await generateCode(a, t)
      } catch (e) {
        if (!isKeyfobError(e)) throw e
        return `no code: ${e.code}`
      }
    }),
  )
}

export interface Carried {
  tags?: boolean
  pinned?: boolean
  image?: boolean
  extra?: boolean
  /** How the format writes an account name (the URI list turns ':' into '：'). */
  accountName?: (name: string) => string
}

/**
 * Asserts that `entries` are exactly `expected` (in that order) on everything
 * the format carries: the OTP fields, the same codes at TIMES, the names, and
 * the metadata listed in `carried`.
 */
export async function expectRoundTrip(
  entries: readonly ImportedEntry[],
  expected: readonly StoredAccount[],
  carried: Carried,
): Promise<void> {
  expect(entries.length).toBe(expected.length)
  for (const [i, a] of expected.entries()) {
    const e = entries[i]!
    const want: Record<string, unknown> = { ...otpView(a), issuer: a.issuer, account: (carried.accountName ?? ((n) => n))(a.account) }
    const got: Record<string, unknown> = { ...otpView(e), issuer: e.issuer, account: e.account }
    if (carried.tags) [want['tags'], got['tags']] = [a.tags, e.tags]
    if (carried.pinned) [want['pinned'], got['pinned']] = [a.pinned, e.pinned]
    if (carried.image) [want['image'], got['image']] = [a.image, e.image]
    if (carried.extra) [want['extra'], got['extra']] = [a.extra, e.extra]
    expect(got, `account ${i} (${a.issuer}/${a.account})`).toEqual(want)
    expect(await codesAt(e), `codes of account ${i}`).toEqual(await codesAt(a))
  }
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}
