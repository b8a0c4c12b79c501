/**
 * Every change to a stored vault must end in an error, never in different
 * content. These tests flip bits in each byte field and edit each header field.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isKeyfobError } from '../errors.ts'
import { base64ToBytes, bytesToBase64 } from './base64.ts'
import { deriveKek } from './derive-kek.ts'
import { generateDeviceKey } from './device-slot.ts'
import type { DeviceSlot, PasswordSlot, Slot, VaultEnvelope } from './envelope.ts'
import { parseEnvelope } from './parse-envelope.ts'
import { unwrapMasterKey } from './slot-crypto.ts'
import { createVault, openVault, sealVault, unlockWithDeviceKey, unlockWithPassword } from './vault.ts'
import { expectCode, FAST_KDF, PASSWORD, sampleContent } from '../../../test/support/vault-fixtures.ts'

function decode(text: string): Uint8Array {
  const bytes = base64ToBytes(text)
  if (bytes === null) throw new Error('bad base64 in fixture')
  return bytes
}

/** `text` (base64) with byte `index` XORed by `mask`. */
function flip(text: string, index: number, mask: number): string {
  const bytes = decode(text)
  bytes[index] = (bytes[index] ?? 0) ^ mask
  return bytesToBase64(bytes)
}

function withSlot(envelope: VaultEnvelope, slot: Slot): VaultEnvelope {
  return { ...envelope, slots: envelope.slots.map((s) => (s.type === slot.type ? slot : s)) }
}

function slotOf<T extends Slot['type']>(envelope: VaultEnvelope, type: T): Slot & { type: T } {
  const slot = envelope.slots.find((s): s is Slot & { type: T } => s.type === type)
  if (slot === undefined) throw new Error(`no ${type} slot`)
  return slot
}

async function deviceVault() {
  const deviceKey = await generateDeviceKey()
  const { envelope, masterKey } = await createVault({ deviceKey })
  return { envelope: await sealVault(envelope, masterKey, sampleContent()), masterKey, deviceKey }
}

describe('content ciphertext and nonce', () => {
  it('detects a flipped bit in every byte of the ciphertext (incl. the tag) and the nonce', async () => {
    const { envelope, masterKey } = await deviceVault()
    const length = decode(envelope.ciphertext).length
    expect(length).toBe(1024 + 16)
    for (let i = 0; i < length; i++) {
      const tampered = { ...envelope, ciphertext: flip(envelope.ciphertext, i, 1 << (i % 8)) }
      await expectCode(openVault(tampered, masterKey), 'VAULT_CORRUPT')
    }
    for (let i = 0; i < 12; i++) {
      for (let bit = 0; bit < 8; bit++) {
        await expectCode(openVault({ ...envelope, nonce: flip(envelope.nonce, i, 1 << bit) }, masterKey), 'VAULT_CORRUPT')
      }
    }
    await expect(openVault(envelope, masterKey)).resolves.toBeDefined()
  })

  it('binds the envelope version as AAD: the same bytes read as another version fail', async () => {
    const { envelope, masterKey } = await deviceVault()
    const relabelled = { ...envelope, version: 2 } as unknown as VaultEnvelope
    await expectCode(openVault(relabelled, masterKey), 'VAULT_CORRUPT')
  })

  it('rejects a truncated ciphertext and ciphertext moved from another vault', async () => {
    const { envelope, masterKey } = await deviceVault()
    const other = await deviceVault()
    const truncated = bytesToBase64(decode(envelope.ciphertext).subarray(0, 1024))
    await expectCode(openVault({ ...envelope, ciphertext: truncated }, masterKey), 'VAULT_CORRUPT')
    const swapped = { ...envelope, nonce: other.envelope.nonce, ciphertext: other.envelope.ciphertext }
    await expectCode(openVault(swapped, masterKey), 'VAULT_CORRUPT')
  })
})

describe('device slot', () => {
  it('detects a flipped bit in every byte of the wrapped key and the slot nonce', async () => {
    const { envelope, deviceKey } = await deviceVault()
    const slot = slotOf(envelope, 'device')
    for (const field of ['wrappedKey', 'nonce'] as const) {
      const length = decode(slot[field]).length
      for (let i = 0; i < length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          const tampered: DeviceSlot = { ...slot, [field]: flip(slot[field], i, 1 << bit) }
          await expectCode(unlockWithDeviceKey(withSlot(envelope, tampered), deviceKey), 'VAULT_CORRUPT')
        }
      }
    }
  })

  it('binds the slot id as AAD', async () => {
    const { envelope, deviceKey } = await deviceVault()
    const slot = slotOf(envelope, 'device')
    const tampered = { ...slot, id: crypto.randomUUID() }
    await expectCode(unlockWithDeviceKey(withSlot(envelope, tampered), deviceKey), 'VAULT_CORRUPT')
  })
})

