/**
 * "Scan QR code" in Firefox, through the browser's real context menu. Unlike Chromium's suite, no
 * test-only build is needed for page capture: choosing the menu item is the real user gesture, so
 * Firefox grants activeTab to the shipped build.
 */
import { base32Encode } from '../../src/core/encoding/base32.ts'
import { encodeMigrationPayloads } from '../../src/core/uri/encode-migration-payloads.ts'
import { createVaultWithPassword } from '../shared/flows.ts'
import { popupRequest } from '../shared/ui.ts'
import { expect, test, type Firefox, type FirefoxUi, type Site } from './fixtures.ts'

const SETUP = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'
const scanUrl = (site: Site, query: Record<string, string>, host = 'setup.example.com') => `http://${host}:${site.port}/qr/scan.html?${new URLSearchParams(query)}`

async function ready(page: FirefoxUi): Promise<void> {
  await page.page.waitForFunction(() => document.body.dataset.ready === '1', { timeout: 15_000 })
}
const expectPanel = (ff: Firefox, page: FirefoxUi, text: RegExp) => expect.poll(() => ff.panelText(page), { timeout: 15_000 }).toMatch(text)
const accounts = async (popup: FirefoxUi) => (await popupRequest<{ accounts: { issuer: string; account: string; sites: string[] }[] }>(popup, 'listAccounts', {})).value.accounts

for (const kind of ['img', 'canvas', 'svg'] as const) {
  test(`right-click a QR code shown as ${kind}, "Scan QR code": the account is offered, added on Enter and bound to the site`, async ({ ff, popup, site }) => {
    await createVaultWithPassword(popup)
    const page = await ff.newPage(scanUrl(site, { kind, text: SETUP }))
    await ready(page)
    await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
    await expectPanel(ff, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\).*on example\.com/)
    expect(await ff.panelText(page)).not.toContain('JBSWY3DPEHPK3PXP')
    await page.press('Enter') // the Add button has focus
    await expectPanel(ff, page, /Added to Keyfob/)
    expect(await accounts(popup)).toEqual([expect.objectContaining({ issuer: 'Example Bank', account: 'alice@example.com', sites: ['example.com'] })])
  })
}

test('a QR code that is not a setup code is never added', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const page = await ff.newPage(scanUrl(site, { kind: 'img', text: 'https://example.com/menu' }))
  await ready(page)
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /This QR code is not a two-factor setup code\./)
  expect(await accounts(popup)).toEqual([])
})

test('"Scan this page for QR codes" captures the visible tab with the activeTab the menu grants, and finds all three codes', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const texts = ['Alpha', 'Beta', 'Gamma'].map((n) => `otpauth://totp/${n}:me?secret=${base32Encode(crypto.getRandomValues(new Uint8Array(20)))}&issuer=${n}`)
  const page = await ff.newPage(scanUrl(site, { kind: 'multi', text1: texts[0] as string, text2: texts[1] as string, text3: texts[2] as string }))
  await ready(page)
  await ff.contextMenu(page, { x: 5, y: 5 }, 'keyfob-scan-page')
  await expectPanel(ff, page, /Alpha \(me\).*Beta \(me\).*Gamma \(me\)/)
  await page.press('Enter')
  await expectPanel(ff, page, /Added to Keyfob/)
  expect((await accounts(popup)).map((a) => a.issuer)).toEqual(['Alpha', 'Beta', 'Gamma'])
})

test('a dense Google Authenticator migration QR with 10 accounts, scanned from the menu, imports them together', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const many = Array.from({ length: 10 }, (_, n) => ({
    type: 'totp' as const, secret: base32Encode(crypto.getRandomValues(new Uint8Array(20))), algorithm: 'SHA1' as const,
    digits: 6, period: 30, counter: 0n, issuer: `Service ${n}`, account: `user${n}@example.com`,
  }))
  const { uris } = encodeMigrationPayloads(many, { maxAccounts: 10, maxBytes: 4000 })
  expect(uris).toHaveLength(1)
  const page = await ff.newPage(scanUrl(site, { kind: 'img', text: uris[0] as string }))
  await ready(page)
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /Service 0 .*Service 9/)
  await page.press('Enter')
  await expectPanel(ff, page, /Added to Keyfob/)
  expect((await accounts(popup)).map((a) => a.issuer)).toEqual(many.map((a) => a.issuer))
})
