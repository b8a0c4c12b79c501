/**
 * docs/security.md §4, "Nonces: 96 bits from crypto.getRandomValues, fresh for every encryption
 * (content and each slot)". Every AES-GCM encryption the vault makes is recorded (a spy on
 * crypto.subtle.encrypt), through creating a vault with both slot types, writing it, changing
 * the password and adding a password to a device-only vault: each IV is 12 bytes that
 * crypto.getRandomValues has just returned, no two are equal, and each is the nonce stored
 * beside its ciphertext.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bytesToBase64 } from './base64.ts'
import { generateDeviceKey } from './device-slot.ts'
import type { VaultEnvelope } from './envelope.ts'
import { addPasswordSlot, changePassword } from './slot-operations.ts'
import { createVault, sealVault } from './vault.ts'
import { FAST_KDF, OTHER_PASSWORD, PASSWORD, sampleContent } from '../../../test/support/vault-fixtures.ts'

/** The IVs of every AES-GCM encryption, in order, and every buffer getRandomValues filled. */
let ivs: string[] = []
let randoms: string[] = []

beforeEach(() => {
  ivs = []
  randoms = []
  const encrypt = crypto.subtle.encrypt.bind(crypto.subtle)
  vi.spyOn(crypto.subtle, 'encrypt').mockImplementation(((algorithm: AesGcmParams, key: CryptoKey, data: BufferSource) => {
    if (algorithm.name === 'AES-GCM') ivs.push(bytesToBase64(new Uint8Array(algorithm.iv as ArrayBuffer)))
    return encrypt(algorithm, key, data)
  }) as typeof crypto.subtle.encrypt)
  const getRandomValues = crypto.getRandomValues.bind(crypto)
  vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
    const filled = getRandomValues(array as never) as T
    if (filled instanceof Uint8Array) randoms.push(bytesToBase64(filled))
    return filled
  })
})
afterEach(() => vi.restoreAllMocks())

/** Every nonce an envelope stores: the content's and each slot's. */
const storedNonces = (e: VaultEnvelope) => [e.nonce, ...e.slots.map((s) => s.nonce)]

describe('fresh nonces for every vault encryption', () => {
  it('content and each slot get their own random 96-bit nonce, through every operation that encrypts', async () => {
    const deviceKey = await generateDeviceKey()
    const both = await createVault({ password: PASSWORD, deviceKey, kdf: FAST_KDF })
    const written = await sealVault(both.envelope, both.masterKey, sampleContent())
    const rewritten = await sealVault(written, both.masterKey, sampleContent())
    const changed = await changePassword(rewritten, both.masterKey, OTHER_PASSWORD, FAST_KDF)
    const deviceOnly = await createVault({ deviceKey })
    const withPassword = await addPasswordSlot(deviceOnly.envelope, deviceOnly.masterKey, PASSWORD, FAST_KDF)

    // password slot, device slot, content; content; content; new password slot; device slot, content; new password slot
    expect(ivs).toHaveLength(9)
    for (const iv of ivs) {
      expect(Buffer.from(iv, 'base64')).toHaveLength(12)
      expect(randoms, 'each nonce comes straight from crypto.getRandomValues').toContain(iv)
    }
    expect(new Set(ivs).size).toBe(ivs.length)
    // What is stored is what was used, and no envelope repeats a nonce in another place.
    for (const e of [both.envelope, written, rewritten, changed, deviceOnly.envelope, withPassword]) {
      for (const nonce of storedNonces(e)) expect(ivs).toContain(nonce)
      expect(new Set(storedNonces(e)).size).toBe(storedNonces(e).length)
    }
    // A password change wraps the key again under a new nonce; the content keeps its own.
    const oldSlot = rewritten.slots.find((s) => s.type === 'password')!
    const newSlot = changed.slots.find((s) => s.type === 'password')!
    expect(newSlot.nonce).not.toBe(oldSlot.nonce)
    expect(changed.nonce).toBe(rewritten.nonce)
  })
})