describe('password slot', () => {
  it('with the right KEK, still fails for any flipped bit in the wrapped key or nonce, or an edited header', async () => {
    const { envelope } = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    const slot = slotOf(envelope, 'password')
    // Derive once and reuse: this isolates AES-GCM's check from the KDF's.
    const kek = await deriveKek(PASSWORD, slot.kdf)
    expect(await unwrapMasterKey(slot, kek)).not.toBeNull()
    for (const field of ['wrappedKey', 'nonce'] as const) {
      for (let i = 0; i < decode(slot[field]).length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          expect(await unwrapMasterKey({ ...slot, [field]: flip(slot[field], i, 1 << bit) }, kek)).toBeNull()
        }
      }
    }
    // Header edits change the AAD, so even the correct KEK refuses them.
    const headerEdits: PasswordSlot[] = [
      { ...slot, id: crypto.randomUUID() },
      { ...slot, kdf: { ...slot.kdf, salt: flip(slot.kdf.salt, 0, 1) } },
      { ...slot, kdf: { ...slot.kdf, iterations: slot.kdf.iterations + 1 } },
      { ...slot, kdf: { ...slot.kdf, memoryKiB: slot.kdf.memoryKiB + 1 } },
      { ...slot, kdf: { ...slot.kdf, parallelism: slot.kdf.parallelism + 1 } },
    ]
    for (const edited of headerEdits) expect(await unwrapMasterKey(edited, kek)).toBeNull()
  })

  it('reports an edited password slot as WRONG_PASSWORD: AES-GCM cannot tell the two apart', async () => {
    const { envelope } = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    const slot = slotOf(envelope, 'password')
    const edits: PasswordSlot[] = [
      { ...slot, wrappedKey: flip(slot.wrappedKey, 40, 0x80) },
      { ...slot, kdf: { ...slot.kdf, salt: flip(slot.kdf.salt, 3, 4) } },
      { ...slot, kdf: { ...slot.kdf, iterations: 3 } },
    ]
    for (const edited of edits) {
      await expectCode(unlockWithPassword(parseEnvelope(withSlot(envelope, edited)), PASSWORD), 'WRONG_PASSWORD')
    }
  })

  it('a slot moved in from another vault opens that vault’s key, which fails on this content', async () => {
    const mine = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    const theirs = await createVault({ password: PASSWORD, kdf: FAST_KDF })
    const grafted = withSlot(mine.envelope, slotOf(theirs.envelope, 'password'))
    const key = await unlockWithPassword(grafted, PASSWORD)
    await expectCode(openVault(grafted, key), 'VAULT_CORRUPT')
  })
})

describe('any edit to the stored JSON', () => {
  /** Paths to every leaf of the envelope except `generation` (bookkeeping, not authenticated by design). */
  function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (typeof value !== 'object' || value === null) return [path]
    return Object.entries(value).flatMap(([k, v]) =>
      path.length === 0 && k === 'generation' ? [] : leaves(v, [...path, Array.isArray(value) ? Number(k) : k]),
    )
  }

  function setPath(root: unknown, path: readonly (string | number)[], leaf: unknown): unknown {
    const copy: unknown = structuredClone(root)
    let node = copy as Record<string | number, unknown>
    path.slice(0, -1).forEach((key) => (node = node[key] as Record<string | number, unknown>))
    node[path[path.length - 1] as string | number] = leaf
    return copy
  }

  it('yields a typed error or the very same content, never other content', async () => {
    const { envelope, deviceKey } = await deviceVault()
    const json: unknown = JSON.parse(JSON.stringify(envelope))
    const paths = leaves(json)
    const expected = sampleContent()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, leaf) => {
        try {
          const parsed = parseEnvelope(setPath(json, path, leaf))
          const { content } = await openVault(parsed, await unlockWithDeviceKey(parsed, deviceKey))
          expect(content).toEqual(expected)
        } catch (e) {
          if (!isKeyfobError(e)) throw e
        }
      }),
      { numRuns: 300 },
    )
  })
})
