import { describe, expect, it } from 'vitest'
import { generateDeviceKey } from './device-slot.ts'
import type { PasswordSlot, VaultEnvelope } from './envelope.ts'
import { addPasswordSlot, changePassword, removeDeviceSlot, verifyPassword } from './slot-operations.ts'
import { createVault, openVault, sealVault, unlockWithDeviceKey, unlockWithPassword } from './vault.ts'
import { expectCode, FAST_KDF, OTHER_PASSWORD, PASSWORD, sampleContent, throughStorage } from '../../../test/support/vault-fixtures.ts'

async function vaultWithAccounts(options: Parameters<typeof createVault>[0]) {
  const { envelope, masterKey } = await createVault(options)
  return { envelope: await sealVault(envelope, masterKey, sampleContent()), masterKey }
}

function passwordSlot(envelope: VaultEnvelope): PasswordSlot {
  const slot = envelope.slots.find((s) => s.type === 'password')
  if (slot === undefined) throw new Error('no password slot')
  return slot
}

describe('changePassword', () => {
  it('re-wraps the master key only: content bytes identical, old password fails, new one opens', async () => {
    const { envelope, masterKey } = await vaultWithAccounts({ password: PASSWORD, kdf: FAST_KDF })
    const changed = throughStorage(await changePassword(envelope, masterKey, OTHER_PASSWORD, FAST_KDF))
    expect(changed.ciphertext).toBe(envelope.ciphertext)
    expect(changed.nonce).toBe(envelope.nonce)
    expect(changed.generation).toBe(envelope.generation + 1)
    const [before, after] = [passwordSlot(envelope), passwordSlot(changed)]
    expect(after.id).not.toBe(before.id)
    expect(after.kdf.salt).not.toBe(before.kdf.salt)
    expect(after.wrappedKey).not.toBe(before.wrappedKey)
    await expectCode(unlockWithPassword(changed, PASSWORD), 'WRONG_PASSWORD')
    const key = await unlockWithPassword(changed, OTHER_PASSWORD)
    expect((await openVault(changed, key)).content).toEqual(sampleContent())
  })

  it('stores raised KDF parameters in the new slot and keeps other slots as they were', async () => {
    const deviceKey = await generateDeviceKey()
    const { envelope, masterKey } = await vaultWithAccounts({ password: PASSWORD, deviceKey, kdf: FAST_KDF })
    const raised = { memoryKiB: 32768, iterations: 3, parallelism: 2 }
    const changed = await changePassword(envelope, masterKey, OTHER_PASSWORD, raised)
    expect(passwordSlot(changed).kdf).toMatchObject(raised)
    expect(changed.slots.map((s) => s.type)).toEqual(['password', 'device'])
    expect(changed.slots[1]).toBe(envelope.slots[1])
    await expect(unlockWithPassword(changed, OTHER_PASSWORD)).resolves.toBeDefined()
  })

  it('refuses a key from another vault without changing anything', async () => {
    const { envelope } = await vaultWithAccounts({ password: PASSWORD, kdf: FAST_KDF })
    const other = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    const before = JSON.stringify(envelope)
    await expectCode(changePassword(envelope, other.masterKey, OTHER_PASSWORD, FAST_KDF), 'VAULT_CORRUPT')
    expect(JSON.stringify(envelope)).toBe(before)
  })

  it('refuses a weak new password and a vault without a password slot', async () => {
    const { envelope, masterKey } = await vaultWithAccounts({ password: PASSWORD, kdf: FAST_KDF })
    await expectCode(changePassword(envelope, masterKey, 'qwerty123', FAST_KDF), 'WEAK_PASSWORD')
    const device = await vaultWithAccounts({ deviceKey: await generateDeviceKey() })
    await expectCode(changePassword(device.envelope, device.masterKey, OTHER_PASSWORD), 'NO_PASSWORD_SLOT')
  })
})

describe('adding a password to a device-only vault', () => {
  it('adds a password slot, then removes the device slot, leaving the content bytes alone', async () => {
    const deviceKey = await generateDeviceKey()
    const { envelope, masterKey } = await vaultWithAccounts({ deviceKey })
    const withPassword = await addPasswordSlot(envelope, masterKey, PASSWORD, FAST_KDF)
    expect(withPassword.slots.map((s) => s.type)).toEqual(['password', 'device'])
    await expect(unlockWithDeviceKey(withPassword, deviceKey)).resolves.toBeDefined()

    const passwordOnly = throughStorage(removeDeviceSlot(withPassword))
    expect(passwordOnly.slots.map((s) => s.type)).toEqual(['password'])
    expect(passwordOnly.generation).toBe(envelope.generation + 2)
    expect(passwordOnly.ciphertext).toBe(envelope.ciphertext)
    await expectCode(unlockWithDeviceKey(passwordOnly, deviceKey), 'NO_DEVICE_SLOT')
    const key = await unlockWithPassword(passwordOnly, PASSWORD)
    expect((await openVault(passwordOnly, key)).content).toEqual(sampleContent())
  })

  it('refuses a second password slot, and removing the only way in', async () => {
    const { envelope, masterKey } = await vaultWithAccounts({ password: PASSWORD, kdf: FAST_KDF })
    await expectCode(addPasswordSlot(envelope, masterKey, OTHER_PASSWORD, FAST_KDF), 'PASSWORD_EXISTS')
    await expectCode(() => removeDeviceSlot(envelope), 'NO_DEVICE_SLOT')
    const device = await vaultWithAccounts({ deviceKey: await generateDeviceKey() })
    await expectCode(() => removeDeviceSlot(device.envelope), 'LAST_SLOT')
  })
})

describe('verifyPassword', () => {
  it('answers true only for the current password', async () => {
    const { envelope, masterKey } = await vaultWithAccounts({ password: PASSWORD, kdf: FAST_KDF })
    expect(await verifyPassword(envelope, PASSWORD)).toBe(true)
    expect(await verifyPassword(envelope, OTHER_PASSWORD)).toBe(false)
    expect(await verifyPassword(envelope, '')).toBe(false)
    const changed = await changePassword(envelope, masterKey, OTHER_PASSWORD, FAST_KDF)
    expect(await verifyPassword(changed, PASSWORD)).toBe(false)
    expect(await verifyPassword(changed, OTHER_PASSWORD)).toBe(true)
  })
})
