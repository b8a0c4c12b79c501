import { beforeAll, describe, expect, it } from 'vitest'
import { base64ToBytes, bytesToBase64 } from '../vault/base64.ts'
import type { StoredArgon2id } from '../vault/envelope.ts'
import { parseSyncHeader } from './parse-sync-header.ts'
import { encodeRecoveryKey } from './recovery-key.ts'
import type { CreatedSyncHeader } from './sync-header.ts'
import { createSyncHeader, openSyncHeader } from './sync-header.ts'
import type { SyncHeader } from './sync-format.ts'
import { expectCode, FAST_KDF, OTHER_PASSWORD, PASSWORD } from '../../../test/support/vault-fixtures.ts'

/** JSON to the server and back. */
const throughServer = (header: SyncHeader): SyncHeader => parseSyncHeader(JSON.parse(JSON.stringify(header)))

let made: CreatedSyncHeader
let other: CreatedSyncHeader
beforeAll(async () => {
  // FAST_KDF is the vault's floor for new slots (MIN_NEW_ARGON2): tests may not go lower either.
  made = await createSyncHeader(PASSWORD, FAST_KDF)
  other = await createSyncHeader(OTHER_PASSWORD, FAST_KDF)
})

describe('createSyncHeader / openSyncHeader', () => {
  it('makes a header that survives the server and opens with the passphrase', async () => {
    const { header, syncKey, recoveryKey } = made
    expect(header).toMatchObject({ format: 'keyfob-sync', version: 1 })
    expect(header.spaceId).toMatch(/^[0-9a-f-]{36}$/)
    expect(header.spaceId).not.toBe(other.header.spaceId)
    expect(Math.abs(header.created - Date.now())).toBeLessThan(60_000)
    expect(header.slots.passphrase.kdf).toMatchObject({ algorithm: 'argon2id', version: 19, ...FAST_KDF })
    expect(base64ToBytes(header.slots.passphrase.kdf.salt)).toHaveLength(16)
    expect(throughServer(header)).toEqual(header)
    expect(recoveryKey).toMatch(/^(?:[A-Z2-7]{4}-){13}[A-Z2-7]{4}$/)
    const opened = await openSyncHeader(throughServer(header), { passphrase: PASSWORD })
    expect(opened.raw).toEqual(syncKey.raw)
    expect(opened.key.extractable).toBe(false)
  })

  it('opens with the recovery key, typed in lower case with spaces', async () => {
    const typed = made.recoveryKey.toLowerCase().replaceAll('-', ' ')
    expect((await openSyncHeader(made.header, { recoveryKey: typed })).raw).toEqual(made.syncKey.raw)
  })

  it('normalises the passphrase (NFKC), as the vault does', async () => {
    const composed = 'Crème brûlée au café 42'
    const { header, syncKey } = await createSyncHeader(composed, FAST_KDF)
    const opened = await openSyncHeader(header, { passphrase: composed.normalize('NFD') })
    expect(opened.raw).toEqual(syncKey.raw)
  })

  it('says WRONG_SYNC_PASSPHRASE for a wrong or empty passphrase', async () => {
    await expectCode(openSyncHeader(made.header, { passphrase: OTHER_PASSWORD }), 'WRONG_SYNC_PASSPHRASE')
    await expectCode(openSyncHeader(made.header, { passphrase: '' }), 'WRONG_SYNC_PASSPHRASE')
  })

  it('says WRONG_RECOVERY_KEY for another sync’s key, and INVALID_RECOVERY_KEY for a typo', async () => {
    await expectCode(openSyncHeader(made.header, { recoveryKey: other.recoveryKey }), 'WRONG_RECOVERY_KEY')
    await expectCode(openSyncHeader(made.header, { recoveryKey: encodeRecoveryKey(new Uint8Array(32)) }), 'WRONG_RECOVERY_KEY')
    const typo = `${made.recoveryKey.slice(0, 3)}${made.recoveryKey[3] === 'A' ? 'B' : 'A'}${made.recoveryKey.slice(4)}`
    await expectCode(openSyncHeader(made.header, { recoveryKey: typo }), 'INVALID_RECOVERY_KEY')
  })

  it.each([
    ['empty', ''],
    ['too short', 'Tr0ub4!'],
    ['common', 'password'],
    ['common with digits around it', '123password!'],
    ['predictable', 'abcdefghij'],
  ])('refuses a %s passphrase (WEAK_PASSWORD), as the vault refuses such a password', async (_name, passphrase) => {
    await expectCode(createSyncHeader(passphrase, FAST_KDF), 'WEAK_PASSWORD')
  })

  it.each([
    ['memory under the floor', { ...FAST_KDF, memoryKiB: FAST_KDF.memoryKiB - 1 }],
    ['one pass', { ...FAST_KDF, iterations: 1 }],
    ['over the ceiling', { ...FAST_KDF, memoryKiB: 4 * 1024 * 1024 }],
  ])('refuses Argon2 parameters with %s for a new header (INVALID_PARAMETER)', async (_name, params) => {
    await expectCode(createSyncHeader(PASSWORD, params), 'INVALID_PARAMETER')
  })
})

