import type { BrowserContext, Page, Worker } from '@playwright/test'
import { encodeMigrationPayloads } from '../src/core/uri/encode-migration-payloads.ts'
import { base32Encode } from '../src/core/encoding/base32.ts'
import { CAPTURE_EXTENSION_DIR, expect, findTabId, stopServiceWorker, test, type Site } from './fixtures.ts'
import { PASSWORD, createVaultWithPassword, unlock } from './vault-helpers.ts'
import { grantActiveTab } from './active-tab.ts'
import { panelText, scanPage } from './page-helpers.ts'
import { unpackAccountList, type PackedAccountList } from '../src/shared/account-list-wire.ts'

const SETUP = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'

/** The scan page on a real-looking host (resolved to the loopback test server). */
const scanUrl = (site: Site, query: Record<string, string>, host = 'setup.example.com') =>
  `http://${host}:${site.port}/qr/scan.html?${new URLSearchParams(query)}`

/** Right-clicks `selector` like a person, then runs the real "Scan QR code" menu listener. */
async function rightClickScan(page: Page, sw: Worker, selector: string, frameSelector?: string): Promise<void> {
  const frame = frameSelector ? page.frameLocator(frameSelector) : page
  await frame.locator(selector).click({ button: 'right' })
  const tabId = await findTabId(sw, page.url())
  await grantActiveTab(page, sw) // as the menu click does
  // Chromium gives the real frame id; for a frame the test cannot name, it is left out and
  // whichever frame saw the right-click answers.
  await sw.evaluate(
    async ({ tabId, inFrame, pageUrl }) => {
      const tab = await chrome.tabs.get(tabId)
      ;(chrome.contextMenus.onClicked as unknown as { dispatch: (...a: unknown[]) => void }).dispatch(
        { menuItemId: 'keyfob-scan-qr', ...(inFrame ? {} : { frameId: 0 }), pageUrl, editable: false },
        tab,
      )
    },
    { tabId, inFrame: frameSelector !== undefined, pageUrl: page.url() },
  )
}

const expectPanel = (context: BrowserContext, page: Page, text: RegExp | string) =>
  expect.poll(() => panelText(context, page), { timeout: 10_000 }).toMatch(text)

type Listed = { issuer: string; account: string; sites: string[] }
async function accounts(popup: Page): Promise<Listed[]> {
  const r = await popup.evaluate(() =>
    chrome.runtime.sendMessage<unknown, { value: PackedAccountList }>({ channel: 'popup', type: 'listAccounts', input: {} }),
  )
  return unpackAccountList(r.value).accounts
}

