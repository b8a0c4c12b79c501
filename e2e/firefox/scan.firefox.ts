/**
 * "Scan QR code" in Firefox, through the browser's real context menu. Unlike Chromium's suite, no
 * test-only build is needed for page capture: choosing the menu item is the real user gesture, so
 * Firefox grants activeTab to the shipped build.
 */
import { base32Encode } from '../../src/core/encoding/base32.ts'
import { encodeMigrationPayloads } from '../../src/core/uri/encode-migration-payloads.ts'
import { createVaultWithPassword, unlock } from '../shared/flows.ts'
import { expectVisible, popupRequest } from '../shared/ui.ts'
import { expect, test, type Firefox, type FirefoxUi, type Site } from './fixtures.ts'
import { unpackAccountList, type PackedAccountList } from '../../src/shared/account-list-wire.ts'

const SETUP = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'
const scanUrl = (site: Site, query: Record<string, string>, host = 'setup.example.com') =>
  `http://${host}:${site.port}/qr/scan.html?${new URLSearchParams(query)}`

async function ready(page: FirefoxUi): Promise<void> {
  await page.page.waitForFunction(() => document.body.dataset.ready === '1', { timeout: 15_000 })
}
const expectPanel = (ff: Firefox, page: FirefoxUi, text: RegExp) => expect.poll(() => ff.panelText(page), { timeout: 15_000 }).toMatch(text)
const accounts = async (popup: FirefoxUi) =>
  unpackAccountList((await popupRequest<PackedAccountList>(popup, 'listAccounts', {})).value).accounts

for (const kind of ['img', 'canvas', 'svg'] as const) {
  test(`right-click a QR code shown as ${kind}, "Scan QR code": the account is offered, added on Enter and bound to the site`, async ({
    ff,
    popup,
    site,
  }) => {
    await createVaultWithPassword(popup)
    const page = await ff.newPage(scanUrl(site, { kind, text: SETUP }))
    await ready(page)
    await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
    await expectPanel(ff, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\).*on example\.com/)
    expect(await ff.panelText(page)).not.toContain('JBSWY3DPEHPK3PXP')
    await page.press('Enter') // the Add button has focus
    await expectPanel(ff, page, /Added to Keyfob/)
    expect(await accounts(popup)).toEqual([
      expect.objectContaining({ issuer: 'Example Bank', account: 'alice@example.com', sites: ['example.com'] }),
    ])
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

test('"Scan this page for QR codes" captures the visible tab with the activeTab the menu grants, and finds all three codes', async ({
  ff,
  popup,
  site,
}) => {
  await createVaultWithPassword(popup)
  const texts = ['Alpha', 'Beta', 'Gamma'].map(
    (n) => `otpauth://totp/${n}:me?secret=${base32Encode(crypto.getRandomValues(new Uint8Array(20)))}&issuer=${n}`,
  )
  const page = await ff.newPage(
    scanUrl(site, { kind: 'multi', text1: texts[0] as string, text2: texts[1] as string, text3: texts[2] as string }),
  )
  await ready(page)
  await ff.contextMenu(page, { x: 5, y: 5 }, 'keyfob-scan-page')
  await expectPanel(ff, page, /Alpha \(me\).*Beta \(me\).*Gamma \(me\)/)
  await page.press('Enter')
  await expectPanel(ff, page, /Added to Keyfob/)
  expect((await accounts(popup)).map((a) => a.issuer)).toEqual(['Alpha', 'Beta', 'Gamma'])
})

test('a dense Google Authenticator migration QR with 10 accounts, scanned from the menu, imports them together', async ({
  ff,
  popup,
  site,
}) => {
  await createVaultWithPassword(popup)
  const many = Array.from({ length: 10 }, (_, n) => ({
    type: 'totp' as const,
    secret: base32Encode(crypto.getRandomValues(new Uint8Array(20))),
    algorithm: 'SHA1' as const,
    digits: 6,
    period: 30,
    counter: 0n,
    issuer: `Service ${n}`,
    account: `user${n}@example.com`,
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

for (const kind of ['data', 'blob'] as const) {
  test(`right-click a QR code shown as a ${kind}: URL image, "Scan QR code": the account is offered`, async ({ ff, popup, site }) => {
    await createVaultWithPassword(popup)
    const page = await ff.newPage(scanUrl(site, { kind, text: SETUP }))
    await ready(page)
    await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
    await expectPanel(ff, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\).*on example\.com/)
  })
}

test('a cross-origin image the page cannot hand over is fetched by Keyfob and read', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const cdn = `http://cdn.assets.test:${site.port}/qr.png?${new URLSearchParams({ text: SETUP })}`
  const page = await ff.newPage(scanUrl(site, { kind: 'cross-origin', src: cdn }))
  await ready(page)
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\)/)
})

test('an inverted (light on dark) code is read', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const page = await ff.newPage(scanUrl(site, { kind: 'img', text: SETUP, dark: 'ffffff', light: '111111' }))
  await ready(page)
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\)/)
})

