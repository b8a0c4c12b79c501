import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ErrorCode } from '../errors.ts'
import { isKeyfobError } from '../errors.ts'
import { bytesToBase64 } from './base64.ts'
import { parseEnvelope } from './parse-envelope.ts'
import { expectCode } from '../../../test/support/vault-fixtures.ts'

const b64 = (length: number, fill = 7) => bytesToBase64(new Uint8Array(length).fill(fill))

/** Structurally valid (the bytes are filler: parseEnvelope does no cryptography). */
function valid() {
  return {
    format: 'keyfob-vault',
    version: 1,
    generation: 4,
    slots: [
      {
        type: 'password',
        id: '3f2a6c1e-8d4b-4f7a-9c2e-5b1d0a9e8f76',
        kdf: { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1, salt: b64(16) },
        nonce: b64(12),
        wrappedKey: b64(48),
      },
      { type: 'device', id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', nonce: b64(12), wrappedKey: b64(48) },
    ],
    nonce: b64(12),
    ciphertext: b64(1040),
  }
}

type Envelope = ReturnType<typeof valid>
type Kdf = Envelope['slots'][0]['kdf']

function edit(change: (e: Envelope) => void): unknown {
  const e = valid()
  change(e)
  return e
}

function editKdf(change: Partial<Record<keyof Kdf, unknown>>): unknown {
  return edit((e) => Object.assign(e.slots[0]?.kdf ?? {}, change))
}

describe('parseEnvelope', () => {
  it('accepts a valid envelope and returns an equal value', () => {
    expect(parseEnvelope(valid())).toEqual(valid())
    expect(parseEnvelope(edit((e) => e.slots.pop()))).toEqual(edit((e) => e.slots.pop()))
    expect(parseEnvelope(edit((e) => e.slots.shift()))).toEqual(edit((e) => e.slots.shift()))
  })

  const rejected: [string, unknown, RegExp][] = [
    ['null', null, /the vault must be an object/],
    ['an array', [valid()], /the vault must be an object/],
    ['a JSON string', JSON.stringify(valid()), /the vault must be an object/],
    ['another format', edit((e) => (e.format = 'aegis')), /format must be 'keyfob-vault'/],
    ['version 0', edit((e) => (e.version = 0)), /version must be an integer/],
    ['version "1"', edit((e) => Object.assign(e, { version: '1' })), /version must be an integer/],
    ['version 1.5', edit((e) => (e.version = 1.5)), /version must be an integer/],
    ['an unknown field', edit((e) => Object.assign(e, { extra: 1 })), /unknown field 'extra'/],
    ['no ciphertext', edit((e) => Reflect.deleteProperty(e, 'ciphertext')), /ciphertext is missing/],
    ['generation −1', edit((e) => (e.generation = -1)), /generation must be an integer/],
    ['generation "4"', edit((e) => Object.assign(e, { generation: '4' })), /generation must be an integer/],
    ['slots not an array', edit((e) => Object.assign(e, { slots: {} })), /slots must be an array/],
    ['no slots', edit((e) => (e.slots = [])), /slots is empty/],
    [
      'two password slots',
      edit((e) => e.slots.push({ ...structuredClone(valid().slots[0]!), id: '00000000-0000-4000-8000-000000000000' })),
      /more than one password slot/,
    ],
    ['a repeated slot id', edit((e) => Object.assign(e.slots[1]!, { id: e.slots[0]!.id })), /appears twice/],
    ['an unknown slot type', edit((e) => Object.assign(e.slots[1]!, { type: 'fingerprint' })), /slots\[1\]\.type must be one of/],
    ['an upper-case slot id', edit((e) => (e.slots[0]!.id = e.slots[0]!.id.toUpperCase())), /slots\[0\]\.id must be a lower-case UUID/],
    ['a kdf on a device slot', edit((e) => Object.assign(e.slots[1]!, { kdf: {} })), /slots\[1\] has an unknown field 'kdf'/],
    ['an 11-byte nonce', edit((e) => (e.nonce = b64(11))), /nonce must be 12 bytes/],
    ['a 47-byte wrapped key', edit((e) => (e.slots[1]!.wrappedKey = b64(47))), /wrappedKey must be 48 bytes/],
    ['a ciphertext shorter than the tag', edit((e) => (e.ciphertext = b64(15))), /ciphertext must be 16 to/],
    ['base64 without padding', edit((e) => (e.nonce = b64(11).replace(/=+$/, ''))), /nonce is not canonical base64/],
    ['base64 with a space', edit((e) => (e.ciphertext = ` ${e.ciphertext}`)), /ciphertext is not canonical base64/],
    ['base64url', edit((e) => (e.nonce = bytesToBase64(new Uint8Array(12).fill(0xfb)).replace(/\+/g, '-'))), /not canonical base64/],
    // 16 bytes end in one character carrying 2 data bits and 4 spare ones: 'w' → 'x' sets a spare bit.
    ['non-zero spare bits', editKdf({ salt: b64(16).replace(/w==$/, 'x==') }), /salt is not canonical base64/],
    ['argon2i', editKdf({ algorithm: 'argon2i' }), /algorithm must be 'argon2id'/],
    ['Argon2 v1.0', editKdf({ version: 16 }), /version must be 19/],
    ['an 8-byte salt', editKdf({ salt: b64(8) }), /salt must be 16 to 64 bytes/],
    ['a missing salt', edit((e) => Reflect.deleteProperty(e.slots[0]!.kdf!, 'salt')), /kdf\.salt is missing/],
    ['2 GiB of memory', editKdf({ memoryKiB: 2 * 1024 * 1024 }), /memoryKiB must be an integer from 8 to 1048576/],
    ['1000 iterations', editKdf({ iterations: 1000 }), /iterations must be an integer from 1 to 20/],
    ['0 iterations', editKdf({ iterations: 0 }), /iterations must be an integer/],
    ['parallelism 0', editKdf({ parallelism: 0 }), /parallelism must be an integer/],
    ['parallelism 64', editKdf({ parallelism: 64 }), /parallelism must be an integer from 1 to 16/],
    ['memory under 8 × lanes', editKdf({ memoryKiB: 63, parallelism: 8 }), /memoryKiB must be an integer from 64/],
    ['1 GiB × 5 passes', editKdf({ memoryKiB: 1024 * 1024, iterations: 5 }), /must not exceed 4194304/],
    ['fractional memory', editKdf({ memoryKiB: 65536.5 }), /memoryKiB must be an integer/],
  ]

  it.each(rejected)('rejects %s with VAULT_CORRUPT naming the problem', (_name, input, message) => {
    expect(() => parseEnvelope(input)).toThrow(message)
    return expectCode(() => parseEnvelope(input), 'VAULT_CORRUPT')
  })

  it('reports a later envelope version as VAULT_TOO_NEW, whatever else it contains', async () => {
    await expectCode(() => parseEnvelope(edit((e) => (e.version = 2))), 'VAULT_TOO_NEW')
    await expectCode(() => parseEnvelope({ format: 'keyfob-vault', version: 7, somethingNew: true }), 'VAULT_TOO_NEW')
  })

  it('never throws anything but a KeyfobError, and whatever it accepts parses to itself', () => {
    const codes: ErrorCode[] = ['VAULT_CORRUPT', 'VAULT_TOO_NEW']
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (input) => {
        try {
          const parsed = parseEnvelope(input)
          expect(parseEnvelope(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed)
        } catch (e) {
          if (!(isKeyfobError(e) && codes.includes(e.code))) throw e
        }
      }),
    )
  })
})
