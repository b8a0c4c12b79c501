import { describe, expect, it } from 'vitest'
import { bytesToBase64 } from './base64.ts'
import type { PasskeySlot, VaultEnvelope } from './envelope.ts'
import { parseEnvelope } from './parse-envelope.ts'
import { newPasskeySalt, openPasskeySlot, PASSKEY_LIMITS, type NewPasskey } from './passkey-slot.ts'
import { addPasskeySlot, passkeySlots, removePasskeySlot } from './slot-operations.ts'
import { createVault, openVault, sealVault, unlockWithPasskey, unlockWithPassword } from './vault.ts'
import { expectCode, FAST_KDF, PASSWORD, sampleContent, throughStorage } from '../../../test/support/vault-fixtures.ts'

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n))

function passkey(overrides: Partial<NewPasskey> = {}): NewPasskey {
  return {
    credentialId: bytesToBase64(random(32)),
    name: 'Phone',
    createdAt: Date.UTC(2026, 11, 5),
    salt: newPasskeySalt(),
    prfOutput: random(32),
    ...overrides,
  }
}

async function vault() {
  const { envelope, masterKey } = await createVault({ password: PASSWORD, kdf: FAST_KDF })
  return { envelope: await sealVault(envelope, masterKey, sampleContent()), masterKey }
}

async function withPasskey(p = passkey()) {
  const { envelope, masterKey } = await vault()
  return { envelope: throughStorage(await addPasskeySlot(envelope, masterKey, p)), masterKey, p }
}

function slotOf(envelope: VaultEnvelope): PasskeySlot {
  const [slot] = passkeySlots(envelope)
  if (!slot) throw new Error('no passkey slot')
  return slot
}

/** The stored JSON with one field of the passkey slot replaced. */
function edited(envelope: VaultEnvelope, change: (slot: Record<string, unknown>) => void): VaultEnvelope {
  const copy = structuredClone(envelope) as unknown as { slots: Record<string, unknown>[] }
  const slot = copy.slots.find((s) => s['type'] === 'passkey')
  if (!slot) throw new Error('no passkey slot')
  change(slot)
  return parseEnvelope(copy)
}

function flipByte(base64: string, index: number): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  bytes[index % bytes.length]! ^= 0x01
  return bytesToBase64(bytes)
}

