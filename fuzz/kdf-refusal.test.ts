/**
 * Key-derivation parameters come from the file, so a mutated backup may ask
 * for any amount of work. Whatever lies outside import/limits.ts (or the
 * vault's Argon2 ceiling, for Keyfob's own backup) must be refused with a
 * typed error quickly and *before* any derivation runs: hash-wasm, Keyfob's
 * own Argon2id (src/core/vault/argon2id.ts) and WebCrypto's deriveBits are spies here, and they must not be called at all.
 */
import fc from 'fast-check'
import { argon2id, argon2Verify, scrypt } from 'hash-wasm'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { isKeyfobError } from '../src/core/errors.ts'
import { argon2id as vaultArgon2id } from '../src/core/vault/argon2id.ts'
import { importKeyfobBackup } from '../src/core/export/import-keyfob-backup.ts'
import { importBackup } from '../src/core/import/import-backup.ts'
import type { FormatId } from '../src/core/import/import-result.ts'
import { readJavaStringMap } from '../src/core/import/java-serialized-map.ts'
import { javaStringMap } from '../test/support/more-format-fixtures.ts'
import { vaultSeeds, formatSeeds } from './seeds/cached-seeds.ts'
import { FUZZ_PASSWORD } from './seeds/format-seeds.ts'
import { VAULT_PASSWORD } from './seeds/vault-seeds.ts'

// Spies that still work for building the seeds, but refuse costly parameters
// themselves: hash-wasm blocks the thread, so a regression would otherwise hang.
vi.mock('hash-wasm', async (importOriginal) => {
  const actual = await importOriginal<typeof import('hash-wasm')>()
  const cheap = (o: { memorySize?: number; iterations?: number; costFactor?: number }) =>
    (o.memorySize ?? 0) <= 64 * 1024 && (o.iterations ?? 0) <= 4 && (o.costFactor ?? 0) <= 2 ** 15
  return {
    ...actual,
    argon2id: vi.fn((o: Parameters<typeof actual.argon2id>[0]) =>
      cheap(o) ? actual.argon2id(o) : Promise.reject(new Error('argon2id called with costly parameters')),
    ),
    scrypt: vi.fn((o: Parameters<typeof actual.scrypt>[0]) =>
      cheap(o) ? actual.scrypt(o) : Promise.reject(new Error('scrypt called with costly parameters')),
    ),
    argon2Verify: vi.fn(actual.argon2Verify),
  }
})

// Keyfob's own backup derives with the vault's Argon2id: the same kind of guarded spy.
vi.mock('../src/core/vault/argon2id.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/core/vault/argon2id.ts')>()
  return {
    ...actual,
    argon2id: vi.fn((o: Parameters<typeof actual.argon2id>[0]) =>
      o.memoryKiB <= 64 * 1024 && o.iterations <= 4
        ? actual.argon2id(o)
        : Promise.reject(new Error('argon2id called with costly parameters')),
    ),
  }
})

const deriveBits = vi.spyOn(crypto.subtle, 'deriveBits')

/** Whole numbers past `max` or below `min`, fractions, and numbers past 2^53. */
const outside = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: -(2 ** 31), max: min - 1 }),
    fc.double({ min: min, max: max, noNaN: true }).filter((x) => !Number.isInteger(x)),
    fc.constantFrom(2 ** 53 + 2, 1e21, 1e300),
  )

type Doc = Record<string, unknown>
const decode = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as Doc
const encode = (d: unknown) => new TextEncoder().encode(JSON.stringify(d))
const seedOf = async (format: FormatId) => decode((await formatSeeds())[format].find((s) => s.encrypted)!.bytes)
const clone = (d: Doc): Doc => structuredClone(d)

async function expectRefusedQuickly(run: () => Promise<unknown>, code = 'INVALID_FILE'): Promise<void> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(isKeyfobError(error), String(error)).toBe(true)
  expect((error as { code: string }).code).toBe(code)
  expect(argon2id).not.toHaveBeenCalled()
  expect(vaultArgon2id).not.toHaveBeenCalled()
  expect(argon2Verify).not.toHaveBeenCalled()
  expect(scrypt).not.toHaveBeenCalled()
  expect(deriveBits).not.toHaveBeenCalled()
}

beforeAll(async () => {
  await formatSeeds()
  await vaultSeeds()
})
beforeEach(() => vi.clearAllMocks())

