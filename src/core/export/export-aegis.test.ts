import { gcm } from '@noble/ciphers/aes.js'
import { scrypt } from '@noble/hashes/scrypt.js'
import { describe, expect, it } from 'vitest'
import { base64Decode } from '../encoding/base64.ts'
import { hexDecode } from '../encoding/hex.ts'
import { expectError } from '../../../test/support/import-helpers.ts'
import { aegisLimitations } from './aegis-limitations.ts'
import { exportAegisJson } from './export-aegis.ts'
import { account, MAX_COUNTER, PASSWORD, variedContent } from '../../../test/support/export-fixtures.ts'

interface AegisEntry {
  type: string
  uuid: string
  name: string
  issuer: string
  note: string
  favorite: boolean
  icon: null
  info: Record<string, unknown>
  groups: string[]
}
interface AegisDb {
  version: number
  entries: AegisEntry[]
  groups: { uuid: string; name: string }[]
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/**
 * Decrypts with @noble/hashes' scrypt and @noble/ciphers' AES-GCM, following
 * Aegis docs/vault.md step by step: an implementation independent of both
 * the exporter's WebCrypto path and Keyfob's own Aegis importer.
 */
function decryptIndependently(
  file: { header: { slots: Record<string, unknown>[]; params: { nonce: string; tag: string } }; db: string },
  password: string,
): AegisDb {
  const slot = file.header.slots[0]!
  const keyParams = slot['key_params'] as { nonce: string; tag: string }
  const kek = scrypt(new TextEncoder().encode(password), hexDecode(slot['salt'] as string), {
    N: slot['n'] as number,
    r: slot['r'] as number,
    p: slot['p'] as number,
    dkLen: 32,
  })
  const master = gcm(kek, hexDecode(keyParams.nonce)).decrypt(
    new Uint8Array([...hexDecode(slot['key'] as string), ...hexDecode(keyParams.tag)]),
  )
  const plain = gcm(master, hexDecode(file.header.params.nonce)).decrypt(
    new Uint8Array([...base64Decode(file.db), ...hexDecode(file.header.params.tag)]),
  )
  return JSON.parse(new TextDecoder().decode(plain)) as AegisDb
}

describe('exportAegisJson (plain)', () => {
  it('writes a version-1 file with null slots and params and a version-3 db', async () => {
    const { text } = await exportAegisJson(variedContent())
    const file = JSON.parse(text) as { version: number; header: unknown; db: AegisDb }
    expect(file.version).toBe(1)
    expect(file.header).toEqual({ slots: null, params: null })
    expect(file.db.version).toBe(3)
    expect(text.endsWith('}\n')).toBe(true)
  })

  it("writes entries in the manual order, with Aegis' fields", async () => {
    const content = variedContent()
    const { text } = await exportAegisJson(content)
    const { db } = JSON.parse(text) as { db: AegisDb }
    expect(db.entries.map((e) => e.name)).toEqual([
      'by order',
      'ünï@例え.jp',
      'user:name',
      'no-issuer:with colon',
      'digits',
      'octocat',
      'zero',
      'safe max',
      'gaben',
    ])
    const github = db.entries[5]!
    expect(Object.keys(github)).toEqual(['type', 'uuid', 'name', 'issuer', 'note', 'favorite', 'icon', 'info', 'groups'])
    expect(github).toMatchObject({ type: 'totp', name: 'octocat', issuer: 'GitHub', note: '', favorite: true, icon: null })
    expect(github.uuid).toBe(content.accounts[0]!.id)
    expect(github.info).toEqual({ secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 })
    expect(db.entries[1]!.info).toEqual({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algo: 'SHA256', digits: 8, period: 60 })
    expect(db.entries[7]!.info).toEqual({ secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA256', digits: 8, counter: Number.MAX_SAFE_INTEGER })
    expect(db.entries[8]).toMatchObject({ type: 'steam', info: { algo: 'SHA1', digits: 5, period: 30 } })
  })

  it('makes one group per tag, with a UUID each, and refers to them from entries', async () => {
    const { text } = await exportAegisJson(variedContent())
    const { db } = JSON.parse(text) as { db: AegisDb }
    expect(db.groups.map((g) => g.name)).toEqual(['privé', 'work', 'dev', 'games'])
    for (const g of db.groups) expect(g.uuid).toMatch(UUID)
    const name = (uuid: string) => db.groups.find((g) => g.uuid === uuid)?.name
    expect(db.entries[5]!.groups.map(name)).toEqual(['work', 'dev'])
    expect(db.entries[6]!.groups.map(name)).toEqual(['work'])
    expect(db.entries[0]!.groups).toEqual([])
  })

  it('writes secrets as canonical base32 without padding', async () => {
    const { text } = await exportAegisJson({ schemaVersion: 1, accounts: [account({ secret: 'GEZDGNBV' }), account({ secret: 'MFRGG' })] })
    const { db } = JSON.parse(text) as { db: AegisDb }
    expect(db.entries.map((e) => e.info['secret'])).toEqual(['GEZDGNBV', 'MFRGG'])
  })

  it('leaves out what Aegis cannot hold, in order, with reasons', async () => {
    const { skipped } = await exportAegisJson(variedContent())
    expect(skipped.map((s) => s.name)).toEqual(['Hotp (int64 max)', 'Hotp (uint64 max)', 'Offset (t0)'])
    expect(skipped[0]!.reason).toMatch(/counter is larger than 9007199254740991/)
    expect(skipped[2]!.reason).toMatch(/T0/)
  })

  it('warns about the metadata it drops, once per kind', async () => {
    const { warnings } = await exportAegisJson(variedContent())
    expect(warnings).toEqual([
      '2 accounts have bound sites (autofill), which Aegis cannot hold; they are not in the export.',
      '1 account has image URLs, which Aegis cannot hold; they are not in the export.',
      '1 account has extra otpauth parameters, which Aegis cannot hold; they are not in the export.',
    ])
    expect((await exportAegisJson({ schemaVersion: 1, accounts: [account({ tags: ['a'], pinned: true })] })).warnings).toEqual([])
  })

  it('exports an empty vault', async () => {
    const { text, skipped } = await exportAegisJson({ schemaVersion: 1, accounts: [] })
    expect(JSON.parse(text)).toEqual({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries: [], groups: [] } })
    expect(skipped).toEqual([])
  })
})

describe('exportAegisJson (encrypted)', () => {
  it("writes one scrypt password slot and AES-GCM params as Aegis' docs/vault.md describes", async () => {
    const { text } = await exportAegisJson(variedContent(), { password: PASSWORD })
    const file = JSON.parse(text) as {
      version: number
      header: { slots: Record<string, unknown>[]; params: { nonce: string; tag: string } }
      db: string
    }
    expect(file.version).toBe(1)
    expect(file.header.slots).toHaveLength(1)
    const slot = file.header.slots[0]!
    expect(Object.keys(slot)).toEqual(['type', 'uuid', 'key', 'key_params', 'n', 'r', 'p', 'salt', 'repaired', 'is_backup'])
    expect(slot).toMatchObject({ type: 1, n: 32768, r: 8, p: 1, repaired: true, is_backup: false })
    expect(slot['uuid']).toMatch(UUID)
    expect(slot['key']).toMatch(/^[0-9a-f]{64}$/)
    expect(slot['salt']).toMatch(/^[0-9a-f]{64}$/)
    expect(slot['key_params']).toEqual({
      nonce: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown,
      tag: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
    })
    expect(file.header.params.nonce).toMatch(/^[0-9a-f]{24}$/)
    expect(file.header.params.tag).toMatch(/^[0-9a-f]{32}$/)
    expect(typeof file.db).toBe('string')
    expect(text).not.toMatch(/GitHub|octocat|JBSWY3DP/)
  })

  it('decrypts, with an independent scrypt and AES-GCM, to the same db as the plain export', async () => {
    const content = variedContent()
    const plain = (JSON.parse((await exportAegisJson(content)).text) as { db: AegisDb }).db
    const encrypted = JSON.parse((await exportAegisJson(content, { password: PASSWORD })).text) as Parameters<
      typeof decryptIndependently
    >[0]
    const db = decryptIndependently(encrypted, PASSWORD)
    // Group UUIDs are random per export; everything else is identical.
    const strip = (d: AegisDb) => ({
      ...d,
      groups: d.groups.map((g) => g.name),
      entries: d.entries.map((e) => ({ ...e, groups: e.groups.map((u) => d.groups.find((g) => g.uuid === u)?.name) })),
    })
    expect(strip(db)).toEqual(strip(plain))
  })

  it('hashes the password as typed (UTF-8, not normalised), as Aegis does', async () => {
    const password = 'cafe\u0301 au lait, merci'
    const encrypted = JSON.parse((await exportAegisJson(variedContent(), { password })).text) as Parameters<typeof decryptIndependently>[0]
    expect(decryptIndependently(encrypted, password).entries.length).toBe(9)
    expect(() => decryptIndependently(encrypted, password.normalize('NFC'))).toThrow()
  })

  it('refuses weak and empty passwords', async () => {
    await expectError(exportAegisJson(variedContent(), { password: 'letmein' }), 'WEAK_PASSWORD')
    await expectError(exportAegisJson(variedContent(), { password: '' }), 'EXPORT_PASSWORD_REQUIRED')
  })
})

describe('aegisLimitations', () => {
  it('accepts what Aegis holds and explains the rest', () => {
    expect(aegisLimitations(account({ digits: 10, period: 1 }))).toBeNull()
    expect(aegisLimitations(account({ t0: 0 }))).toBeNull()
    expect(aegisLimitations(account({ type: 'steam', digits: 5, t0: 30 }))).toBeNull()
    expect(aegisLimitations(account({ type: 'hotp', counter: BigInt(Number.MAX_SAFE_INTEGER) }))).toBeNull()
    expect(aegisLimitations(account({ type: 'hotp', counter: MAX_COUNTER }))).toMatch(/counter/)
    expect(aegisLimitations(account({ t0: -30 }))).toMatch(/T0/)
    expect(aegisLimitations(account({ period: 2 ** 31 }))).toMatch(/period/)
  })
})
