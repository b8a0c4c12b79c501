import fc from 'fast-check'
import { argon2id } from '../vault/argon2id.ts'
import { describe, expect, it, vi } from 'vitest'
import { base64Decode, base64Encode } from '../encoding/base64.ts'
import { expectError, mutatedJsonArb, valueOrKeyfobErrorSync } from '../../../test/support/import-helpers.ts'
import { DEFAULT_ARGON2, MIN_NEW_ARGON2 } from '../vault/argon2-params.ts'
import type { VaultContent } from '../vault/vault-content.ts'
import { exportKeyfobBackup, type KeyfobBackupOptions } from './export-keyfob-backup.ts'
import {
  account,
  brokenNameAccount,
  contentArb,
  MAX_COUNTER,
  OTHER_PASSWORD,
  PASSWORD,
  TEST_KDF,
  utf8,
  variedContent,
} from '../../../test/support/export-fixtures.ts'
import { importKeyfobBackup } from './import-keyfob-backup.ts'
import type { KeyfobBackup } from './keyfob-backup-format.ts'
import { parseKeyfobBackup } from './parse-keyfob-backup.ts'

// A pass-through spy: hostile parameters must be refused before Argon2id runs, whatever the machine's speed.
vi.mock('../vault/argon2id.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../vault/argon2id.ts')>()
  return { ...actual, argon2id: vi.fn(actual.argon2id) }
})

const FAST: KeyfobBackupOptions = { kdf: TEST_KDF, insecureKdfForTests: true, now: Date.UTC(2026, 10, 23, 9, 41) }

function exportFast(content: VaultContent = variedContent(), password = PASSWORD): Promise<string> {
  return exportKeyfobBackup(content, password, FAST)
}

function edit(text: string, change: (file: Record<string, unknown>) => void): string {
  const file = JSON.parse(text) as Record<string, unknown>
  change(file)
  return JSON.stringify(file)
}

function flipBit(b64: string, byteIndex: number): string {
  const bytes = base64Decode(b64)
  bytes[byteIndex] = bytes[byteIndex]! ^ 0x01
  return base64Encode(bytes)
}

