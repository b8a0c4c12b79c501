import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'
import { toTransferred } from '../../core/accounts/transfer-account.ts'
import { importKeyfobBackup } from '../../core/export/import-keyfob-backup.ts'
import { bytesToBase64 } from '../../core/vault/base64.ts'
import { LOCAL } from '../../shared/storage-keys.ts'

vi.mock('../../shared/browser-api.ts', () => ({ ext: fakeBrowser }))
fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Keyfob', version: '0.1.0' })
const { routeFor } = await import('../serve-background.ts')
const { fakeBackground } = await import('../../../test/support/fake-background.ts')

const PASSWORD = 'correct horse battery staple'
const page: Runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/src/options/passkeys.html') }
const webPage: Runtime.MessageSender = {
  id: fakeBrowser.runtime.id,
  url: 'https://example.com/',
  frameId: 0,
  tab: { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
}
const b64 = (bytes: Uint8Array) => bytesToBase64(bytes)
const random = (n: number) => b64(crypto.getRandomValues(new Uint8Array(n)))

let clock = 1_700_000_000_000
/** A fresh worker over the same storage, and a way to send it a page's request. */
function boot() {
  const background = fakeBackground({
    version: '0.1.0',
    now: () => clock,
  })
  const route = routeFor(background)
  type Reply = { ok: boolean; value?: unknown; error?: { code: string } }
  return async (type: string, input: unknown, sender = page): Promise<Reply> => {
    const reply: Reply = await route({ channel: 'popup', type, input }, sender)
    return reply
  }
}

/** A vault with one enrolled passkey; what its authenticator would answer for the slot's salt. */
async function enrolled() {
  const send = boot()
  expect(await send('setup', { password: PASSWORD })).toMatchObject({ ok: true })
  const begin = await send('passkeyBegin', { password: PASSWORD })
  expect(begin).toMatchObject({ ok: true, value: { excludeCredentialIds: [] } })
  const { salt } = begin.value as { salt: string }
  const credentialId = random(32)
  const prfOutput = random(32)
  clock += 1000
  const enrol = await send('passkeyEnrol', { password: PASSWORD, credentialId, salt, prfOutput, name: ' Phone ' })
  expect(enrol).toMatchObject({ ok: true, value: { passkeys: [{ name: 'Phone', createdAt: clock }] } })
  return { send, credentialId, prfOutput, salt, slotId: (enrol.value as { passkeys: { id: string }[] }).passkeys[0]!.id }
}

beforeEach(() => {
  fakeBrowser.reset()
  clock = 1_700_000_000_000
})

describe('passkey requests', () => {
  it('enrol, lock, unlock with the passkey after a worker restart; the password still unlocks', async () => {
    const { send, credentialId, prfOutput } = await enrolled()
    expect(await send('lock', {})).toMatchObject({ ok: true, value: { state: 'locked', hasPasskey: true } })
    const restarted = boot()
    expect(await restarted('passkeyUnlock', { credentialId, prfOutput })).toMatchObject({ ok: true, value: { state: 'unlocked' } })
    expect(await restarted('lock', {})).toMatchObject({ ok: true, value: { state: 'locked' } })
    expect(await restarted('unlock', { password: PASSWORD })).toMatchObject({ ok: true, value: { state: 'unlocked' } })
    // Nothing the page sent is stored in clear.
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(prfOutput)
  })

  it('refuses a wrong PRF output as a counted failure, and an unknown credential without counting', async () => {
    const { send, credentialId } = await enrolled()
    await send('lock', {})
    expect(await send('passkeyUnlock', { credentialId, prfOutput: random(32) })).toMatchObject({
      ok: false,
      error: { code: 'PASSKEY_REFUSED' },
    })
    expect(await send('getStatus', {})).toMatchObject({ value: { state: 'locked', failures: 1 } })
    const unknown = await send('passkeyUnlock', { credentialId: random(32), prfOutput: random(32) })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'PASSKEY_UNKNOWN_CREDENTIAL' } })
    expect(await send('passkeyUnlock', { credentialId, prfOutput: random(16) })).toMatchObject({
      ok: false,
      error: { code: 'PASSKEY_NO_PRF' },
    })
    expect(await send('getStatus', {})).toMatchObject({ value: { failures: 1 } })
  })

  it('needs the right password to begin, enrol and remove; removing leaves the password slot', async () => {
    const { send, credentialId, prfOutput, slotId, salt } = await enrolled()
    expect(await send('passkeyBegin', { password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } })
    const again = await send('passkeyEnrol', {
      password: 'wrong password',
      credentialId: random(32),
      salt,
      prfOutput: random(32),
      name: 'Key',
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } })
    const same = await send('passkeyEnrol', { password: PASSWORD, credentialId, salt, prfOutput, name: 'Again' })
    expect(same).toMatchObject({ ok: false, error: { code: 'PASSKEY_EXISTS' } })
    expect(await send('passkeyBegin', { password: PASSWORD })).toMatchObject({ value: { excludeCredentialIds: [credentialId] } })
    expect(await send('passkeyRemove', { id: slotId, password: 'wrong password' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    })
    expect(await send('passkeyRemove', { id: slotId, password: PASSWORD })).toEqual({ ok: true, value: { passkeys: [] } })
    // The recovery copy is dropped with the slot, so a lost passkey cannot open a restored older copy.
    const stored = await fakeBrowser.storage.local.get([LOCAL.vault, LOCAL.vaultPrevious])
    for (const key of [LOCAL.vault, LOCAL.vaultPrevious]) {
      expect((stored[key] as { slots: { type: string }[] }).slots.map((s) => s.type)).toEqual(['password'])
    }
    await send('lock', {})
    expect(await send('getStatus', {})).toMatchObject({ value: { hasPasskey: false } })
    expect(await send('passkeyUnlock', { credentialId, prfOutput })).toMatchObject({
      ok: false,
      error: { code: 'PASSKEY_UNKNOWN_CREDENTIAL' },
    })
  })

  it('a passkey confirms an export instead of the password; a wrong PRF output is a counted refusal', async () => {
    const { send, credentialId, prfOutput } = await enrolled()
    const exportWith = (passkey: { credentialId: string; prfOutput: string }) =>
      send('exportVault', { format: 'otpauth-uri-list', password: '', acceptPlaintext: true, passkey })
    expect(await exportWith({ credentialId, prfOutput })).toMatchObject({ ok: true, value: { text: '' } })
    expect(await exportWith({ credentialId, prfOutput: random(32) })).toMatchObject({ ok: false, error: { code: 'PASSKEY_REFUSED' } })
    expect(await send('getStatus', {})).toMatchObject({ value: { failures: 1 } })
    expect(await send('exportVault', { format: 'otpauth-uri-list', password: '', acceptPlaintext: true })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    })
  })

  it('a passkey confirms "show as QR code" instead of the password; a wrong PRF output is refused and counted', async () => {
    const { send, credentialId, prfOutput } = await enrolled()
    const added = await send('addAccounts', { text: 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme' })
    const id = (added.value as { added: { id: string }[] }).added[0]!.id
    const qr = await send('accountQr', { id, password: '', passkey: { credentialId, prfOutput } })
    expect(qr).toMatchObject({ ok: true, value: { svg: expect.stringContaining('<svg') as string } })
    expect(await send('accountQr', { id, password: '', passkey: { credentialId, prfOutput: random(32) } })).toMatchObject({
      ok: false,
      error: { code: 'PASSKEY_REFUSED' },
    })
    expect(await send('getStatus', {})).toMatchObject({ value: { failures: 1 } })
    expect(await send('accountQr', { id, password: '' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } })
  })

  it('exports carry the accounts, never a passkey slot: a vault restored from a Keyfob backup has no passkey', async () => {
    const { send, credentialId, prfOutput } = await enrolled()
    await send('addAccounts', { text: 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme' })
    const backupPassword = 'a separate backup passphrase'
    const exported = await send('exportVault', {
      format: 'keyfob-backup',
      password: '',
      exportPassword: backupPassword,
      passkey: { credentialId, prfOutput },
    })
    const text = (exported.value as { text: string }).text
    expect(text).not.toContain(credentialId)
    expect(text).not.toMatch(/passkey/i)
    // Restored on a new device (what the import page does): the accounts, and only the password slot.
    const { accounts } = await importKeyfobBackup(text, backupPassword)
    expect(accounts.map((a) => a.issuer)).toEqual(['Acme'])
    fakeBrowser.reset()
    const fresh = boot()
    expect(await fresh('setup', { password: PASSWORD })).toMatchObject({ ok: true })
    expect(await fresh('importAccounts', { accounts: accounts.map(toTransferred), dryRun: false })).toMatchObject({
      ok: true,
      value: { added: 1 },
    })
    expect(await fresh('lock', {})).toMatchObject({ value: { hasPasskey: false } })
    expect(await fresh('passkeyUnlock', { credentialId, prfOutput })).toMatchObject({
      ok: false,
      error: { code: 'PASSKEY_UNKNOWN_CREDENTIAL' },
    })
  })

  it('lists passkeys only while unlocked, and refuses web pages and malformed input', async () => {
    const { send, credentialId } = await enrolled()
    expect(await send('passkeyList', {})).toMatchObject({ ok: true, value: { passkeys: [{ name: 'Phone' }] } })
    await send('lock', {})
    expect(await send('passkeyList', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
    expect(await send('passkeyList', {}, webPage)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    const malformed = await send('passkeyUnlock', { credentialId, prfOutput: 'not base64!' })
    expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } })
    expect(await send('passkeyUnlock', { credentialId })).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } })
  })
})
