import fc from 'fast-check'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { expectNoDerivation } from '../../../test/support/kdf-spies.ts'
import { enteEncryptedFile, secretstreamPushFirst } from '../../../test/support/encrypted-fixtures.ts'
import { importBackup } from './import-backup.ts'
import {
  encode,
  expectEntries,
  expectError,
  mutatedJsonArb,
  valueOrKeyfobError,
  json,
  setIn,
  strIn,
  type Rec,
} from '../../../test/support/import-helpers.ts'
import { errorFormat } from './password.ts'
import { FIXTURE_ENTRIES, uriListFile } from '../../../test/support/plain-fixtures.ts'
import { secretstreamPullFirst, TAG_FINAL } from './secretstream-pull.ts'

// Spies that pass through: a refusal must come before any derivation, whatever the machine's speed.
vi.mock('hash-wasm', async (importOriginal) => (await import('../../../test/support/kdf-spies.ts')).withKdfSpies(await importOriginal()))
beforeEach(() => vi.clearAllMocks())

const text = new TextDecoder().decode(uriListFile(FIXTURE_ENTRIES))

describe('secretstream (libsodium crypto_secretstream_xchacha20poly1305)', () => {
  it('pulls what push wrote, with its tag, and rejects any changed byte', () => {
    const key = crypto.getRandomValues(new Uint8Array(32))
    const header = crypto.getRandomValues(new Uint8Array(24))
    for (const length of [0, 1, 15, 16, 17, 63, 64, 65, 1000]) {
      const message = crypto.getRandomValues(new Uint8Array(length))
      const sealed = secretstreamPushFirst(key, header, message, TAG_FINAL)
      expect(sealed.length).toBe(length + 17)
      expect(secretstreamPullFirst(key, header, sealed)).toEqual({ message, tag: TAG_FINAL })
      for (const at of [0, Math.floor(sealed.length / 2), sealed.length - 1]) {
        const bad = new Uint8Array(sealed)
        bad[at]! ^= 1
        expect(secretstreamPullFirst(key, header, bad)).toBeNull()
      }
    }
  })
})

describe('Ente Auth encrypted export', () => {
  it('derives the key with the file’s Argon2id limits and opens the stream', async () => {
    const file = await enteEncryptedFile(text, 'test')
    const result = await importBackup(file, { password: 'test' })
    expect(result.format).toBe('ente-encrypted')
    expectEntries(result, FIXTURE_ENTRIES)
    expect(errorFormat(await expectError(importBackup(file), 'PASSWORD_REQUIRED'))).toBe('ente-encrypted')
    await expectError(importBackup(file, { password: 'tesT' }), 'WRONG_PASSWORD')
  })

  it('refuses absurd or malformed KDF limits before running Argon2id', async () => {
    const doc = json(await enteEncryptedFile(text, 'test'))
    const cases = [
      { memLimit: 2 ** 40, opsLimit: 2 },
      { memLimit: 1073741824, opsLimit: 64 },
      { memLimit: 67108864, opsLimit: 1_000_000 },
      { memLimit: 1000, opsLimit: 2 },
      { memLimit: 67108865, opsLimit: 2 },
      { memLimit: 67108864, opsLimit: 0 },
    ]
    for (const patch of cases) {
      vi.clearAllMocks() // building the file derived its key
      await expectError(
        importBackup(encode(setIn(doc, ['kdfParams'], { ...(doc['kdfParams'] as Rec), ...patch })), { password: 'test' }),
        'INVALID_FILE',
        /refusing to run/,
      )
      expectNoDerivation()
    }
    await expectError(
      importBackup(encode(setIn(doc, ['kdfParams', 'memLimit'], '64MB')), { password: 'test' }),
      'INVALID_FILE',
      /kdfParams\.memLimit/,
    )
    await expectError(
      importBackup(encode({ ...doc, encryptionNonce: 'AAAA' }), { password: 'test' }),
      'INVALID_FILE',
      /encryptionNonce' must be 24 bytes/,
    )
    await expectError(importBackup(encode({ ...doc, version: 2 }), { password: 'test' }), 'UNSUPPORTED_FORMAT')
  })

  it('reports a truncated stream as a wrong password (the MAC cannot tell them apart)', async () => {
    const doc = json(await enteEncryptedFile(text, 'test'))
    await expectError(
      importBackup(encode({ ...doc, encryptedData: strIn(doc, ['encryptedData']).slice(0, 20) }), { password: 'test' }),
      'WRONG_PASSWORD',
    )
  })

  it('gives a value or a KeyfobError for any mutation', async () => {
    const doc = json(await enteEncryptedFile(text.split('\n')[0]!, 'test'))
    await fc.assert(
      fc.asyncProperty(mutatedJsonArb(doc), (d) => valueOrKeyfobError(() => importBackup(encode(d), { password: 'test' }))),
      { numRuns: 150 },
    )
  })
})
