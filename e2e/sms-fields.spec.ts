/**
 * Fields that ask for a code the site sent by text message or e-mail: an explicit fill (menu,
 * popup) asks first in the page, naming what the page asks for, and fills only on "Fill anyway".
 * Keyfob's field button does not appear on such fields at all (see autofill.spec.ts).
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { hotp } from '../src/core/otp/hotp.ts'
import { expect, test, type Site } from './fixtures.ts'
import { codesNow, menuFill, panelText, setUpBound } from './page-helpers.ts'

const ACME = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
// HOTP for the menu test: two fills on one site within one period would otherwise be a replay that waits for the next code.
const COUNTER_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const COUNTER = `otpauth://hotp/Acme:alice@example.com?secret=${COUNTER_SECRET}&issuer=Acme&counter=0`
const SMS = 'This page asks for a code sent by text message. Fill Keyfob’s code anyway?'
const EMAIL = 'This page asks for a code sent by e-mail. Fill Keyfob’s code anyway?'
const asking = (n: string) => n.startsWith('This page asks')

const pageUrl = (site: Site, file: string) => `http://login.example.com:${site.port}/otp/${file}`

/** Clicks the button named `name` in Keyfob's panel (a closed shadow root) with the mouse, at its centre as the browser lays it out. */
async function clickPanelButton(page: Page, name: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree')
    const node = nodes.find((n) => !n.ignored && n.role?.value === 'button' && n.name?.value === name)
    expect(node?.backendDOMNodeId, `a button "${name}"`).toBeDefined()
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node?.backendDOMNodeId })
    const [x1, y1, , , x3, y3] = model.border
    await page.mouse.click(((x1 as number) + (x3 as number)) / 2, ((y1 as number) + (y3 as number)) / 2)
  } finally {
    await cdp.detach()
  }
}

test('the menu asks before filling a texted or e-mailed code, naming which; Cancel fills nothing, Fill anyway fills', async ({
  context,
  popup,
  sw,
  site,
}) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], COUNTER)
  const page = await context.newPage()
  let counter = 0n
  for (const [file, selector, question] of [
    ['sms-code.html', '#sms-code', SMS],
    ['email-code.html', '#loginCode', EMAIL],
  ] as const) {
    await page.goto(pageUrl(site, file))
    const input = page.locator(selector)
    await input.click({ button: 'right' })
    await menuFill(page, sw)
    await expect.poll(() => panelText(context, page, asking), { message: file, timeout: 15_000 }).toBe(`${question} Fill anyway Cancel`)
    const { violations } = await new AxeBuilder({ page }).analyze()
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
    await clickPanelButton(page, 'Cancel')
    await expect.poll(() => panelText(context, page, asking)).toBe('')
    expect(await input.inputValue(), file).toBe('')

    await input.click({ button: 'right' })
    await menuFill(page, sw)
    await expect.poll(() => panelText(context, page, asking), { timeout: 15_000 }).toContain(question)
    await clickPanelButton(page, 'Fill anyway')
    await expect.poll(() => input.inputValue(), { message: file, timeout: 15_000 }).toMatch(/^\d{6}$/)
    // The question made no code: Cancel used no counter, each Fill anyway the next one.
    expect(await input.inputValue(), file).toBe(await hotp(COUNTER_SECRET, counter++))
  }
})

test('a fill from the popup into a texted-code field asks in the page too', async ({ context, popup, site }) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], ACME)
  const page = await context.newPage()
  await page.goto(pageUrl(site, 'sms-code.html'))
  await page.bringToFront()
  await popup.reload()
  await popup.getByRole('button', { name: /^Copy code .* for Acme$/ }).click()
  await expect.poll(() => panelText(context, page, asking), { timeout: 15_000 }).toBe(`${SMS} Fill anyway Cancel`)
  expect(await page.locator('#sms-code').inputValue()).toBe('')
  await page.bringToFront()
  await clickPanelButton(page, 'Fill anyway')
  await expect.poll(() => page.locator('#sms-code').inputValue(), { timeout: 15_000 }).toMatch(/^\d{6}$/)
  expect(await codesNow(ACME)).toContain(await page.locator('#sms-code').inputValue())
})
