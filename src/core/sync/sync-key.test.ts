import { describe, expect, it } from 'vitest'
import { gcmDecrypt, gcmEncrypt } from '../vault/aes-gcm.ts'
import { assertSyncKey, exportSyncKey, importSyncKey, newSyncKey, syncKeyFromRaw } from './sync-key.ts'
import { expectCode } from '../../../test/support/vault-fixtures.ts'

const nonce = new Uint8Array(12)
const aad = new Uint8Array(0)

describe('sync key', () => {
  it('is 32 random bytes and a non-extractable AES-256-GCM key', async () => {
    const a = await newSyncKey()
    const b = await newSyncKey()
    expect(a.raw).toHaveLength(32)
    expect(a.raw).not.toEqual(b.raw)
    expect(a.key.extractable).toBe(false)
    expect(a.key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 })
    expect([...a.key.usages].sort()).toEqual(['decrypt', 'encrypt'])
    expect(() => assertSyncKey(a.key)).not.toThrow()
  })

  it('survives export to the vault and import back (the same key, not merely the same bytes)', async () => {
    const original = await newSyncKey()
    const text = exportSyncKey(original)
    expect(text).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    const back = await importSyncKey(text)
    expect(back.raw).toEqual(original.raw)
    const sealed = await gcmEncrypt(original.key, nonce, new Uint8Array([1, 2, 3]), aad)
    expect(await gcmDecrypt(back.key, nonce, sealed, aad)).toEqual(new Uint8Array([1, 2, 3]))
  })

  it('copies the raw bytes it is given, so the caller may wipe its own', async () => {
    const raw = new Uint8Array(32).fill(7)
    const key = await syncKeyFromRaw(raw)
    raw.fill(0)
    expect(key.raw).toEqual(new Uint8Array(32).fill(7))
  })

  it.each([
    ['too short', 'AAAA'],
    ['31 bytes', btoa('x'.repeat(31))],
    ['33 bytes', btoa('x'.repeat(33))],
    ['not canonical base64', btoa('x'.repeat(32)).replace('=', '')],
    ['not base64', '!'.repeat(44)],
    ['not text', 42 as unknown as string],
  ])('refuses a kept key that is %s', async (_name, text) => {
    await expectCode(importSyncKey(text), 'INVALID_PARAMETER')
  })

  it('refuses keys that are not AES-256-GCM', async () => {
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    const aes128 = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt', 'decrypt'])
    const encryptOnly = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt'])
    for (const key of [hmac, aes128, encryptOnly]) await expectCode(() => assertSyncKey(key), 'INVALID_PARAMETER')
  })
})
