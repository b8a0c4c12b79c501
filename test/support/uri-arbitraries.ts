import fc from 'fast-check'
import { base32Encode } from '../../src/core/encoding/base32.ts'
import type { AccountFields, Algorithm } from '../../src/core/types.ts'

/**
 * fast-check arbitraries for URI and migration round-trip tests. Names are
 * what the parsers produce: trimmed, and (for otpauth) without colons, whose
 * replacement in labels is tested separately.
 */
export const nameArb = (opts: { colons: boolean }) =>
  fc.string({ unit: 'binary', maxLength: 24 }).filter((s) => s === s.trim() && (opts.colons || !s.includes(':')))

export const secretArb = fc.uint8Array({ minLength: 1, maxLength: 64 }).map(base32Encode)
const algorithmArb = fc.constantFrom<Algorithm>('SHA1', 'SHA256', 'SHA512')
const counterArb = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })

const RESERVED = ['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'image', 'encoder', 't0']
const extraKeyArb = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((k) => !RESERVED.includes(k.toLowerCase()))

/** Extra parameters whose keys differ case-insensitively (the parser compares them so). */
const extraArb = fc
  .uniqueArray(fc.tuple(extraKeyArb, fc.string({ unit: 'binary', maxLength: 16 })), {
    maxLength: 4,
    selector: ([k]) => k.toLowerCase(),
  })
  .map((pairs) => {
    const extra: Record<string, string> = {}
    for (const [k, v] of pairs) Object.defineProperty(extra, k, { value: v, enumerable: true, writable: true, configurable: true })
    return extra
  })

/** Any account an otpauth URI can carry, already in the parser's canonical form. */
export const otpauthAccountArb: fc.Arbitrary<AccountFields> = fc
  .record({
    type: fc.constantFrom('totp', 'hotp', 'steam'),
    issuer: nameArb({ colons: false }),
    account: nameArb({ colons: false }),
    secret: secretArb,
    algorithm: algorithmArb,
    digits: fc.integer({ min: 6, max: 10 }),
    period: fc.oneof(fc.constant(30), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
    counter: counterArb,
    image: fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { nil: undefined }),
    extra: fc.option(
      extraArb.filter((e) => Object.keys(e).length > 0),
      { nil: undefined },
    ),
    t0: fc.option(
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }).filter((t) => t !== 0),
      { nil: undefined },
    ),
  })
  .map((a) => {
    const fields: AccountFields = {
      ...a,
      // What each type keeps fixed (otpauth-uri.md, rule 9).
      ...(a.type === 'steam' ? { algorithm: 'SHA1' as const, digits: 5, period: 30, counter: 0n } : {}),
      ...(a.type === 'totp' ? { counter: 0n } : {}),
      ...(a.type === 'hotp' ? { period: 30 } : {}),
    }
    if (fields.image === undefined) delete fields.image
    if (fields.extra === undefined) delete fields.extra
    // T0 (django-otp's start time) only for TOTP, and written only when not 0.
    if (fields.t0 === undefined || a.type !== 'totp') delete fields.t0
    return fields
  })

/** Any account a migration payload can carry, in the decoder's canonical form. */
export const migrationAccountArb: fc.Arbitrary<AccountFields> = fc
  .record({
    type: fc.constantFrom('totp', 'hotp'),
    issuer: nameArb({ colons: true }),
    account: nameArb({ colons: true }),
    secret: secretArb,
    algorithm: algorithmArb,
    digits: fc.constantFrom(6, 8),
    counter: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
  })
  .map((a) => ({ ...a, period: 30, counter: a.type === 'hotp' ? a.counter : 0n }))