describe('an altered header', () => {
  const flip = (text: string) => {
    const bytes = base64ToBytes(text) ?? new Uint8Array(0)
    bytes[0] = (bytes[0] ?? 0) ^ 1
    return bytesToBase64(bytes)
  }
  const edits: [string, (h: SyncHeader) => SyncHeader][] = [
    ['another space id', (h) => ({ ...h, spaceId: other.header.spaceId })],
    ['another creation time', (h) => ({ ...h, created: h.created + 1 })],
    [
      'a flipped nonce',
      (h) => ({
        ...h,
        slots: {
          passphrase: { ...h.slots.passphrase, nonce: flip(h.slots.passphrase.nonce) },
          recovery: { ...h.slots.recovery, nonce: flip(h.slots.recovery.nonce) },
        },
      }),
    ],
    [
      'a flipped wrapped key',
      (h) => ({
        ...h,
        slots: {
          passphrase: { ...h.slots.passphrase, wrappedKey: flip(h.slots.passphrase.wrappedKey) },
          recovery: { ...h.slots.recovery, wrappedKey: flip(h.slots.recovery.wrappedKey) },
        },
      }),
    ],
    ['the slots of another header', (h) => ({ ...h, slots: other.header.slots })],
  ]

  it.each(edits)('with %s opens with neither secret', async (_name, edit) => {
    const tampered = throughServer(edit(made.header))
    await expectCode(openSyncHeader(tampered, { passphrase: PASSWORD }), 'WRONG_SYNC_PASSPHRASE')
    await expectCode(openSyncHeader(tampered, { recoveryKey: made.recoveryKey }), 'WRONG_RECOVERY_KEY')
  })

  const kdfEdits: [string, (kdf: StoredArgon2id) => Partial<StoredArgon2id>][] = [
    ['a changed salt', () => ({ salt: other.header.slots.passphrase.kdf.salt })],
    ['one more pass', (kdf) => ({ iterations: kdf.iterations + 1 })],
    ['a lower memory cost', () => ({ memoryKiB: 8192 })],
  ]

  it.each(kdfEdits)('with %s in the KDF parameters refuses the passphrase', async (_name, change) => {
    const slot = made.header.slots.passphrase
    const tampered = { ...made.header, slots: { ...made.header.slots, passphrase: { ...slot, kdf: { ...slot.kdf, ...change(slot.kdf) } } } }
    await expectCode(openSyncHeader(throughServer(tampered), { passphrase: PASSWORD }), 'WRONG_SYNC_PASSPHRASE')
  })
})