test('a secret already in the vault is recognised, not added twice', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  expect((await popupRequest(popup, 'addAccounts', { text: SETUP })).ok).toBe(true)
  const renamed = SETUP.replace('Example%20Bank:', 'Renamed:').replace('issuer=Example%20Bank', 'issuer=Renamed')
  const page = await ff.newPage(scanUrl(site, { kind: 'img', text: renamed }))
  await ready(page)
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /Renamed \(alice@example\.com\): already in Keyfob/)
  expect(await ff.panelText(page)).not.toContain('offered on') // nothing is added, so nothing is bound
  await page.press('Enter')
  expect(await accounts(popup)).toHaveLength(1)
})

test('a locked vault: the scan waits, and the popup offers it after unlocking', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  await popup.role('button', 'Lock').click()
  await expectVisible(popup.role('heading', 'Unlock Keyfob'))
  const page = await ff.newPage(scanUrl(site, { kind: 'img', text: SETUP }))
  await ready(page)
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /but it is locked.*Example Bank \(alice@example\.com\).*Unlock Keyfob from the toolbar/)
  await popup.reload()
  await unlock(popup)
  const dialog = popup.role('dialog', 'Add the scanned account?')
  await expectVisible(dialog, 'the scan offered after unlocking', 30_000)
  expect(await dialog.text()).toContain('Example Bank (alice@example.com)')
  await popup.role('button', 'Add 1').click()
  await expectVisible(popup.role('button', /^Copy code .* for Example Bank$/))
  expect(await accounts(popup)).toEqual([expect.objectContaining({ issuer: 'Example Bank', sites: ['example.com'] })])
})

test('a scan waiting for Add survives the event page stopping: Add after the restart adds the account', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const page = await ff.newPage(scanUrl(site, { kind: 'img', text: SETUP }))
  await ready(page)
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\)/)
  // The person reads the panel for a while: Firefox stops the idle event page.
  await ff.stopEventPage()
  await page.page.bringToFront()
  await page.press('Enter') // the Add button has focus
  await expectPanel(ff, page, /Added to Keyfob/)
  expect(await accounts(popup)).toEqual([expect.objectContaining({ issuer: 'Example Bank', sites: ['example.com'] })])
})

test('an Add that comes too late says so under a heading that matches, and adds nothing', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const page = await ff.newPage(scanUrl(site, { kind: 'img', text: SETUP }))
  await ready(page)
  await ff.contextMenu(page, { selector: '#qr' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /Keyfob found a two-factor setup code/)
  // Eleven minutes pass (scans wait ten): age the waiting scan where the event page keeps it.
  const aged = await ff.background(async (bg) => {
    const { pendingScans } = await bg.browser.storage.session.get<{ pendingScans?: Record<string, { at: number }> }>('pendingScans')
    for (const p of Object.values(pendingScans ?? {})) p.at -= 11 * 60_000
    await bg.browser.storage.session.set({ pendingScans })
    return Object.keys(pendingScans ?? {}).length
  })
  expect(aged, 'the waiting scan').toBe(1)
  await page.page.bringToFront()
  await page.press('Enter')
  await expectPanel(ff, page, /^Nothing was added .*This scan has expired\. Scan the code again\./)
  expect(await ff.panelText(page)).not.toContain('could not be read')
  expect(await accounts(popup)).toEqual([])
})

test('when the page scan finds nothing, a box dragged around the code is read at full resolution', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const page = await ff.newPage(scanUrl(site, { kind: 'none' }))
  await ready(page)
  await ff.contextMenu(page, { x: 5, y: 5 }, 'keyfob-scan-page')
  await expectPanel(ff, page, /No QR code was found\..*Select the code’s area/)
  // The code shows up only now (pages often draw it late); the person points at it.
  await page.page.evaluate(
    async (src) => {
      const img = new Image()
      img.src = src
      Object.assign(img.style, { position: 'absolute', left: '400px', top: '200px', width: '200px', height: '200px' })
      document.body.append(img)
      await img.decode()
    },
    `/qr.png?${new URLSearchParams({ text: SETUP })}`,
  )
  await page.press('Enter') // "Select the code’s area" has focus
  const mouse = page.page.mouse
  await mouse.move(380, 180)
  await mouse.down()
  await mouse.move(500, 300, { steps: 5 })
  await mouse.move(620, 420, { steps: 5 })
  await mouse.up()
  await expectPanel(ff, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\)/)
})

test('a page without a QR code says so', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const page = await ff.newPage(scanUrl(site, { kind: 'none' }))
  await ready(page)
  await ff.contextMenu(page, { x: 5, y: 5 }, 'keyfob-scan-page')
  await expectPanel(ff, page, /No two-factor setup code.*No QR code was found\./)
})

test('right-click a QR code inside a same-origin frame: the frame reads it', async ({ ff, popup, site }) => {
  await createVaultWithPassword(popup)
  const page = await ff.newPage(scanUrl(site, { kind: 'iframe', text: SETUP }))
  await ready(page)
  await page.page.waitForFunction(() => document.querySelector<HTMLIFrameElement>('#frame')?.contentDocument?.body?.dataset.ready === '1', {
    timeout: 15_000,
  })
  await ff.contextMenu(page, { selector: '#qr', frame: '#frame' }, 'keyfob-scan-qr')
  await expectPanel(ff, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\).*on example\.com/)
})