describe('exportKeyfobBackup / importKeyfobBackup', () => {
  it('restores every field of every account exactly, HOTP counters to 2^64 − 1 included', async () => {
    const content = variedContent()
    const restored = await importKeyfobBackup(await exportFast(content), PASSWORD)
    expect(restored.accounts).toEqual(content.accounts)
    expect(restored.accounts.some((a) => a.counter === MAX_COUNTER)).toBe(true)
    expect(restored.createdAt).toBe('2026-11-23T09:41:00.000Z')
  })

  it('writes the documented shape, with the counter as a decimal string inside', async () => {
    const text = await exportFast()
    const file = JSON.parse(text) as KeyfobBackup
    expect(Object.keys(file)).toEqual(['format', 'version', 'createdAt', 'kdf', 'keyNonce', 'wrappedKey', 'nonce', 'ciphertext'])
    expect(file).toMatchObject({ format: 'keyfob-backup', version: 1, createdAt: '2026-11-23T09:41:00.000Z' })
    expect(file.kdf).toMatchObject({ algorithm: 'argon2id', version: 19, ...TEST_KDF })
    expect(base64Decode(file.kdf.salt)).toHaveLength(16)
    expect(base64Decode(file.keyNonce)).toHaveLength(12)
    expect(base64Decode(file.wrappedKey)).toHaveLength(48)
    expect(base64Decode(file.nonce)).toHaveLength(12)
    // Padded to 1 KiB blocks, plus the tag.
    expect((base64Decode(file.ciphertext).length - 16) % 1024).toBe(0)
    // Nothing readable outside the ciphertext.
    expect(text).not.toMatch(/GitHub|octocat|JBSWY3DP/)
  })

  it('accepts the file as bytes, with or without a BOM', async () => {
    const text = await exportFast()
    expect((await importKeyfobBackup(utf8(text), PASSWORD)).accounts).toHaveLength(12)
    expect((await importKeyfobBackup(utf8(`\uFEFF${text}`), PASSWORD)).accounts).toHaveLength(12)
    expect((await importKeyfobBackup(`\uFEFF${text}`, PASSWORD)).accounts).toHaveLength(12)
  })

  it('normalises the password to NFKC, like the vault', async () => {
    const text = await exportFast(variedContent(), 'cafe\u0301 au lait, s\u2019il vous pla\u00EEt')
    expect((await importKeyfobBackup(text, 'caf\u00E9 au lait, s\u2019il vous pla\u00EEt')).accounts).toHaveLength(12)
  })

  it('keeps a name with a lone surrogate (JSON escapes it, so no UTF-8 is lost)', async () => {
    const content = { schemaVersion: 1, accounts: [brokenNameAccount()] }
    expect((await importKeyfobBackup(await exportFast(content), PASSWORD)).accounts).toEqual(content.accounts)
  })

  it('restores an empty vault', async () => {
    expect((await importKeyfobBackup(await exportFast({ schemaVersion: 1, accounts: [] }), PASSWORD)).accounts).toEqual([])
  })

  it('leaves settings out (Keyfob keeps them outside the vault)', async () => {
    const text = await exportFast({ schemaVersion: 1, accounts: [account()], settings: { autoLockMinutes: 5 } })
    expect(await importKeyfobBackup(text, PASSWORD)).not.toHaveProperty('settings')
  })

  it('uses fresh randomness every time', async () => {
    const [a, b] = [JSON.parse(await exportFast()) as KeyfobBackup, JSON.parse(await exportFast()) as KeyfobBackup]
    expect(a.kdf.salt).not.toBe(b.kdf.salt)
    expect(a.nonce).not.toBe(b.nonce)
    expect(a.ciphertext).not.toBe(b.ciphertext)
  })

  it('property: any valid vault content comes back equal', async () => {
    await fc.assert(
      fc.asyncProperty(contentArb, async (content) => {
        const restored = await importKeyfobBackup(await exportFast(content), PASSWORD)
        expect(restored.accounts).toEqual(content.accounts)
      }),
      { numRuns: 40 },
    )
  })

  it('round-trips at the real defaults (Argon2id 64 MiB, t = 3)', async () => {
    const content = variedContent()
    const text = await exportKeyfobBackup(content, PASSWORD)
    expect((JSON.parse(text) as KeyfobBackup).kdf).toMatchObject(DEFAULT_ARGON2)
    expect((await importKeyfobBackup(text, PASSWORD)).accounts).toEqual(content.accounts)
    await expectError(importKeyfobBackup(text, OTHER_PASSWORD), 'WRONG_PASSWORD')
  }, 30_000)
})

describe('exportKeyfobBackup refuses', () => {
  it('weak passwords (WEAK_PASSWORD), as new vault password slots do', async () => {
    for (const weak of ['', 'short', 'password123', 'aaaaaaaaaaaa']) {
      await expectError(exportFast(variedContent(), weak), 'WEAK_PASSWORD')
    }
  })

  it('KDF parameters under the OWASP floor unless the test-only option is set', async () => {
    await expectError(exportKeyfobBackup(variedContent(), PASSWORD, { kdf: TEST_KDF }), 'INVALID_PARAMETER', /OWASP/)
    await expectError(exportKeyfobBackup(variedContent(), PASSWORD, { kdf: { ...MIN_NEW_ARGON2, iterations: 1 } }), 'INVALID_PARAMETER')
    // Even the test option keeps Argon2's own limits and the reading ceiling.
    await expectError(
      exportKeyfobBackup(variedContent(), PASSWORD, { ...FAST, kdf: { memoryKiB: 4, iterations: 1, parallelism: 1 } }),
      'INVALID_PARAMETER',
    )
    await expectError(
      exportKeyfobBackup(variedContent(), PASSWORD, { ...FAST, kdf: { memoryKiB: 2 ** 21, iterations: 1, parallelism: 1 } }),
      'INVALID_PARAMETER',
    )
  })

  it('content the vault would refuse, so it never writes a backup it cannot read', async () => {
    await expectError(exportFast({ schemaVersion: 1, accounts: [account({ digits: 11 })] }), 'INVALID_PARAMETER')
    await expectError(exportFast({ schemaVersion: 1, accounts: [account({ secret: 'not base32!' })] }), 'INVALID_PARAMETER')
    const twice = account()
    await expectError(exportFast({ schemaVersion: 1, accounts: [twice, twice] }), 'INVALID_PARAMETER')
    await expectError(exportFast({ schemaVersion: 99, accounts: [] }), 'INVALID_PARAMETER')
  })
})

