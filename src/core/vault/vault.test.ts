import { describe, expect, it } from 'vitest'
import { DEFAULT_ARGON2 } from './argon2-params.ts'
import { base64ToBytes } from './base64.ts'
import { generateDeviceKey } from './device-slot.ts'
import type { VaultEnvelope } from './envelope.ts'
import { exportMasterKey, importMasterKey } from './master-key.ts'
import { createVault, openVault, sealVault, unlockWithDeviceKey, unlockWithPassword } from './vault.ts'
import {
  expectCode,
  FAST_KDF,
  OTHER_PASSWORD,
  PASSWORD,
  sampleAccount,
  sampleContent,
  throughStorage,
} from '../../../test/support/vault-fixtures.ts'

describe('createVault / unlock / open / seal', () => {
  it('creates an empty vault that opens with its password', async () => {
    const { envelope, masterKey } = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    expect(envelope).toMatchObject({ format: 'keyfob-vault', version: 1, generation: 1 })
    expect(envelope.slots.map((s) => s.type)).toEqual(['password'])
    expect(throughStorage(envelope)).toEqual(envelope)
    const key = await unlockWithPassword(throughStorage(envelope), PASSWORD)
    expect(await exportMasterKey(key)).toEqual(await exportMasterKey(masterKey))
    expect(await openVault(envelope, key)).toEqual({
      content: { schemaVersion: 1, accounts: [] },
      migratedFrom: null,
    })
  })

  it('seals content that survives storage, including a 2^64−1 HOTP counter', async () => {
    const { envelope, masterKey } = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    const sealed = throughStorage(await sealVault(envelope, masterKey, sampleContent()))
    expect(sealed.generation).toBe(2)
    expect(sealed.slots).toEqual(envelope.slots)
    const key = await unlockWithPassword(sealed, PASSWORD)
    const { content } = await openVault(sealed, key)
    expect(content).toEqual(sampleContent())
    expect(content.accounts[1]?.counter).toBe(18446744073709551615n)
  })

  it('uses a fresh nonce for every write and leaves its input untouched', async () => {
    const { envelope, masterKey } = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    const before = JSON.stringify(envelope)
    const a = await sealVault(envelope, masterKey, sampleContent())
    const b = await sealVault(a, masterKey, sampleContent())
    expect(JSON.stringify(envelope)).toBe(before)
    expect(new Set([envelope.nonce, a.nonce, b.nonce]).size).toBe(3)
    expect(a.ciphertext).not.toBe(b.ciphertext)
    expect(b.generation).toBe(3)
  })

  it('pads the plaintext to a multiple of 1 KiB', async () => {
    const { envelope, masterKey } = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    const small = await sealVault(envelope, masterKey, { schemaVersion: 1, accounts: [sampleAccount()] })
    const renamed = await sealVault(envelope, masterKey, {
      schemaVersion: 1,
      accounts: [sampleAccount({ issuer: 'A much longer issuer name' })],
    })
    const length = (e: VaultEnvelope) => base64ToBytes(e.ciphertext)?.length
    expect(length(small)).toBe(1024 + 16)
    expect(length(renamed)).toBe(length(small))
  })

  it('rejects a wrong password with WRONG_PASSWORD', async () => {
    const { envelope } = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    await expectCode(unlockWithPassword(envelope, OTHER_PASSWORD), 'WRONG_PASSWORD')
    await expectCode(unlockWithPassword(envelope, PASSWORD.toUpperCase()), 'WRONG_PASSWORD')
    await expectCode(unlockWithPassword(envelope, ''), 'WRONG_PASSWORD')
  })

  it('normalises passwords (NFKC), so a decomposed é opens a vault made with a composed one', async () => {
    const composed = 'caf\u00e9 au lait, s\u2019il vous pla\u00eet'
    const decomposed = composed.normalize('NFD')
    expect(decomposed).not.toBe(composed)
    const { envelope } = await createVault({ password: composed, kdf: FAST_KDF })
    await expect(unlockWithPassword(envelope, decomposed)).resolves.toBeDefined()
  })

  it('refuses to create a vault with no credential, a weak password or a sub-OWASP KDF', async () => {
    await expectCode(createVault({}), 'INVALID_PARAMETER')
    await expectCode(createVault({ password: 'password123' }), 'WEAK_PASSWORD')
    await expectCode(createVault({ password: 'short' }), 'WEAK_PASSWORD')
    await expectCode(createVault({ password: PASSWORD, kdf: { memoryKiB: 1024, iterations: 1, parallelism: 1 } }), 'INVALID_PARAMETER')
    await expectCode(createVault({ password: PASSWORD, kdf: { ...FAST_KDF, iterations: 1 } }), 'INVALID_PARAMETER')
  })

  it('refuses to seal with a key that does not open the envelope (VAULT_CORRUPT)', async () => {
    const mine = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    const theirs = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    await expectCode(sealVault(mine.envelope, theirs.masterKey, sampleContent()), 'VAULT_CORRUPT')
    await expectCode(openVault(mine.envelope, theirs.masterKey), 'VAULT_CORRUPT')
  })

  it('refuses to seal invalid content or content at another schema version (INVALID_PARAMETER)', async () => {
    const { envelope, masterKey } = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    await expectCode(sealVault(envelope, masterKey, { schemaVersion: 2, accounts: [] }), 'INVALID_PARAMETER')
    const bad = { schemaVersion: 1, accounts: [sampleAccount({ digits: 4 })] }
    await expectCode(sealVault(envelope, masterKey, bad), 'INVALID_PARAMETER')
  })

  it('round-trips the master key through raw bytes, as storage.session needs', async () => {
    const { envelope, masterKey } = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    const raw = await exportMasterKey(masterKey)
    expect(raw.length).toBe(32)
    const restored = await importMasterKey(Uint8Array.from(raw))
    await expect(openVault(envelope, restored)).resolves.toMatchObject({ content: { accounts: [] } })
    await expect(importMasterKey(raw.subarray(0, 16))).rejects.toMatchObject({ code: 'INVALID_PARAMETER' })
    const deviceKey = await generateDeviceKey()
    await expectCode(openVault(envelope, deviceKey), 'INVALID_PARAMETER')
  })

  it('works at the real default Argon2id parameters', async () => {
    const { envelope } = await createVault({ password: PASSWORD })
    const slot = envelope.slots[0]
    expect(slot?.type === 'password' && slot.kdf).toMatchObject({
      algorithm: 'argon2id',
      version: 19,
      memoryKiB: DEFAULT_ARGON2.memoryKiB,
      iterations: DEFAULT_ARGON2.iterations,
      parallelism: DEFAULT_ARGON2.parallelism,
    })
    expect(DEFAULT_ARGON2).toEqual({ memoryKiB: 65536, iterations: 3, parallelism: 1 })
    const key = await unlockWithPassword(throughStorage(envelope), PASSWORD)
    await expect(openVault(envelope, key)).resolves.toMatchObject({ content: { accounts: [] } })
  }, 20_000)
})

