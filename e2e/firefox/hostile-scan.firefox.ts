/**
 * Hostile scans in Firefox (Chromium: e2e/hostile-scan.spec.ts): pages that try to have Keyfob read
 * another site's setup code with the person's cookies, or bind accounts to a site that did not show
 * them. The test server records every request under /scan-test/ with its Cookie header, so each test
 * can say who was sent what. Scans run from the browser's real context menu, which grants activeTab.
 */
import { base32Encode } from '../../src/core/encoding/base32.ts'
import { encodeMigrationPayloads } from '../../src/core/uri/encode-migration-payloads.ts'
import { createVaultWithPassword } from '../shared/flows.ts'
import { popupRequest } from '../shared/ui.ts'
import { expect, test, type Firefox, type FirefoxUi, type Site } from './fixtures.ts'
import { unpackAccountList, type PackedAccountList } from '../../src/shared/account-list-wire.ts'

const SETUP = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'

const scanUrl = (site: Site, host: string, query: Record<string, string>) =>
  `http://${host}:${site.port}/qr/scan.html?${new URLSearchParams(query)}`
const testUrl = (site: Site, host: string, path: string, query: Record<string, string>) =>
  `http://${host}:${site.port}/scan-test/${path}?${new URLSearchParams(query)}`

/** example.com's session, as a person signed in there has it: the site sets one Lax and one Strict cookie. */
async function signInToExample(ff: Firefox, site: Site): Promise<void> {
  const page = await ff.newPage(`http://example.com:${site.port}/plain.html`)
  await page.page.evaluate(() => {
    document.cookie = 'session=lax-session-cookie; domain=example.com; path=/; SameSite=Lax'
    document.cookie = 'session_strict=strict-session-cookie; domain=example.com; path=/; SameSite=Strict'
  })
  expect(await page.page.evaluate(() => document.cookie)).toContain('session_strict=')
  await page.page.close()
}

/** The browser's own image loads (the page's <img>) send an image Accept header; Keyfob's fetches do not. */
const byThePage = (r: Site['requests'][number]) => r.accept.startsWith('image/')

async function ready(page: FirefoxUi): Promise<string> {
  await page.page.waitForFunction(() => document.body.dataset.ready !== undefined && document.body.dataset.ready !== '', {
    timeout: 15_000,
  })
  return page.page.evaluate(() => document.body.dataset.ready as string)
}

const expectPanel = (ff: Firefox, page: FirefoxUi, text: RegExp) => expect.poll(() => ff.panelText(page), { timeout: 15_000 }).toMatch(text)

async function listAccounts(popup: FirefoxUi): Promise<{ issuer: string; account: string; sites: string[] }[]> {
  const r = await popupRequest<PackedAccountList>(popup, 'listAccounts', {})
  return unpackAccountList(r.value)
    .accounts.sort((a, b) => a.order - b.order)
    .map(({ issuer, account, sites }) => ({ issuer, account, sites }))
}

test('an image on evil.test that redirects to example.com’s signed-in setup code is never fetched with example.com’s cookies, and nothing is bound to evil.test', async ({
  ff,
  popup,
  site,
}) => {
  await createVaultWithPassword(popup)
  await signInToExample(ff, site)
  const token = crypto.randomUUID()
  const privateQr = testUrl(site, 'example.com', 'private-qr.png', { token, text: SETUP })
  const redirect = testUrl(site, 'evil.test', 'redirect', { token, to: privateQr })
  const page = await ff.newPage(scanUrl(site, 'evil.test', { kind: 'cross-origin', src: redirect }))
  // The browser itself sends evil.test's image request to example.com without the Lax and Strict cookies: no code shows.
  expect(await ready(page)).toBe('broken')
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expect.poll(() => ff.panelText(page), { timeout: 15_000 }).not.toBe('')
  await page.press('Enter') // Add, if Keyfob offered it; otherwise Close
  await expect.poll(() => ff.panelText(page), { message: 'the panel answered or closed', timeout: 15_000 }).not.toMatch(/Keyfob found/)

  const toExample = site.requests.filter((r) => r.token === token && r.path === '/scan-test/private-qr.png')
  expect(toExample.length, 'example.com’s code was asked for').toBeGreaterThan(0)
  expect(
    toExample.filter((r) => r.cookie !== null),
    'requests to example.com that carried its cookies',
  ).toEqual([])
  expect(await listAccounts(popup)).toEqual([])
})

test('a scan never reuses a cached answer: a refused image is fetched again on the next scan', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const token = crypto.randomUUID()
  // Refused with "cache this for an hour" until the gate opens (the person signs in, the site finishes setting up…).
  const gated = testUrl(site, 'cdn.assets.test', 'gated.png', { token, text: SETUP })
  const page = await ff.newPage(scanUrl(site, 'setup.example.com', { kind: 'cross-origin', src: gated }))
  expect(await ready(page)).toBe('broken')
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /HTTP 403/)
  await page.press('Enter')

  site.openGate(token)
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\)/)
  expect(
    site.requests.filter((r) => r.token === token && !byThePage(r)),
    'each scan asked the server',
  ).toHaveLength(2)
})