describe('importKeyfobBackup rejects', () => {
  it('a wrong password (WRONG_PASSWORD) and a missing one (PASSWORD_REQUIRED)', async () => {
    const text = await exportFast()
    await expectError(importKeyfobBackup(text, OTHER_PASSWORD), 'WRONG_PASSWORD')
    await expectError(importKeyfobBackup(text, undefined), 'PASSWORD_REQUIRED')
    await expectError(importKeyfobBackup(text, ''), 'PASSWORD_REQUIRED')
  })

  it('any flipped bit in the nonce or ciphertext (INVALID_FILE): the password opened the key', async () => {
    const text = await exportFast()
    const file = JSON.parse(text) as KeyfobBackup
    const length = base64Decode(file.ciphertext).length
    for (const at of [0, 1, 500, length - 17, length - 16, length - 1]) {
      await expectError(
        importKeyfobBackup(
          edit(text, (f) => (f['ciphertext'] = flipBit(file.ciphertext, at))),
          PASSWORD,
        ),
        'INVALID_FILE',
      )
    }
    for (const at of [0, 11]) {
      await expectError(
        importKeyfobBackup(
          edit(text, (f) => (f['nonce'] = flipBit(file.nonce, at))),
          PASSWORD,
        ),
        'INVALID_FILE',
      )
    }
  })

  it('an edited createdAt (INVALID_FILE): it is bound to the content', async () => {
    const text = await exportFast()
    await expectError(
      importKeyfobBackup(
        edit(text, (f) => (f['createdAt'] = '2027-01-01T00:00:00.000Z')),
        PASSWORD,
      ),
      'INVALID_FILE',
      /damaged or edited/,
    )
  })

  it('content moved from another backup (INVALID_FILE)', async () => {
    const a = JSON.parse(await exportFast()) as KeyfobBackup
    const b = JSON.parse(await exportFast({ schemaVersion: 1, accounts: [account()] })) as KeyfobBackup
    await expectError(importKeyfobBackup(JSON.stringify({ ...a, nonce: b.nonce, ciphertext: b.ciphertext }), PASSWORD), 'INVALID_FILE')
  })

  it('an edited key or KDF header as WRONG_PASSWORD (indistinguishable, as for the vault)', async () => {
    const text = await exportFast()
    const file = JSON.parse(text) as KeyfobBackup
    const edits: ((f: Record<string, unknown>) => void)[] = [
      (f) => (f['wrappedKey'] = flipBit(file.wrappedKey, 3)),
      (f) => (f['wrappedKey'] = flipBit(file.wrappedKey, 47)),
      (f) => (f['keyNonce'] = flipBit(file.keyNonce, 0)),
      (f) => (f['kdf'] = { ...file.kdf, salt: flipBit(file.kdf.salt, 0) }),
      (f) => (f['kdf'] = { ...file.kdf, memoryKiB: file.kdf.memoryKiB + 8 }),
      (f) => (f['kdf'] = { ...file.kdf, iterations: 2 }),
    ]
    for (const change of edits) await expectError(importKeyfobBackup(edit(text, change), PASSWORD), 'WRONG_PASSWORD')
  })

  it('KDF parameters beyond the vault reading bounds before running anything (INVALID_FILE)', async () => {
    const text = await exportFast()
    const file = JSON.parse(text) as KeyfobBackup
    // The spy sees an honest derivation, so the checks below can fail.
    vi.mocked(argon2id).mockClear()
    await importKeyfobBackup(text, PASSWORD)
    expect(argon2id).toHaveBeenCalledTimes(1)
    const hostile = [
      { memoryKiB: 2 ** 21 },
      { iterations: 21 },
      { parallelism: 17 },
      { memoryKiB: 1024 * 1024, iterations: 5 },
      { memoryKiB: 4 },
      { memoryKiB: 1.5 },
      { iterations: 0 },
      { version: 16 },
      { algorithm: 'argon2i' },
      { salt: base64Encode(new Uint8Array(8)) },
      { salt: base64Encode(new Uint8Array(65)) },
    ]
    for (const h of hostile) {
      vi.mocked(argon2id).mockClear()
      await expectError(
        importKeyfobBackup(
          edit(text, (f) => (f['kdf'] = { ...file.kdf, ...h })),
          PASSWORD,
        ),
        'INVALID_FILE',
      )
      expect(argon2id, JSON.stringify(h)).not.toHaveBeenCalled()
    }
  })

  it('malformed files (INVALID_FILE), naming the field', async () => {
    const text = await exportFast()
    const file = JSON.parse(text) as KeyfobBackup
    const cases: [(f: Record<string, unknown>) => void, RegExp][] = [
      [(f) => (f['extra'] = 1), /unknown field 'extra'/],
      [(f) => delete f['nonce'], /nonce is missing/],
      [(f) => (f['nonce'] = base64Encode(new Uint8Array(16))), /nonce must be 12 bytes/],
      [(f) => (f['kdf'] = { ...file.kdf, salt: file.kdf.salt.replace(/=+$/, '') }), /kdf.salt is not canonical base64/],
      [(f) => (f['nonce'] = `${file.nonce} `), /nonce is not canonical base64/],
      [(f) => (f['wrappedKey'] = base64Encode(new Uint8Array(32))), /wrappedKey/],
      [(f) => (f['ciphertext'] = base64Encode(new Uint8Array(15))), /ciphertext/],
      [(f) => (f['createdAt'] = 1_700_000_000_000), /createdAt/],
      [(f) => (f['createdAt'] = '2026-02-30T00:00:00.000Z'), /createdAt/],
      [(f) => (f['version'] = '1'), /version/],
      [(f) => (f['kdf'] = null), /kdf/],
    ]
    for (const [change, message] of cases) {
      await expectError(importKeyfobBackup(edit(text, change), PASSWORD), 'INVALID_FILE', message)
    }
    await expectError(importKeyfobBackup('{"format": "keyfob-backup", ', PASSWORD), 'INVALID_FILE', /JSON/)
    await expectError(importKeyfobBackup(new Uint8Array([0xff, 0xfe, 0x00]), PASSWORD), 'INVALID_FILE')
    await expectError(importKeyfobBackup(`${'['.repeat(100)}${']'.repeat(100)}`, PASSWORD), 'INVALID_FILE')
    await expectError(importKeyfobBackup(new Uint8Array(20 * 1024 * 1024 + 1), PASSWORD), 'INVALID_FILE', /too large/)
  })

  it('other files and newer versions (UNSUPPORTED_FORMAT)', async () => {
    const text = await exportFast()
    await expectError(
      importKeyfobBackup(
        edit(text, (f) => (f['version'] = 2)),
        PASSWORD,
      ),
      'UNSUPPORTED_FORMAT',
      /newer|version 2/,
    )
    await expectError(
      importKeyfobBackup(
        edit(text, (f) => (f['format'] = 'keyfob-vault')),
        PASSWORD,
      ),
      'UNSUPPORTED_FORMAT',
    )
    await expectError(importKeyfobBackup('[]', PASSWORD), 'UNSUPPORTED_FORMAT')
    await expectError(importKeyfobBackup('{"version":1,"header":{},"db":{}}', PASSWORD), 'UNSUPPORTED_FORMAT')
  })

  it('property: any mutation of the file gives a value or a KeyfobError from the parser', () => {
    return exportFast().then((text) => {
      fc.assert(
        fc.property(mutatedJsonArb(JSON.parse(text)), (mutated) => valueOrKeyfobErrorSync(() => parseKeyfobBackup(mutated))),
        { numRuns: 300 },
      )
    })
  })

  it('property: any flipped byte of the text gives the accounts back or a KeyfobError, never INTERNAL', async () => {
    const text = await exportFast({ schemaVersion: 1, accounts: [account()] })
    const bytes = utf8(text)
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const copy = new Uint8Array(bytes)
        copy[at] = copy[at]! ^ xor
        try {
          // Whitespace edits leave the JSON, and so the backup, intact.
          expect((await importKeyfobBackup(copy, PASSWORD)).accounts).toHaveLength(1)
        } catch (e) {
          expect((e as { code?: unknown }).code).toMatch(/^(INVALID_FILE|WRONG_PASSWORD|UNSUPPORTED_FORMAT)$/)
        }
      }),
      { numRuns: 150 },
    )
  })
})