const importWith = (doc: unknown) => () => importBackup(encode(doc), { password: FUZZ_PASSWORD })

describe('huge or invalid KDF parameters in a file are refused before any derivation', () => {
  it('Aegis: scrypt N, r, p outside the bounds (or N not a power of two), and oversized salts', async () => {
    const seed = await seedOf('aegis')
    const slot = (d: Doc) => ((d['header'] as Doc)['slots'] as Doc[])[1]!
    const patch = fc.oneof(
      fc
        .oneof(
          outside(2, 2 ** 20),
          fc.integer({ min: 3, max: 2 ** 20 }).filter((n) => (n & (n - 1)) !== 0),
        )
        .map((n) => ({ n })),
      outside(1, 32).map((r) => ({ r })),
      outside(1, 16).map((p) => ({ p })),
      // Within each bound, but 128·N·r over 256 MiB, or times p over 1 GiB.
      fc.constantFrom({ n: 2 ** 20, r: 8, p: 1 }, { n: 2 ** 18, r: 32, p: 1 }, { n: 2 ** 17, r: 8, p: 16 }),
      fc.integer({ min: 1025, max: 4096 }).map((n) => ({ salt: 'ab'.repeat(n) })),
    )
    await fc.assert(
      fc.asyncProperty(patch, async (change) => {
        vi.clearAllMocks()
        const doc = clone(seed)
        Object.assign(slot(doc), change)
        await expectRefusedQuickly(importWith(doc))
      }),
      { numRuns: 60 },
    )
  })

  it('Aegis: several password slots, each within the bounds, whose work together passes the limit per file', async () => {
    const seed = await seedOf('aegis')
    const pwSlot = ((seed['header'] as Doc)['slots'] as Doc[])[1]!
    // Each at the per-slot work cap (128·N·r·p = 1 GiB); five of them pass the per-file total.
    const atCap = fc.constantFrom(
      { n: 2 ** 18, r: 8, p: 4 },
      { n: 2 ** 17, r: 8, p: 8 },
      { n: 2 ** 20, r: 2, p: 4 },
      { n: 2 ** 16, r: 32, p: 4 },
    )
    await fc.assert(
      fc.asyncProperty(fc.array(atCap, { minLength: 5, maxLength: 16 }), async (params) => {
        vi.clearAllMocks()
        const doc = clone(seed)
        ;(doc['header'] as Doc)['slots'] = params.map((p, i) => ({ ...pwSlot, uuid: `slot-${i}`, ...p }))
        await expectRefusedQuickly(importWith(doc))
      }),
      { numRuns: 30 },
    )
  })

  it('andOTP: an iteration count past 10,000,000 is never run (the file is read as the old layout instead)', async () => {
    const seed = (await formatSeeds()).andotp.find((s) => s.encrypted && s.bytes.length > 100)!.bytes
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 10_000_001, max: 2 ** 32 - 1 }), async (iterations) => {
        vi.clearAllMocks()
        const bytes = new Uint8Array(seed)
        new DataView(bytes.buffer).setUint32(0, iterations)
        // Out of range, the header is no andOTP header: only andOTP's file name makes it the old layout.
        await expectRefusedQuickly(
          () => importBackup(bytes, { password: FUZZ_PASSWORD, fileName: 'otp_accounts.json.aes' }),
          'WRONG_PASSWORD',
        )
      }),
      { numRuns: 40 },
    )
  })

  it('FreeOTP: PBKDF2 iterations outside the bounds', async () => {
    const seed = (await formatSeeds()).freeotp[0]!.bytes
    const map = readJavaStringMap(seed)
    const master = JSON.parse(map.get('masterKey')!) as Doc
    await fc.assert(
      fc.asyncProperty(outside(1, 10_000_000), async (mIterations) => {
        vi.clearAllMocks()
        const bytes = javaStringMap(new Map([...map, ['masterKey', JSON.stringify({ ...master, mIterations })]]))
        await expectRefusedQuickly(() => importBackup(bytes, { password: FUZZ_PASSWORD }))
      }),
      { numRuns: 40 },
    )
  })

  it('Bitwarden: PBKDF2 iterations, and Argon2id memory, passes and lanes, outside the bounds', async () => {
    const seed = await seedOf('bitwarden-json')
    const change = fc.oneof(
      outside(1, 10_000_000).map((kdfIterations) => ({ kdfType: 0, kdfIterations })),
      outside(1, 1024).map((kdfMemory) => ({ kdfType: 1, kdfIterations: 3, kdfMemory, kdfParallelism: 1 })),
      outside(1, 256).map((kdfIterations) => ({ kdfType: 1, kdfIterations, kdfMemory: 64, kdfParallelism: 1 })),
      outside(1, 16).map((kdfParallelism) => ({ kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism })),
      fc.integer({ min: 5, max: 256 }).map((kdfIterations) => ({ kdfType: 1, kdfIterations, kdfMemory: 1024, kdfParallelism: 1 })),
    )
    await fc.assert(
      fc.asyncProperty(change, async (c) => {
        vi.clearAllMocks()
        await expectRefusedQuickly(importWith({ ...seed, ...c }))
      }),
      { numRuns: 80 },
    )
  })

  it('Ente: memLimit and opsLimit outside the bounds, or memory that is not whole KiB', async () => {
    const seed = await seedOf('ente-encrypted')
    const kdf = seed['kdfParams'] as Doc
    const change = fc.oneof(
      outside(8 * 1024, 2 ** 30).map((memLimit) => ({ memLimit })),
      fc
        .integer({ min: 8 * 1024, max: 2 ** 30 })
        .filter((m) => m % 1024 !== 0)
        .map((memLimit) => ({ memLimit })),
      outside(1, 256).map((opsLimit) => ({ opsLimit })),
      fc.integer({ min: 5, max: 256 }).map((opsLimit) => ({ memLimit: 2 ** 30, opsLimit })),
    )
    await fc.assert(
      fc.asyncProperty(change, async (c) => {
        vi.clearAllMocks()
        await expectRefusedQuickly(importWith({ ...seed, kdfParams: { ...kdf, ...c } }))
      }),
      { numRuns: 80 },
    )
  })

  it('Authenticator extension: the Argon2id check hash of a v8 Key record or a v7 key names parameters outside the bounds', async () => {
    const seeds = (await formatSeeds())['authenticator-extension'].filter((s) => s.encrypted).map((s) => decode(s.bytes))
    const v8 = seeds.find((d) => Object.values(d).some((r) => (r as Doc)['dataType'] === 'Key'))!
    const v7 = seeds.find((d) => 'key' in d)!
    const phc = fc
      .oneof(
        outside(8, 2 ** 20)
          .filter(Number.isInteger)
          .filter((m) => m >= 0)
          .map((m) => [m, 1, 1]),
        outside(1, 256)
          .filter(Number.isInteger)
          .filter((t) => t >= 0)
          .map((t) => [64, t, 1]),
        outside(1, 16)
          .filter(Number.isInteger)
          .filter((p) => p >= 0)
          .map((p) => [1024, 1, p]),
        fc.integer({ min: 5, max: 256 }).map((t) => [2 ** 20, t, 1]),
      )
      .map(([m, t, p]) => `$argon2id$v=19$m=${m},t=${t},p=${p}$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA`)
    await fc.assert(
      fc.asyncProperty(phc, fc.boolean(), async (hash, inV8) => {
        vi.clearAllMocks()
        const doc = clone(inV8 ? v8 : v7)
        const record = inV8 ? (Object.values(doc).find((r) => (r as Doc)['dataType'] === 'Key') as Doc) : (doc['key'] as Doc)
        record['hash'] = hash
        await expectRefusedQuickly(importWith(doc))
      }),
      { numRuns: 80 },
    )
  })

  it("Keyfob's own backup: Argon2id above the vault's reading ceiling", async () => {
    const backup = JSON.parse((await vaultSeeds()).backupText) as Doc
    const change = fc.oneof(
      outside(8, 2 ** 20).map((memoryKiB) => ({ memoryKiB })),
      outside(1, 20).map((iterations) => ({ iterations })),
      outside(1, 16).map((parallelism) => ({ parallelism, memoryKiB: 1024 })),
      fc.integer({ min: 5, max: 20 }).map((iterations) => ({ memoryKiB: 2 ** 20, iterations })),
    )
    await fc.assert(
      fc.asyncProperty(change, async (c) => {
        vi.clearAllMocks()
        const doc = { ...backup, kdf: { ...(backup['kdf'] as Doc), ...c } }
        await expectRefusedQuickly(() => importKeyfobBackup(JSON.stringify(doc), VAULT_PASSWORD))
      }),
      { numRuns: 60 },
    )
  })
})
