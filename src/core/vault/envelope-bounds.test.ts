/**
 * docs/security.md §4, bounds enforced when a stored vault is read (parse-envelope.ts): the
 * password slot's salt is 16 to 64 bytes, and the content ciphertext at most 48 MiB of base64,
 * refused by its length before it is decoded. Each bound is probed on both sides (decoding 48 MiB of
 * base64 takes seconds, so the side that passes the length check is shown by the next check's error).
 */
import { describe, expect, it } from 'vitest'
import { MAX_SALT_BYTES } from './argon2-params.ts'
import { bytesToBase64 } from './base64.ts'
import { parseEnvelope } from './parse-envelope.ts'
import { expectCode } from '../../../test/support/vault-fixtures.ts'

const b64 = (length: number) => bytesToBase64(new Uint8Array(length).fill(7))
const MiB = 1024 * 1024

/** Structurally valid (filler bytes: parseEnvelope does no cryptography), with the given salt and ciphertext. */
function envelope({ salt = b64(16), ciphertext = b64(1040) } = {}) {
  return {
    format: 'keyfob-vault',
    version: 1,
    generation: 4,
    slots: [
      {
        type: 'password',
        id: '3f2a6c1e-8d4b-4f7a-9c2e-5b1d0a9e8f76',
        kdf: { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1, salt },
        nonce: b64(12),
        wrappedKey: b64(48),
      },
    ],
    nonce: b64(12),
    ciphertext,
  }
}

describe('vault reading bounds', () => {
  it('accepts a salt of up to 64 bytes and refuses 65 (VAULT_CORRUPT)', async () => {
    expect(MAX_SALT_BYTES).toBe(64)
    expect(parseEnvelope(envelope({ salt: b64(64) })).slots[0]).toMatchObject({ kdf: { salt: b64(64) } })
    expect(() => parseEnvelope(envelope({ salt: b64(65) }))).toThrow(/salt must be 16 to 64 bytes/)
    await expectCode(() => parseEnvelope(envelope({ salt: b64(65) })), 'VAULT_CORRUPT')
  })

  it('lets a ciphertext of exactly 48 MiB of base64 through to decoding, and refuses one 4 characters longer by its length alone', async () => {
    // At the limit, the length check passes it on: this one is then refused as base64 (its first
    // character is not in the alphabet), which decoding finds at once.
    const atLimit = `*${'A'.repeat(48 * MiB - 1)}`
    expect(() => parseEnvelope(envelope({ ciphertext: atLimit }))).toThrow(/ciphertext is not canonical base64/)
    // One block more is refused before decoding, although it is canonical base64 ('A' × 4n is zero bytes).
    const over = 'A'.repeat(48 * MiB + 4)
    expect(() => parseEnvelope(envelope({ ciphertext: over }))).toThrow(/ciphertext is too large/)
    await expectCode(() => parseEnvelope(envelope({ ciphertext: over })), 'VAULT_CORRUPT')
  })
})
