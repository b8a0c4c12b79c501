/**
 * Issue #19, the popup's scan items, at the popup's real size (360×600): a long scan's dialog
 * names where the codes came from and keeps Add in view; a scan that read nothing says whether
 * a code was seen but unreadable or none was in view (and whether scrolling may help); and the
 * popup starts the page's region picker. The popup is opened as a tab (fixtures.ts) over a
 * page of the loopback test server, on the test-only build that may capture pages.
 */
import AxeBuilder from '@axe-core/playwright'
import type { BrowserContext, Page } from '@playwright/test'
import QRCode from 'qrcode'
import { base32Encode } from '../src/core/encoding/base32.ts'
import { encodeMigrationPayloads } from '../src/core/uri/encode-migration-payloads.ts'
import { CAPTURE_EXTENSION_DIR, expect, test, type Site } from './fixtures.ts'
import { expectPanel, listAccounts, popupRequest } from './page-helpers.ts'
import { createVaultWithPassword } from './vault-helpers.ts'

test.use({ extensionDir: CAPTURE_EXTENSION_DIR })
// Each test creates a vault (Argon2id) and scans at least once: generous for a busy 2-core machine.
test.describe.configure({ timeout: 120_000 })

const SETUP = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'
const POPUP = { width: 360, height: 600 }
/** Scans on a slow, busy machine: a capture, a decode of it and a round trip through the worker. */
const SCAN_TIMEOUT = 30_000

const polishUrl = (site: Site, query: Record<string, string>) =>
  `http://setup.example.com:${site.port}/qr/scan-polish.html?${new URLSearchParams(query)}`

async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(url)
  await expect(page.locator('body')).toHaveAttribute('data-ready', '1', { timeout: 15_000 })
  await page.bringToFront() // the tab in front, as when the person opens the popup over it
  return page
}

/** Add account → "Scan this page for QR codes", as the person does it in the popup. */
async function scanFromPopup(popup: Page): Promise<void> {
  await popup.getByRole('button', { name: 'Add account' }).click()
  await popup.getByRole('button', { name: 'Scan this page for QR codes' }).click()
}

const scanDialog = (popup: Page) => popup.getByRole('dialog', { name: /Add the scanned account\?|Keyfob: QR code scan/ })

async function expectNoAxeViolations(popup: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page: popup }).include('[role="dialog"]').analyze()
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/** The region picker's overlay in the page (a closed shadow root: found in the accessibility tree, which the page cannot read). */
async function pickerShown(context: BrowserContext, page: Page): Promise<boolean> {
  const cdp = await context.newCDPSession(page)
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree')
    return nodes.some((n) => n.role?.value === 'application' && /Drag a box around the QR code/.test(String(n.name?.value ?? '')))
  } finally {
    await cdp.detach()
  }
}

function exportOf(count: number): { uri: string; issuers: string[] } {
  const accounts = Array.from({ length: count }, (_, n) => ({
    type: 'totp' as const,
    secret: base32Encode(crypto.getRandomValues(new Uint8Array(10))),
    algorithm: 'SHA1' as const,
    digits: 6,
    period: 30,
    counter: 0n,
    issuer: `Service ${n + 1}`,
    account: `u${n + 1}`,
  }))
  const { uris } = encodeMigrationPayloads(accounts, { maxAccounts: count, maxBytes: 4000 })
  expect(uris).toHaveLength(1)
  return { uri: uris[0] as string, issuers: accounts.map((a) => a.issuer) }
}

