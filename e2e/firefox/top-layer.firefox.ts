/**
 * Keyfob's field button above a page's modal <dialog> in Firefox (see e2e/top-layer.spec.ts for the
 * Chromium checks): exposed to the accessibility tree, reached by hit-testing, filled by a real click.
 */
import { codesNow, setUpBound } from '../shared/flows.ts'
import { expect, test, type Site } from './fixtures.ts'

const ACME = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const pageUrl = (site: Site, file: string) => `http://login.example.com:${site.port}/top-layer/${file}`

test('in a modal dialog, the field button is exposed, hit-testing reaches it and a real click fills', async ({ ff, popup, site }) => {
  await setUpBound(popup, ['example.com'], ACME)
  const page = await ff.newPage(pageUrl(site, 'dialog-modal.html'))
  await expect.poll(() => ff.fieldButtons(page), { message: 'Keyfob’s button in the field', timeout: 15_000 }).toBe(1)
  const box = (await (await page.page.$('#otp'))!.boundingBox())!
  const point = { x: box.x + box.width - 14, y: box.y + box.height / 2 }
  const hit = await page.page.evaluate(({ x, y }) => {
    const el = document.elementFromPoint(x, y)
    return el?.getAttribute('popover') === 'manual' && el.shadowRoot === null ? 'keyfob' : (el?.id ?? 'nothing')
  }, point)
  expect(hit).toBe('keyfob')
  await page.page.mouse.click(point.x, point.y)
  await expect.poll(() => page.page.$eval('#otp', (e) => (e as HTMLInputElement).value), { timeout: 15_000 }).toMatch(/^\d{6}$/)
  expect(await codesNow(ACME)).toContain(await page.page.$eval('#otp', (e) => (e as HTMLInputElement).value))
})
