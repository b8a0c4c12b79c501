/**
 * Issue #15: the scan UI (the scan panel, the region picker, drawnBy) is not in the content script
 * every page loads; the background injects it after a person asks for a scan (src/background/scan/
 * inject-scan-ui.ts, src/content/scan-ui-hook.ts). On the shipped build: a page that was never scanned
 * has only the content script, "Scan QR code" brings the scan UI, and scanning again reuses it (one
 * registration, one panel). Looked at from Keyfob's own content-script world, through CDP.
 */
import { contentScriptWorld } from './content-script-world.ts'
import { expect, test } from './fixtures.ts'
import { expectPanel, rightClickScan } from './page-helpers.ts'
import { createVaultWithPassword } from './vault-helpers.ts'

const SETUP = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'

test('a page loads without the scan UI; "Scan QR code" injects it once, and a second scan reuses it', async ({
  context,
  popup,
  sw,
  site,
  extensionId,
}) => {
  await createVaultWithPassword(popup)
  const page = await context.newPage()
  const url = `http://setup.example.com:${site.port}/qr/scan.html?${new URLSearchParams({ kind: 'img', text: SETUP })}`
  const { inContentScript, detach } = await contentScriptWorld(context, page, extensionId, url)
  await expect(page.locator('body')).toHaveAttribute('data-ready', '1')
  const registered = () => inContentScript(`String(globalThis.keyfobScanUi?.ui !== undefined)`)
  const panels = () => inContentScript(`String(document.querySelectorAll('div[popover]').length)`)

  // The content script runs (it answers Keyfob, and offers the scan UI a place), but the scan UI is not there.
  expect(await inContentScript(`typeof globalThis.keyfobScanUi?.kit.openPanel`)).toBe('function')
  expect(await registered()).toBe('false')
  // Nor is it reachable from the page's own world, and its file is in no web_accessible_resources: a page cannot probe for it.
  expect(await page.evaluate(() => 'keyfobScanUi' in globalThis)).toBe(false)
  const probe = `chrome-extension://${extensionId}/src/content/scan-ui.js`
  expect(
    await page.evaluate(
      (u) =>
        fetch(u).then(
          () => 'loaded',
          () => 'refused',
        ),
      probe,
    ),
  ).toBe('refused')

  await rightClickScan(page, sw, page.locator('#qr'))
  await expectPanel(context, page, /Keyfob found a two-factor setup code.*Example Bank \(alice@example\.com\)/)
  expect(await registered()).toBe('true')
  expect(await panels()).toBe('1')
  // Marks this registration: a second injection must neither replace it nor add a panel.
  expect(await inContentScript(`(globalThis.keyfobScanUi.ui.mark = 'first')`)).toBe('first')

  await rightClickScan(page, sw, page.locator('#qr'))
  await expect.poll(() => inContentScript(`String(globalThis.keyfobScanUi.ui.mark)`)).toBe('first')
  await expectPanel(context, page, /Example Bank \(alice@example\.com\)/)
  expect(await panels()).toBe('1')
  await detach()
})