test('a 50-account export: the dialog names its source, the list scrolls in its own region, Add stays in view', async ({ popup }) => {
  await popup.setViewportSize(POPUP)
  await createVaultWithPassword(popup)
  const { uri, issuers } = exportOf(50)
  const png = await QRCode.toBuffer(uri, { errorCorrectionLevel: 'L', margin: 4, scale: 4 })
  await popup.getByRole('button', { name: 'Add account' }).click()
  const chooser = popup.waitForEvent('filechooser')
  await popup.getByText('Scan an image file').click()
  await (await chooser).setFiles({ name: 'export.png', mimeType: 'image/png', buffer: png })

  const dialog = popup.getByRole('dialog', { name: 'Add the scanned account?' })
  await expect(dialog.getByRole('heading', { name: '50 accounts in a Google Authenticator export' })).toBeVisible({
    timeout: SCAN_TIMEOUT,
  })
  const list = dialog.getByRole('region', { name: 'Scanned accounts' })
  await expect(list.getByRole('listitem')).toHaveCount(50)
  // Capped: the list is much shorter than its 50 lines and scrolls; the whole dialog fits the popup.
  const sizes = await list.evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight }))
  expect(sizes.scroll).toBeGreaterThan(sizes.client * 3)
  expect(sizes.client).toBeLessThanOrEqual(200)
  const add = dialog.getByRole('button', { name: 'Add 50' })
  const cancel = dialog.getByRole('button', { name: 'Cancel' })
  for (const button of [add, cancel]) {
    const box = await button.boundingBox()
    expect(box).not.toBeNull()
    expect(box!.y).toBeGreaterThanOrEqual(0)
    expect(box!.y + box!.height).toBeLessThanOrEqual(POPUP.height)
    expect(box!.x + box!.width).toBeLessThanOrEqual(POPUP.width)
  }
  // The last account is reachable by keyboard: focus the list, End scrolls it.
  await list.focus()
  await popup.keyboard.press('End')
  await expect(list.getByRole('listitem').last()).toBeInViewport()
  await expectNoAxeViolations(popup)

  await add.click()
  await expect(scanDialog(popup).getByRole('status')).toHaveText('Added to Keyfob', { timeout: SCAN_TIMEOUT })
  expect((await listAccounts(popup)).map((a) => a.issuer)).toEqual(issuers)
})

test('a page scan: the heading names the site the code came from', async ({ context, popup, site }) => {
  await popup.setViewportSize(POPUP)
  await createVaultWithPassword(popup)
  await openPage(context, `http://setup.example.com:${site.port}/qr/scan.html?${new URLSearchParams({ kind: 'img', text: SETUP })}`)
  await scanFromPopup(popup)
  const dialog = popup.getByRole('dialog', { name: 'Add the scanned account?' })
  await expect(dialog.getByRole('heading', { name: '1 account found on example.com' })).toBeVisible({ timeout: SCAN_TIMEOUT })
  await expect(dialog.getByRole('region', { name: 'Scanned accounts' })).toContainText('Example Bank (alice@example.com)')
})

test('a code below the fold: "none on the visible part", a hint to scroll, and after scrolling the scan finds it', async ({
  context,
  popup,
  site,
}) => {
  await popup.setViewportSize(POPUP)
  await createVaultWithPassword(popup)
  const page = await openPage(context, polishUrl(site, { kind: 'below', text: SETUP }))
  await expect(page.locator('#qr')).not.toBeInViewport()
  await scanFromPopup(popup)
  const dialog = scanDialog(popup)
  await expect(dialog).toContainText('No QR code was found on the visible part of the page.', { timeout: SCAN_TIMEOUT })
  await expect(dialog).toContainText('There may be one further down: scroll to it and scan again.')
  await expect(dialog.getByRole('button', { name: 'Select the code on the page' })).toBeVisible()
  await expect(dialog).not.toContainText('could not be read')
  await expectNoAxeViolations(popup)
  await dialog.getByRole('button', { name: 'Close' }).click()

  // The person scrolls to the code and scans again.
  await page.bringToFront()
  await page.mouse.move(300, 300)
  const inView = () => page.locator('#qr').evaluate((el) => el.getBoundingClientRect().bottom <= innerHeight)
  for (let turns = 0; turns < 30 && !(await inView()); turns++) await page.mouse.wheel(0, 400)
  await expect(page.locator('#qr')).toBeInViewport({ ratio: 1 })
  await scanFromPopup(popup)
  await expect(popup.getByRole('dialog', { name: 'Add the scanned account?' })).toContainText('Example Bank (alice@example.com)', {
    timeout: SCAN_TIMEOUT,
  })
})

test('a code in view that cannot be read: says a code was found but not read, without the scroll hint', async ({
  context,
  popup,
  site,
}) => {
  await popup.setViewportSize(POPUP)
  await createVaultWithPassword(popup)
  const page = await openPage(context, polishUrl(site, { kind: 'damaged', text: SETUP }))
  await expect(page.locator('#qr')).toBeInViewport()
  await scanFromPopup(popup)
  const dialog = scanDialog(popup)
  await expect(dialog).toContainText('A QR code was found but could not be read.', { timeout: SCAN_TIMEOUT })
  await expect(dialog).not.toContainText('No QR code was found')
  await expect(dialog).not.toContainText('scroll')
  await expect(dialog.getByRole('button', { name: 'Select the code on the page' })).toBeVisible()
  await expectNoAxeViolations(popup)
})