describe('device slot', () => {
  it('round-trips with a non-extractable device key', async () => {
    const deviceKey = await generateDeviceKey()
    expect(deviceKey.extractable).toBe(false)
    const { envelope, masterKey } = await createVault({ deviceKey })
    expect(envelope.slots.map((s) => s.type)).toEqual(['device'])
    const sealed = throughStorage(await sealVault(envelope, masterKey, sampleContent()))
    const key = await unlockWithDeviceKey(sealed, deviceKey)
    expect((await openVault(sealed, key)).content).toEqual(sampleContent())
  })

  it('accepts a key made directly with crypto.subtle.generateKey, as IndexedDB would return it', async () => {
    const deviceKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
    const { envelope } = await createVault({ deviceKey })
    await expect(unlockWithDeviceKey(envelope, deviceKey)).resolves.toBeDefined()
  })

  it('rejects another device key (VAULT_CORRUPT), an extractable key, and a missing slot', async () => {
    const { envelope } = await createVault({ deviceKey: await generateDeviceKey() })
    await expectCode(unlockWithDeviceKey(envelope, await generateDeviceKey()), 'VAULT_CORRUPT')
    const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt'])
    await expectCode(createVault({ deviceKey: extractable }), 'INVALID_PARAMETER')
    await expectCode(unlockWithPassword(envelope, PASSWORD), 'NO_PASSWORD_SLOT')
    const passwordOnly = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    await expectCode(unlockWithDeviceKey(passwordOnly.envelope, await generateDeviceKey()), 'NO_DEVICE_SLOT')
  })

  it('can sit next to a password slot; either opens the same master key', async () => {
    const deviceKey = await generateDeviceKey()
    const { envelope, masterKey } = await createVault({ password: PASSWORD, deviceKey, kdf: FAST_KDF })
    expect(envelope.slots.map((s) => s.type)).toEqual(['password', 'device'])
    const raw = await exportMasterKey(masterKey)
    expect(await exportMasterKey(await unlockWithDeviceKey(envelope, deviceKey))).toEqual(raw)
    expect(await exportMasterKey(await unlockWithPassword(envelope, PASSWORD))).toEqual(raw)
  })
})