test.describe('right-click "Scan QR code"', () => {
  for (const kind of ['img', 'canvas', 'svg', 'data', 'blob'] as const) {
    test(`reads a QR code shown as ${kind}, adds it on confirmation and binds the site`, async ({ context, popup, sw, site }) => {
      await createVaultWithPassword(popup)
      const page = await context.newPage()
      await page.goto(scanUrl(site, { kind, text: SETUP }))
      await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
      await rightClickScan(page, sw, '#qr')
      await expectPanel(context, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\).*on example\.com/)
      expect(await panelText(context, page)).not.toContain('JBSWY3DPEHPK3PXP')
      await page.keyboard.press('Enter') // the Add button has focus
      await expectPanel(context, page, /Added to Keyfob/)
      expect(await accounts(popup)).toEqual([
        expect.objectContaining({ issuer: 'Example Bank', account: 'alice@example.com', sites: ['example.com'] }),
      ])
    })
  }

  test('reads a cross-origin image the page cannot hand over (the extension fetches it)', async ({ context, popup, sw, site }) => {
    await createVaultWithPassword(popup)
    const page = await context.newPage()
    const cdn = `http://cdn.assets.test:${site.port}/qr.png?${new URLSearchParams({ text: SETUP })}`
    await page.goto(scanUrl(site, { kind: 'cross-origin', src: cdn }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await rightClickScan(page, sw, '#qr')
    await expectPanel(context, page, /Example Bank \(alice@example\.com\)/)
  })

  test('reads an image inside a same-origin iframe', async ({ context, popup, sw, site }) => {
    await createVaultWithPassword(popup)
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'iframe', text: SETUP }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await expect(page.frameLocator('#frame').locator('body')).toHaveAttribute('data-ready', '1')
    await rightClickScan(page, sw, '#qr', '#frame')
    await expectPanel(context, page, /Example Bank \(alice@example\.com\)/)
  })

  test('an inverted (light on dark) code', async ({ context, popup, sw, site }) => {
    await createVaultWithPassword(popup)
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'img', text: SETUP, dark: 'ffffff', light: '111111' }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await rightClickScan(page, sw, '#qr')
    await expectPanel(context, page, /Example Bank \(alice@example\.com\)/)
  })

  test('a QR code that is not a setup code is never added', async ({ context, popup, sw, site }) => {
    await createVaultWithPassword(popup)
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'img', text: 'https://example.com/menu' }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await rightClickScan(page, sw, '#qr')
    await expectPanel(context, page, /This QR code is not a two-factor setup code\./)
    expect(await accounts(popup)).toEqual([])
  })

  test('a secret already in the vault is recognised, not added twice', async ({ context, popup, sw, site }) => {
    await createVaultWithPassword(popup)
    await popup.evaluate((text) => chrome.runtime.sendMessage({ channel: 'popup', type: 'addAccounts', input: { text } }), SETUP)
    const page = await context.newPage()
    await page.goto(
      scanUrl(site, { kind: 'img', text: SETUP.replace('Example%20Bank:', 'Renamed:').replace('issuer=Example%20Bank', 'issuer=Renamed') }),
    )
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await rightClickScan(page, sw, '#qr')
    await expectPanel(context, page, /Renamed \(alice@example\.com\): already in Keyfob/)
    expect(await panelText(context, page)).not.toContain('offered on') // nothing is added, so nothing is bound
    expect(await accounts(popup)).toHaveLength(1)
  })

  test('a dense migration QR with 10 accounts imports them together', async ({ context, popup, sw, site }) => {
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
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'img', text: uris[0] as string }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await rightClickScan(page, sw, '#qr')
    await expectPanel(context, page, /Service 0 .*Service 9/)
    await page.keyboard.press('Enter')
    await expectPanel(context, page, /Added to Keyfob/)
    expect((await accounts(popup)).map((a) => a.issuer)).toEqual(many.map((a) => a.issuer))
  })

  test('a locked vault: the scan waits, and the popup offers it after unlocking', async ({ context, popup, sw, site }) => {
    await createVaultWithPassword(popup)
    await popup.getByRole('button', { name: 'Lock' }).click()
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'img', text: SETUP }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await rightClickScan(page, sw, '#qr')
    await expectPanel(context, page, /but it is locked.*Example Bank \(alice@example\.com\).*Unlock Keyfob from the toolbar/)
    await popup.reload()
    await unlock(popup, PASSWORD)
    await expect(popup.getByRole('dialog', { name: 'Add the scanned account?' })).toContainText('Example Bank (alice@example.com)')
    await popup.getByRole('button', { name: 'Add 1' }).click()
    await expect(popup.getByRole('button', { name: /^Copy code .* for Example Bank$/ })).toBeVisible()
    expect(await accounts(popup)).toEqual([expect.objectContaining({ sites: ['example.com'] })])
  })

  test('a scan waiting for Add survives the worker’s idle stop: Add after the restart adds the account', async ({
    context,
    popup,
    sw,
    site,
    extensionId,
  }) => {
    await createVaultWithPassword(popup)
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'img', text: SETUP }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await rightClickScan(page, sw, '#qr')
    await expectPanel(context, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\)/)
    // The person reads the panel for more than 30 s: Chrome stops the idle worker.
    await stopServiceWorker(context, extensionId)
    await page.bringToFront()
    await page.keyboard.press('Enter') // the Add button has focus
    await expectPanel(context, page, /Added to Keyfob/)
    expect(await accounts(popup)).toEqual([expect.objectContaining({ issuer: 'Example Bank', sites: ['example.com'] })])
  })

  test('an Add that comes too late says so under a heading that matches, and adds nothing', async ({ context, popup, sw, site }) => {
    await createVaultWithPassword(popup)
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'img', text: SETUP }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await rightClickScan(page, sw, '#qr')
    await expectPanel(context, page, /Keyfob found a two-factor setup code/)
    // Eleven minutes pass (scans wait ten): age the waiting scan where the worker keeps it.
    await sw.evaluate(async () => {
      const { pendingScans } = await chrome.storage.session.get<{ pendingScans?: Record<string, { at: number }> }>('pendingScans')
      for (const p of Object.values(pendingScans ?? {})) p.at -= 11 * 60_000
      await chrome.storage.session.set({ pendingScans })
    })
    await page.keyboard.press('Enter')
    await expectPanel(context, page, /^Nothing was added .*This scan has expired\. Scan the code again\./)
    expect(await panelText(context, page)).not.toContain('could not be read')
    expect(await accounts(popup)).toEqual([])
  })
})