test('"Select the code on the page" starts the page’s region picker; the box dragged there is read', async ({ context, popup, site }) => {
  await popup.setViewportSize(POPUP)
  await createVaultWithPassword(popup)
  const page = await openPage(context, `http://setup.example.com:${site.port}/qr/scan.html?kind=none`)
  // No images on the page at all: neither a code seen nor a hint to scroll.
  await scanFromPopup(popup)
  const dialog = scanDialog(popup)
  await expect(dialog).toContainText('No QR code was found on the visible part of the page.', { timeout: SCAN_TIMEOUT })
  await expect(dialog).not.toContainText('further down')
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
  await dialog.getByRole('button', { name: 'Select the code on the page' }).click()
  await expect.poll(() => pickerShown(context, page), { timeout: 15_000 }).toBe(true)
  // The popup closed itself, out of the person's way.
  await expect.poll(() => popup.isClosed(), { timeout: 15_000 }).toBe(true)
  await page.bringToFront()
  await page.mouse.move(380, 180)
  await page.mouse.down()
  await page.mouse.move(500, 300, { steps: 5 })
  await page.mouse.move(620, 420, { steps: 5 })
  await page.mouse.up()
  await expectPanel(context, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\)/)
  await page.keyboard.press('Enter') // Add has focus
  await expectPanel(context, page, /Added to Keyfob/)
  expect(await listAccounts(await reopenPopup(context, popup))).toEqual([
    expect.objectContaining({ issuer: 'Example Bank', sites: ['example.com'] }),
  ])
})

/** The popup opened again (it closed itself once the picker was up). */
async function reopenPopup(context: BrowserContext, popup: Page): Promise<Page> {
  const again = await context.newPage()
  await again.goto(popup.url())
  return again
}

test.describe('in German', () => {
  test.use({ browserArgs: ['--lang=de'] })

  test('the dialog, its heading, list and buttons, and the unreadable-code message', async ({ context, popup, site }) => {
    await popup.setViewportSize(POPUP)
    // A vault without a password (its banner takes room above the dialog too).
    await popupRequest(popup, 'setup', { password: null })
    await popup.reload()
    await expect(popup.getByRole('button', { name: 'Konto hinzufügen' })).toBeVisible()

    const page = await openPage(context, polishUrl(site, { kind: 'damaged', text: SETUP }))
    await popup.getByRole('button', { name: 'Konto hinzufügen' }).click()
    await popup.getByRole('button', { name: 'Diese Seite nach QR-Codes durchsuchen' }).click()
    const scanned = popup.getByRole('dialog', { name: 'Keyfob: QR-Code-Scan' })
    await expect(scanned).toContainText('Ein QR-Code wurde gefunden, konnte aber nicht gelesen werden.', { timeout: SCAN_TIMEOUT })
    await expect(scanned.getByRole('button', { name: 'Code auf der Seite auswählen' })).toBeVisible()
    await expectNoAxeViolations(popup)
    await scanned.getByRole('button', { name: 'Schließen' }).click()
    await page.close()

    const { uri } = exportOf(50)
    await popup.getByRole('button', { name: 'Konto hinzufügen' }).click()
    const chooser = popup.waitForEvent('filechooser')
    await popup.getByText('Bilddatei scannen').click()
    const png = await QRCode.toBuffer(uri, { errorCorrectionLevel: 'L', margin: 4, scale: 4 })
    await (await chooser).setFiles({ name: 'export.png', mimeType: 'image/png', buffer: png })
    const dialog = popup.getByRole('dialog', { name: 'Gescanntes Konto hinzufügen?' })
    await expect(dialog.getByRole('heading', { name: '50 Konten aus einem Google-Authenticator-Export' })).toBeVisible({
      timeout: SCAN_TIMEOUT,
    })
    await expect(dialog.getByRole('region', { name: 'Gescannte Konten' }).getByRole('listitem')).toHaveCount(50)
    const add = await dialog.getByRole('button', { name: '50 hinzufügen' }).boundingBox()
    expect(add!.y + add!.height).toBeLessThanOrEqual(POPUP.height)
    await expectNoAxeViolations(popup)
  })
})
