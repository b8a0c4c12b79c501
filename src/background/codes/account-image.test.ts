/**
 * docs/security.md, "An account's `image` URL is kept but never fetched; avatars are letters":
 * an account added from an otpauth:// link with an `image` parameter keeps the URL in the vault
 * (it travels into exports), but adding, listing, refreshing, editing and showing it as a QR code
 * make no network request, and the URL never reaches the popup, which could not fetch what it
 * never receives. fetch is a spy over the whole run.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'

vi.mock('../../shared/browser-api.ts', () => ({ ext: fakeBrowser }))
const { routeFor } = await import('../serve-background.ts')
const { fakeBackground } = await import('../../../test/support/fake-background.ts')

const popupPage: Runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/src/popup/index.html') }
const PASSWORD = 'correct horse battery staple'
const IMAGE = 'https://icons.tracker.test/acme-logo.png'
const URI = `otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme&image=${encodeURIComponent(IMAGE)}`

afterEach(() => vi.restoreAllMocks())

describe('an account’s image URL', () => {
  it('is kept in the vault, never fetched, and never sent to the popup', async () => {
    fakeBrowser.reset()
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in this test'))
    const services = fakeBackground({
      version: 't',
    })
    const route = routeFor(services)
    const replies: unknown[] = []
    const ask = async (type: string, input: object) => {
      const r = (await route({ channel: 'popup', type, input }, popupPage)) as { ok: boolean; value: unknown }
      replies.push(r)
      expect(r, type).toMatchObject({ ok: true })
      return r.value
    }
    await ask('setup', { password: PASSWORD })
    await ask('addAccounts', { text: URI })
    const { accounts } = (await ask('listAccounts', {})) as { accounts: { id: string; issuer: string }[] }
    expect(accounts.map((a) => a.issuer)).toEqual(['Acme'])
    const id = accounts[0]!.id
    await ask('refreshCodes', {})
    await ask('updateAccount', { id, issuer: 'Acme Corp', sites: ['example.com'] })
    await ask('accountQr', { id, password: PASSWORD })
    await ask('listAccounts', {})

    // Kept: the URL is in the vault (so exports carry it)…
    expect((await services.vault.current()).content.accounts[0]?.image).toBe(IMAGE)
    // …but nothing asked the network for it, and no reply to the popup names it.
    expect(fetchSpy).not.toHaveBeenCalled()
    for (const reply of replies) expect(JSON.stringify(reply)).not.toContain('tracker.test')
  })
})
