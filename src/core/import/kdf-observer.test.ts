import { afterEach, describe, expect, it, vi } from 'vitest'
import { KeyfobError } from '../errors.ts'
import { argon2idKey, observeKdf, pbkdf2, scryptKey, type KdfStart } from './kdf.ts'

afterEach(() => observeKdf(undefined))

describe('observeKdf', () => {
  it('sees every derivation before it runs, with its work and memory', async () => {
    const seen: KdfStart[] = []
    observeKdf((s) => seen.push(s))
    await pbkdf2('pw', new Uint8Array(8), 1000, 'SHA-1')
    await scryptKey('pw', new Uint8Array(8), { n: 16, r: 1, p: 1 })
    await argon2idKey('pw', new Uint8Array(8), { memoryKiB: 64, iterations: 2, parallelism: 1 })
    expect(seen).toEqual([
      { name: 'PBKDF2', work: 500, memoryBytes: 0 },
      { name: 'scrypt', work: 4, memoryBytes: 2048 },
      { name: 'Argon2id', work: 128, memoryBytes: 65536 },
    ])
  })

  it('an observer that throws refuses the derivation before it starts', async () => {
    const deriveBits = vi.spyOn(crypto.subtle, 'deriveBits')
    observeKdf(() => {
      throw new KeyfobError('NOT_ENOUGH_MEMORY', 'no', { values: ['1'] })
    })
    await expect(pbkdf2('pw', new Uint8Array(8), 1000, 'SHA-1')).rejects.toMatchObject({ code: 'NOT_ENOUGH_MEMORY' })
    expect(deriveBits).not.toHaveBeenCalled()
    deriveBits.mockRestore()
  })
})
