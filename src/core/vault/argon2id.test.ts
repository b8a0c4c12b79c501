import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import computeArgon2id from 'argon2id/lib/argon2id.js'
import { argon2id as hashWasmArgon2id } from 'hash-wasm'
import { describe, expect, it, vi } from 'vitest'
import storedVault from '../../../test/fixtures/vault-made-with-hash-wasm.json' with { type: 'json' }
import { expectCode } from '../../../test/support/vault-fixtures.ts'
import { ARGON2ID_WASM, argon2id } from './argon2id.ts'
import { parseEnvelope } from './parse-envelope.ts'
import { openVault, unlockWithPassword } from './vault.ts'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const bytes = (s: string) => new TextEncoder().encode(s)

describe('argon2id (its wasm read on first use)', () => {
  it('gives the reference implementation’s Argon2id tag (phc-winner-argon2 test.c: password, somesalt, t=2, m=2^16, p=1)', async () => {
    const tag = await argon2id({
      password: bytes('password'),
      salt: bytes('somesalt'),
      iterations: 2,
      memoryKiB: 65536,
      parallelism: 1,
      hashLength: 32,
    })
    expect(hex(tag)).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7')
  })

  it.each([
    // [memoryKiB, iterations, parallelism, hashLength, password]
    [65536, 3, 1, 32, 'correct horse battery staple'], // Keyfob's default
    [19456, 2, 1, 32, 'pässwörd ✓'], // the floor for new vaults
    [1023, 1, 3, 16, 'x'],
    [128, 2, 16, 64, 'sixteen lanes'],
    // Many lanes and m not a multiple of 4·p, above the memory set up at first: the view the package takes past m' blocks.
    [70462, 1, 16, 32, 'odd memory'],
    [66561, 1, 4, 32, 'just above the first memory'],
    [8, 1, 1, 4, 'smallest'],
  ])('gives hash-wasm’s tag (the Argon2id Keyfob used before) at m=%i KiB, t=%i, p=%i, %i bytes', async (m, t, p, len, password) => {
    const salt = new Uint8Array(16).map((_, i) => i * 7 + m)
    const ours = await argon2id({ password: bytes(password), salt, iterations: t, memoryKiB: m, parallelism: p, hashLength: len })
    const before = await hashWasmArgon2id({
      password: bytes(password),
      salt,
      iterations: t,
      memorySize: m,
      parallelism: p,
      hashLength: len,
      outputType: 'binary',
    })
    expect(hex(ours)).toBe(hex(before))
  })

  it('gives the same tag with the SIMD and the plain wasm build (engines without SIMD use the plain one)', async () => {
    const require = createRequire(import.meta.url)
    const params = { password: bytes('password'), salt: bytes('somesalt'), passes: 2, memorySize: 4096, parallelism: 2, tagLength: 32 }
    const tags: string[] = []
    for (const { packaged } of ARGON2ID_WASM) {
      const memory = new WebAssembly.Memory({ initial: 1040, maximum: 65536 })
      const { instance } = await WebAssembly.instantiate(readFileSync(require.resolve(packaged)), { env: { memory } })
      tags.push(hex(computeArgon2id(params, { memory, instance })))
    }
    expect(tags).toHaveLength(2)
    expect(tags[0]).toBe(tags[1])
    expect(tags[0]).toBe(hex(await argon2id({ ...params, iterations: 2, memoryKiB: 4096, hashLength: 32 })))
  })

  it('refuses an empty password, as hash-wasm did', async () => {
    await expect(
      argon2id({ password: new Uint8Array(0), salt: bytes('somesalt'), iterations: 1, memoryKiB: 8, parallelism: 1, hashLength: 32 }),
    ).rejects.toThrow()
  })

  it('leaves no block of its work in memory: the tag could be recomputed from the last ones, long after a lock', async () => {
    // Every wasm memory made while deriving, as the worker would keep it (the package clears only its own ~10 KiB of buffers).
    const made: WebAssembly.Memory[] = []
    const Memory = WebAssembly.Memory
    WebAssembly.Memory = class extends Memory {
      constructor(descriptor: WebAssembly.MemoryDescriptor) {
        super(descriptor)
        made.push(this)
      }
    }
    try {
      // The module afresh, so that the memory it derives in is made under this watch whatever ran before.
      vi.resetModules()
      const { argon2id: derive } = await import('./argon2id.ts')
      const input = { salt: bytes('somesalt'), iterations: 1, memoryKiB: 4096, parallelism: 2, hashLength: 32 }
      // Twice: a second derivation (unlock after lock) must not leave its blocks either.
      for (const password of ['first password', 'second password']) {
        const tag = await derive({ ...input, password: bytes(password) })
        expect(hex(tag)).toBe(hex(await hashWasmArgon2id({ ...input, memorySize: 4096, password, outputType: 'binary' })))
        expect(made.length).toBeGreaterThan(0)
        expect(made.map((m) => new Uint8Array(m.buffer).findIndex((b) => b !== 0))).toEqual(made.map(() => -1))
      }
    } finally {
      WebAssembly.Memory = Memory
    }
  })

  it('opens a vault that the previous Keyfob (hash-wasm) wrote, with its password only', async () => {
    const envelope = parseEnvelope(structuredClone(storedVault))
    const masterKey = await unlockWithPassword(envelope, 'correct horse battery staple')
    const { content } = await openVault(envelope, masterKey)
    expect(content.accounts.map((a) => [a.issuer, a.secret])).toEqual([['Example Bank', 'JBSWY3DPEHPK3PXP']])
    await expectCode(unlockWithPassword(envelope, 'correct horse battery stapl'), 'WRONG_PASSWORD')
  })
})