test('a setup code that needs the site’s cookies is read from what the page shows; Keyfob’s own request carries no cookie', async ({
  ff,
  popup,
  site,
}) => {
  await createVaultWithPassword(popup)
  await signInToExample(ff, site)
  const token = crypto.randomUUID()
  // Another origin of the same site (a static host): the browser sends the Lax cookie and the page shows the code.
  const privateQr = testUrl(site, 'static.example.com', 'private-qr.png', { token, text: SETUP })
  const page = await ff.newPage(scanUrl(site, 'login.example.com', { kind: 'cross-origin', src: privateQr }))
  expect(await ready(page)).toBe('1')
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /Example Bank \(alice@example\.com\)/)
  const offered = await ff.panelText(page)
  await page.press('Enter')
  await expectPanel(ff, page, /Added to Keyfob/)

  const seen = site.requests.filter((r) => r.token === token)
  expect(
    seen.filter(byThePage).every((r) => r.cookie !== null),
    'the page’s own load was signed in',
  ).toBe(true)
  expect(seen.filter((r) => !byThePage(r)).length, 'Keyfob asked for the image itself').toBeGreaterThan(0)
  expect(
    seen.filter((r) => !byThePage(r) && r.cookie !== null),
    'Keyfob’s requests with cookies',
  ).toEqual([])
  // Same site (static.example.com's image on login.example.com): bound, and the panel said so first.
  expect(await listAccounts(popup)).toEqual([expect.objectContaining({ issuer: 'Example Bank', sites: ['example.com'] })])
  expect(offered).toMatch(/Example Bank \(alice@example\.com\): codes offered on example\.com/)
})

const account = (issuer: string, name: string) => ({
  type: 'totp' as const,
  secret: base32Encode(crypto.getRandomValues(new Uint8Array(20))),
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
  counter: 0n,
  issuer,
  account: name,
})

test('a Google Authenticator export shown on a mail site binds only the mail site’s own account to it', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const exported = [
    account('GitHub', 'octo'),
    account('Google', 'me@gmail.com'),
    account('Amazon Web Services', 'root'),
    account('example.com', 'me'),
  ]
  const { uris } = encodeMigrationPayloads(exported, { maxAccounts: 10, maxBytes: 4000 })
  expect(uris).toHaveLength(1)
  // Webmail on example.com, showing an export someone mailed (or a page that wants the accounts bound to it).
  const page = await ff.newPage(scanUrl(site, 'mail.example.com', { kind: 'img', text: uris[0] as string }))
  expect(await ready(page)).toBe('1')
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /GitHub \(octo\).*example\.com \(me\)/)
  const offered = await ff.panelText(page)
  await page.press('Enter')
  await expectPanel(ff, page, /Added to Keyfob/)
  expect(await listAccounts(popup)).toEqual([
    { issuer: 'GitHub', account: 'octo', sites: [] },
    { issuer: 'Google', account: 'me@gmail.com', sites: [] },
    { issuer: 'Amazon Web Services', account: 'root', sites: [] },
    { issuer: 'example.com', account: 'me', sites: ['example.com'] },
  ])
  // Before Add, the panel said per account what would be bound where.
  expect(offered).toMatch(
    /GitHub \(octo\): not bound to a site.*Google \(me@gmail\.com\): not bound to a site.*Amazon Web Services \(root\): not bound to a site.*example\.com \(me\): codes offered on example\.com/,
  )
})

test('a page scan does not bind a code drawn by another site’s frame to the address bar’s site; a right-click binds it to the frame’s own site', async ({
  ff,
  popup,
  site,
}) => {
  await createVaultWithPassword(popup)
  const frameUrl = scanUrl(site, 'ads.evil.test', { kind: 'img', text: SETUP })
  const page = await ff.newPage(scanUrl(site, 'login.example.com', { kind: 'cross-frame', src: frameUrl }))
  expect(await ready(page)).toBe('1')
  const frame = (await (await page.page.$('#frame'))!.contentFrame())!
  await frame.waitForFunction(() => document.body.dataset.ready === '1', { timeout: 15_000 })

  // Right-click on the code in the frame: the frame drew it, so its own site.
  const box = await page.page.$eval('#frame', (f) => {
    const r = f.getBoundingClientRect()
    return { x: r.left + f.clientLeft, y: r.top + f.clientTop }
  })
  const qr = await frame.$eval('#qr', (e) => {
    const r = e.getBoundingClientRect()
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 }
  })
  await ff.contextMenu(page, { x: box.x + qr.x, y: box.y + qr.y }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /Example Bank \(alice@example\.com\)/)
  const byRightClick = await ff.panelText(page)
  await page.press('Escape')

  // The page scan sees the code inside evil.test's frame: it cannot bind it to example.com.
  await ff.contextMenu(page, { x: 5, y: 5 }, 'keyfob-scan-page')
  await expect.poll(() => ff.panelText(page), { timeout: 15_000 }).not.toBe(byRightClick)
  await expectPanel(ff, page, /Example Bank \(alice@example\.com\)/)
  const byCapture = await ff.panelText(page)
  await page.press('Enter')
  await expectPanel(ff, page, /Added to Keyfob/)
  expect(await listAccounts(popup)).toEqual([{ issuer: 'Example Bank', account: 'alice@example.com', sites: [] }])
  expect(byRightClick).toMatch(/Example Bank \(alice@example\.com\): codes offered on evil\.test/)
  expect(byCapture).toMatch(/Example Bank \(alice@example\.com\): not bound to a site/)
})