describe('parseSyncHeader', () => {
  const json = () => JSON.parse(JSON.stringify(made.header)) as Record<string, unknown> & { slots: Record<string, Record<string, unknown>> }
  const cases: [string, (h: ReturnType<typeof json>) => unknown][] = [
    ['not an object', () => 'keyfob-sync'],
    ['an array', () => []],
    ['another format', (h) => ({ ...h, format: 'keyfob-vault' })],
    ['version 0', (h) => ({ ...h, version: 0 })],
    ['a version that is text', (h) => ({ ...h, version: '1' })],
    ['an unknown field', (h) => ({ ...h, devices: [] })],
    ['no created', (h) => ({ ...h, created: undefined })],
    ['a negative created', (h) => ({ ...h, created: -1 })],
    ['an upper-case space id', (h) => ({ ...h, spaceId: (h['spaceId'] as string).toUpperCase() })],
    ['no recovery slot', (h) => ({ ...h, slots: { passphrase: h.slots['passphrase'] } })],
    ['a third slot', (h) => ({ ...h, slots: { ...h.slots, device: h.slots['recovery'] } })],
    [
      'an 11-byte nonce',
      (h) => ({ ...h, slots: { ...h.slots, recovery: { ...h.slots['recovery'], nonce: bytesToBase64(new Uint8Array(11)) } } }),
    ],
    [
      'a 47-byte wrapped key',
      (h) => ({ ...h, slots: { ...h.slots, recovery: { ...h.slots['recovery'], wrappedKey: bytesToBase64(new Uint8Array(47)) } } }),
    ],
    [
      'non-canonical base64 (spare bits set)',
      (h) => ({
        ...h,
        slots: {
          ...h.slots,
          passphrase: {
            ...h.slots['passphrase'],
            kdf: { ...(h.slots['passphrase']?.['kdf'] as object), salt: 'AAAAAAAAAAAAAAAAAAAAAB==' },
          },
        },
      }),
    ],
    [
      'unpadded base64',
      (h) => ({
        ...h,
        slots: {
          ...h.slots,
          passphrase: { ...h.slots['passphrase'], kdf: { ...(h.slots['passphrase']?.['kdf'] as object), salt: 'AAAAAAAAAAAAAAAAAAAAAA' } },
        },
      }),
    ],
    ['url-safe base64', (h) => ({ ...h, slots: { ...h.slots, recovery: { ...h.slots['recovery'], nonce: '____________AAAA' } } })],
    [
      'argon2i',
      (h) => ({
        ...h,
        slots: {
          ...h.slots,
          passphrase: { ...h.slots['passphrase'], kdf: { ...(h.slots['passphrase']?.['kdf'] as object), algorithm: 'argon2i' } },
        },
      }),
    ],
    [
      'Argon2 v1.0',
      (h) => ({
        ...h,
        slots: {
          ...h.slots,
          passphrase: { ...h.slots['passphrase'], kdf: { ...(h.slots['passphrase']?.['kdf'] as object), version: 16 } },
        },
      }),
    ],
    [
      'an 8-byte salt',
      (h) => ({
        ...h,
        slots: {
          ...h.slots,
          passphrase: {
            ...h.slots['passphrase'],
            kdf: { ...(h.slots['passphrase']?.['kdf'] as object), salt: bytesToBase64(new Uint8Array(8)) },
          },
        },
      }),
    ],
  ]

  it.each(cases)('refuses %s (SYNC_HEADER_CORRUPT)', async (_name, edit) => {
    await expectCode(() => parseSyncHeader(edit(json())), 'SYNC_HEADER_CORRUPT')
  })

  it('says SYNC_TOO_NEW for a later format version, before reading the rest', async () => {
    await expectCode(() => parseSyncHeader({ ...json(), version: 2, slots: 'something new' }), 'SYNC_TOO_NEW')
    await expectCode(openSyncHeader({ ...made.header, version: 2 } as unknown as SyncHeader, { passphrase: PASSWORD }), 'SYNC_TOO_NEW')
  })

  it('returns a fresh object without stray fields from a prototype', () => {
    const parsed = parseSyncHeader(Object.assign(Object.create(null) as object, json()))
    expect(parsed).toEqual(made.header)
  })
})