test.describe('"Scan this page for QR codes" (visible-tab capture)', () => {
  // Capturing a page needs activeTab, granted only by a real click: these specs load the
  // test-only build that has <all_urls> instead (see vite.config.ts).
  test.use({ extensionDir: CAPTURE_EXTENSION_DIR })

  test('finds all three codes on a page', async ({ context, popup, sw, site }) => {
    await createVaultWithPassword(popup)
    const texts = ['Alpha', 'Beta', 'Gamma'].map(
      (n) => `otpauth://totp/${n}:me?secret=${base32Encode(crypto.getRandomValues(new Uint8Array(20)))}&issuer=${n}`,
    )
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'multi', text1: texts[0] as string, text2: texts[1] as string, text3: texts[2] as string }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await scanPage(page, sw)
    await expectPanel(context, page, /Alpha \(me\).*Beta \(me\).*Gamma \(me\)/)
    await page.keyboard.press('Enter')
    await expectPanel(context, page, /Added to Keyfob/)
    expect((await accounts(popup)).map((a) => a.issuer)).toEqual(['Alpha', 'Beta', 'Gamma'])
  })

  test('finds a 120-pixel code on a 1280×720 page', async ({ context, popup, sw, site }) => {
    await createVaultWithPassword(popup)
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'small', text: SETUP }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    expect(await page.locator('#qr').evaluate((el) => el.getBoundingClientRect().width)).toBe(120)
    await scanPage(page, sw)
    await expectPanel(context, page, /Example Bank \(alice@example\.com\)/)
  })

  test('a page without a QR code says so', async ({ context, popup, sw, site }) => {
    await createVaultWithPassword(popup)
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'none' }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await scanPage(page, sw)
    await expectPanel(context, page, /No two-factor setup code.*No QR code was found\./)
  })

  test('when the page scan finds nothing, a box dragged around the code is read at full resolution', async ({
    context,
    popup,
    sw,
    site,
  }) => {
    await createVaultWithPassword(popup)
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'none' }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await scanPage(page, sw)
    await expectPanel(context, page, /No QR code was found\..*Select the code’s area/)
    // The code shows up only now (pages often draw it late); the person points at it.
    await page.evaluate(
      async (src) => {
        const img = new Image()
        img.src = src
        Object.assign(img.style, { position: 'absolute', left: '400px', top: '200px', width: '200px', height: '200px' })
        document.body.append(img)
        await img.decode()
      },
      `/qr.png?${new URLSearchParams({ text: SETUP })}`,
    )
    await page.keyboard.press('Enter') // "Select the code’s area" has focus
    await page.mouse.move(380, 180)
    await page.mouse.down()
    await page.mouse.move(500, 300, { steps: 5 })
    await page.mouse.move(620, 420, { steps: 5 })
    await page.mouse.up()
    await expectPanel(context, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\)/)
  })

  test('the popup button scans the tab in front and offers the account there', async ({ context, popup, site }) => {
    await createVaultWithPassword(popup)
    const page = await context.newPage()
    await page.goto(scanUrl(site, { kind: 'img', text: SETUP }))
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
    await page.bringToFront()
    await popup.getByRole('button', { name: 'Add account' }).click()
    await popup.getByRole('button', { name: 'Scan this page for QR codes' }).click()
    await expect(popup.getByRole('dialog', { name: 'Add the scanned account?' })).toContainText('Example Bank (alice@example.com)')
    await popup.getByRole('button', { name: 'Add 1' }).click()
    await expect(popup.getByText('Added to Keyfob')).toBeVisible()
    expect(await accounts(popup)).toEqual([expect.objectContaining({ issuer: 'Example Bank', sites: ['example.com'] })])
  })
})