describe('passkey slots', () => {
  it('open the vault with the PRF output they were made with, beside the password, content untouched', async () => {
    const { envelope, masterKey, p } = await withPasskey()
    const before = (await vault()).envelope
    expect(envelope.slots.map((s) => s.type)).toEqual(['password', 'passkey'])
    expect(slotOf(envelope)).toMatchObject({ credentialId: p.credentialId, name: 'Phone', createdAt: p.createdAt, salt: p.salt })
    expect(before.ciphertext).not.toBe(envelope.ciphertext) // another vault
    const key = await unlockWithPasskey(envelope, p.credentialId, p.prfOutput)
    expect((await openVault(envelope, key)).content).toEqual(sampleContent())
    expect((await openVault(envelope, await unlockWithPassword(envelope, PASSWORD))).content).toEqual(sampleContent())
    expect(JSON.stringify(envelope)).not.toContain(bytesToBase64(p.prfOutput))
    void masterKey
  })

  it('refuse a wrong PRF output (PASSKEY_REFUSED) and an unknown credential (PASSKEY_UNKNOWN_CREDENTIAL)', async () => {
    const { envelope, p } = await withPasskey()
    await expectCode(unlockWithPasskey(envelope, p.credentialId, random(32)), 'PASSKEY_REFUSED')
    await expectCode(unlockWithPasskey(envelope, p.credentialId, p.prfOutput.slice(0, 31)), 'PASSKEY_REFUSED')
    await expectCode(unlockWithPasskey(envelope, bytesToBase64(random(32)), p.prfOutput), 'PASSKEY_UNKNOWN_CREDENTIAL')
  })

  it('detect a flipped bit in every byte field and an edit of every authenticated field', async () => {
    const { envelope, p } = await withPasskey()
    const slot = slotOf(envelope)
    const edits: [string, (s: Record<string, unknown>) => void][] = [
      ['wrappedKey', (s) => (s['wrappedKey'] = flipByte(slot.wrappedKey, 5))],
      ['wrappedKey tag', (s) => (s['wrappedKey'] = flipByte(slot.wrappedKey, 47))],
      ['nonce', (s) => (s['nonce'] = flipByte(slot.nonce, 0))],
      ['salt', (s) => (s['salt'] = flipByte(slot.salt, 3))],
      ['name', (s) => (s['name'] = 'Phone 2')],
      ['createdAt', (s) => (s['createdAt'] = slot.createdAt + 1)],
      ['id', (s) => (s['id'] = crypto.randomUUID())],
    ]
    for (const [field, change] of edits) {
      const bad = edited(envelope, change)
      await expect(openPasskeySlot(slotOf(bad), p.prfOutput), field).resolves.toBeNull()
    }
    // An edited credential id makes the slot another credential's: that one's output does not open it either.
    const moved = edited(envelope, (s) => (s['credentialId'] = flipByte(slot.credentialId, 2)))
    await expectCode(unlockWithPasskey(moved, slotOf(moved).credentialId, p.prfOutput), 'PASSKEY_REFUSED')
  })

  it('several passkeys each open the vault with their own output, and not with each other’s', async () => {
    const { envelope: start, masterKey } = await vault()
    const keys = [passkey({ name: 'Phone' }), passkey({ name: 'YubiKey' }), passkey({ name: 'Laptop' })]
    let envelope = start
    for (const p of keys) envelope = await addPasskeySlot(envelope, masterKey, p)
    envelope = throughStorage(envelope)
    expect(passkeySlots(envelope).map((s) => s.name)).toEqual(['Phone', 'YubiKey', 'Laptop'])
    for (const p of keys) await unlockWithPasskey(envelope, p.credentialId, p.prfOutput)
    await expectCode(unlockWithPasskey(envelope, keys[0]!.credentialId, keys[1]!.prfOutput), 'PASSKEY_REFUSED')
    await expectCode(addPasskeySlot(envelope, masterKey, { ...passkey(), credentialId: keys[2]!.credentialId }), 'PASSKEY_EXISTS')
  })

  it('are bounded: at most 10, and fields out of bounds are refused when made and when parsed', async () => {
    const { envelope: start, masterKey } = await vault()
    let envelope = start
    for (let i = 0; i < PASSKEY_LIMITS.maxSlots; i++) envelope = await addPasskeySlot(envelope, masterKey, passkey({ name: `Key ${i}` }))
    expect(passkeySlots(throughStorage(envelope))).toHaveLength(10)
    await expectCode(addPasskeySlot(envelope, masterKey, passkey()), 'TOO_MANY_PASSKEYS')

    const { envelope: one, masterKey: oneKey } = await withPasskey()
    for (const bad of [passkey({ name: '' }), passkey({ name: ' x' }), passkey({ name: 'x'.repeat(65) }), passkey({ name: 'a\nb' })]) {
      await expectCode(addPasskeySlot(one, oneKey, bad), 'INVALID_PARAMETER')
    }
    await expectCode(addPasskeySlot(start, masterKey, passkey({ credentialId: bytesToBase64(random(15)) })), 'INVALID_PARAMETER')
    await expectCode(addPasskeySlot(start, masterKey, passkey({ salt: bytesToBase64(random(16)) })), 'INVALID_PARAMETER')
    await expectCode(addPasskeySlot(start, masterKey, passkey({ prfOutput: random(16) })), 'INVALID_PARAMETER')

    const corrupt = (change: (s: Record<string, unknown>) => void) => () => edited(one, change)
    await expectCode(
      corrupt((s) => (s['name'] = 'x'.repeat(65))),
      'VAULT_CORRUPT',
    )
    await expectCode(
      corrupt((s) => (s['name'] = 7)),
      'VAULT_CORRUPT',
    )
    await expectCode(
      corrupt((s) => (s['credentialId'] = bytesToBase64(random(1024)))),
      'VAULT_CORRUPT',
    )
    await expectCode(
      corrupt((s) => (s['credentialId'] = 'not base64!')),
      'VAULT_CORRUPT',
    )
    await expectCode(
      corrupt((s) => (s['salt'] = bytesToBase64(random(31)))),
      'VAULT_CORRUPT',
    )
    await expectCode(
      corrupt((s) => (s['createdAt'] = -1)),
      'VAULT_CORRUPT',
    )
    await expectCode(
      corrupt((s) => (s['extra'] = 1)),
      'VAULT_CORRUPT',
    )
    await expectCode(
      corrupt((s) => delete s['salt']),
      'VAULT_CORRUPT',
    )
    // Eleven passkeys, or the same credential twice, do not parse.
    const stored = JSON.parse(JSON.stringify(envelope)) as { slots: Record<string, unknown>[] }
    const eleven = {
      ...stored,
      slots: [...stored.slots, { ...stored.slots[1], id: crypto.randomUUID(), credentialId: bytesToBase64(random(20)) }],
    }
    await expectCode(() => parseEnvelope(eleven), 'VAULT_CORRUPT')
    const twice = { ...stored, slots: [stored.slots[0], stored.slots[1], { ...stored.slots[1], id: crypto.randomUUID() }] }
    await expectCode(() => parseEnvelope(twice), 'VAULT_CORRUPT')
  })

  it('need a password slot to be added, and removing one leaves the password slot', async () => {
    const device = await createVault({
      deviceKey: await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    })
    await expectCode(addPasskeySlot(device.envelope, device.masterKey, passkey()), 'NO_PASSWORD_SLOT')

    const { envelope, p } = await withPasskey()
    const removed = throughStorage(removePasskeySlot(envelope, slotOf(envelope).id))
    expect(removed.slots.map((s) => s.type)).toEqual(['password'])
    expect(removed.generation).toBe(envelope.generation + 1)
    expect(removed.ciphertext).toBe(envelope.ciphertext)
    await expectCode(unlockWithPasskey(removed, p.credentialId, p.prfOutput), 'PASSKEY_UNKNOWN_CREDENTIAL')
    const passwordSlot = envelope.slots.find((s) => s.type === 'password')!
    await expectCode(() => removePasskeySlot(envelope, passwordSlot.id), 'PASSKEY_UNKNOWN_CREDENTIAL')
    await unlockWithPassword(removed, PASSWORD)
  })

  it('refuse a master key that is not the vault’s', async () => {
    const { envelope } = await vault()
    const other = await vault()
    await expectCode(addPasskeySlot(envelope, other.masterKey, passkey()), 'VAULT_CORRUPT')
  })
})
