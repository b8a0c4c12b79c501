/**
 * docs/security.md, "Key slots or records per file: 16" (limits.ts MAX_KEY_RECORDS): an Aegis
 * file with more password/biometric slots, or an Authenticator-extension file with more Key
 * records, is refused as INVALID_FILE before any key derivation runs; 16 are read as usual.
 * hash-wasm is a spy here (it still works), so "before any derivation" is observed, not assumed.
 */
import { argon2id, scrypt } from 'hash-wasm'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { aegisEncryptedFile, authenticatorExtensionV8File } from '../../../test/support/encrypted-fixtures.ts'
import { importBackup } from './import-backup.ts'
import { encode, expectError } from '../../../test/support/import-helpers.ts'
import { MAX_KEY_RECORDS } from './limits.ts'
import { FIXTURE_ENTRIES } from '../../../test/support/plain-fixtures.ts'

vi.mock('hash-wasm', async (importOriginal) => (await import('../../../test/support/kdf-spies.ts')).withKdfSpies(await importOriginal()))

const PASSWORD = 'a backup password'
type Doc = Record<string, unknown>
const decode = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as Doc

/** An Aegis file whose slot list holds `count` slots: the real password slot last, biometric ones before it. */
async function aegisWithSlots(count: number): Promise<Uint8Array> {
  const doc = decode(await aegisEncryptedFile(FIXTURE_ENTRIES.slice(0, 1), PASSWORD))
  const header = doc['header'] as { slots: Doc[] }
  const [bio, password] = header.slots as [Doc, Doc]
  header.slots = [...Array.from({ length: count - 1 }, (_, i) => ({ ...bio, uuid: `bio-${i}` })), password]
  return encode(doc)
}

/** An Authenticator-extension v8 file with `count` Key records, the one its entries use among them. */
async function authenticatorWithKeys(count: number): Promise<Uint8Array> {
  const doc = decode(await authenticatorExtensionV8File(FIXTURE_ENTRIES.slice(0, 1), PASSWORD))
  const key = Object.values(doc).find((v) => (v as Doc)['dataType'] === 'Key') as Doc
  for (let i = 1; i < count; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
    doc[id] = { ...key, id }
  }
  return encode(doc)
}

beforeEach(() => {
  vi.mocked(scrypt).mockClear()
  vi.mocked(argon2id).mockClear()
})

describe('key slots or records per file (MAX_KEY_RECORDS)', () => {
  it('is 16', () => {
    expect(MAX_KEY_RECORDS).toBe(16)
  })

  it('Aegis: 16 slots are read; 17 are refused as INVALID_FILE before any scrypt runs', async () => {
    const sixteen = await aegisWithSlots(16)
    const seventeen = await aegisWithSlots(17)
    vi.mocked(scrypt).mockClear()
    const result = await importBackup(sixteen, { password: PASSWORD })
    expect(result.entries).toHaveLength(1)
    expect(scrypt).toHaveBeenCalledTimes(1)
    vi.mocked(scrypt).mockClear()
    await expectError(importBackup(seventeen, { password: PASSWORD }), 'INVALID_FILE', /header\.slots' has 17 items; the limit is 16/)
    expect(scrypt).not.toHaveBeenCalled()
  })

  it('Authenticator extension: 16 Key records are read; 17 are refused as INVALID_FILE before any Argon2id runs', async () => {
    const sixteen = await authenticatorWithKeys(16)
    const seventeen = await authenticatorWithKeys(17)
    vi.mocked(argon2id).mockClear()
    const result = await importBackup(sixteen, { password: PASSWORD })
    expect(result.entries).toHaveLength(1)
    expect(argon2id).toHaveBeenCalled()
    vi.mocked(argon2id).mockClear()
    await expectError(importBackup(seventeen, { password: PASSWORD }), 'INVALID_FILE', /more than 16 key records/)
    expect(argon2id).not.toHaveBeenCalled()
  })
})
