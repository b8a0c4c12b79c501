/**
 * Filling codes in Firefox: Keyfob's button in the field (a real click), the browser's real context
 * menu, and the popup. The account is bound to example.com; every host resolves to the loopback server.
 */
import { generateCode } from '../../src/core/otp/generate-code.ts'
import { hotp } from '../../src/core/otp/hotp.ts'
import { parseOtpauthUri } from '../../src/core/uri/parse-otpauth-uri.ts'
import { codesNow, setUpBound } from '../shared/flows.ts'
import { expectHidden, expectText, expectVisible, popupRequest } from '../shared/ui.ts'
import { expect, test, type Firefox, type FirefoxUi, type Site } from './fixtures.ts'

const ACME = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const OTHER = 'otpauth://totp/Acme%20Admin:root@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Admin'

const COUNTER_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const COUNTER = `otpauth://hotp/Acme:alice@example.com?secret=${COUNTER_SECRET}&issuer=Acme&counter=0`

const pageUrl = (site: Site, file: string, host = 'login.example.com') => `http://${host}:${site.port}/otp/${file}`
const value = (page: FirefoxUi, selector: string) => page.page.$eval(selector, (e) => (e as HTMLInputElement).value)
const title = (page: FirefoxUi) => page.page.title()

/** Where field-button.ts draws the button: at the field's right edge. */
async function fieldButtonPoint(page: FirefoxUi, selector: string): Promise<{ x: number; y: number }> {
  const box = await (await page.page.$(selector))!.boundingBox()
  return { x: box!.x + box!.width - 14, y: box!.y + box!.height / 2 }
}

async function waitForFieldButton(ff: Firefox, page: FirefoxUi, n = 1): Promise<void> {
  await expect.poll(() => ff.fieldButtons(page), { message: 'Keyfob’s button in the field', timeout: 15_000 }).toBe(n)
}

test('the button in a code field fills it with a real click; none on a texted-code page, none when turned off', async ({
  ff,
  popup,
  site,
}) => {
  await setUpBound(popup, ['example.com'], ACME)
  const page = await ff.newPage(pageUrl(site, 'one-time-code.html'))
  await waitForFieldButton(ff, page)
  const { x, y } = await fieldButtonPoint(page, '#app_totp')
  await page.page.mouse.click(x, y)
  await expect.poll(() => value(page, '#app_totp')).toMatch(/^\d{6}$/)
  expect(await codesNow(ACME)).toContain(await value(page, '#app_totp'))
  expect(await title(page)).toBe(`received:${await value(page, '#app_totp')}`) // the page's own input listener saw it

  await page.page.goto(pageUrl(site, 'sms-code.html'))
  await page.page.waitForFunction(() => document.readyState === 'complete')
  await new Promise((r) => setTimeout(r, 700)) // detection runs within a frame of the page settling: nothing to wait for
  expect(await ff.fieldButtons(page)).toBe(0)

  await popupRequest(popup, 'updateSettings', { fieldButton: false })
  await page.page.goto(pageUrl(site, 'one-time-code.html'))
  await new Promise((r) => setTimeout(r, 700))
  expect(await ff.fieldButtons(page)).toBe(0)
})

test('right-click, "Fill two-factor code" in the browser’s real menu fills on the bound site, on several kinds of field', async ({
  ff,
  popup,
  site,
}) => {
  // HOTP: every fill uses the next counter, so one page after another is never a replay of a used code.
  await setUpBound(popup, ['example.com'], COUNTER)
  const page = await ff.newPage()
  let counter = 0n
  for (const [file, selector] of [
    ['one-time-code.html', '#app_totp'],
    ['react-controlled.html', '#otp'],
    ['shadow-dom.html', '#host >>> #code'],
    ['name-otp.html', 'input[name="otp"]'],
  ] as const) {
    await page.page.goto(pageUrl(site, file))
    await ff.contextMenu(page, { selector }, 'keyfob-fill')
    await expect.poll(() => title(page), { message: file }).toMatch(/^received:\d{6}$/)
    expect((await title(page)).slice('received:'.length), file).toBe(await hotp(COUNTER_SECRET, counter++))
  }
})

test('two accounts bound to the site: the page shows their names and fills the one chosen by keyboard', async ({ ff, popup, site }) => {
  await setUpBound(popup, ['example.com'], ACME, OTHER)
  const page = await ff.newPage(pageUrl(site, 'one-time-code.html'))
  await ff.contextMenu(page, { selector: '#app_totp' }, 'keyfob-fill')
  await expect
    .poll(() => ff.panelText(page, 'any'))
    .toMatch(/Which account’s code should Keyfob fill on example\.com\? Acme \(alice@example\.com\) Acme Admin \(root@example\.com\)/)
  // The picker's first name has focus; Tab moves to the second, Enter picks it (trusted keys).
  await page.press('Tab')
  await page.press('Enter')
  await expect.poll(() => title(page)).toMatch(/^received:\d{6}$/)
  expect(await codesNow(OTHER)).toContain((await title(page)).slice('received:'.length))
})

test('clicking an account in the popup fills the tab in front; an unbound site needs an explicit go-ahead', async ({ ff, popup, site }) => {
  await setUpBound(popup, ['example.com'], ACME)
  const page = await ff.newPage(pageUrl(site, 'react-controlled.html'))
  await page.page.bringToFront()
  await popup.reload()
  await popup.role('button', /^Copy code .* for Acme$/).click()
  await expectVisible(popup.text('Filled into the page.'))
  await expect.poll(() => title(page)).toMatch(/^received:\d{6}$/)
  expect(await codesNow(ACME)).toContain(await value(page, '#otp'))
  // Another site: the popup names it and waits.
  await page.page.goto(pageUrl(site, 'one-time-code.html', 'phish.test'))
  await page.page.bringToFront()
  await popup.reload()
  await popup.role('button', /^Copy code .* for Acme$/).click()
  await expect.poll(async () => (await popup.role('alertdialog').allTexts()).join(' ')).toContain('Acme is not bound to phish.test.')
  expect(await value(page, '#app_totp')).toBe('')
  await popup.role('button', 'Fill anyway').click()
  await expect.poll(() => value(page, '#app_totp')).toMatch(/^\d{6}$/)
})

test('the form is submitted after filling only when auto-submit is turned on', async ({ ff, popup, site }) => {
  await setUpBound(
    popup,
    ['example.com'],
    'otpauth://hotp/Acme:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme&counter=0',
  )
  const page = await ff.newPage()
  const submitted = () => page.page.evaluate(() => (window as unknown as { submits?: number }).submits ?? 0)
  const track = () =>
    page.page.evaluate(() =>
      document.addEventListener(
        'submit',
        (e) => {
          e.preventDefault()
          const w = window as unknown as { submits?: number }
          w.submits = (w.submits ?? 0) + 1
        },
        true,
      ),
    )
  await page.page.goto(pageUrl(site, 'one-time-code.html'))
  await track()
  await ff.contextMenu(page, { selector: '#app_totp' }, 'keyfob-fill')
  await expect.poll(() => value(page, '#app_totp')).toMatch(/^\d{6}$/)
  await new Promise((r) => setTimeout(r, 300))
  expect(await submitted()).toBe(0) // off by default
  await popupRequest(popup, 'updateSettings', { autoSubmit: true })
  await page.page.reload()
  await track()
  await ff.contextMenu(page, { selector: '#app_totp' }, 'keyfob-fill')
  await expect.poll(submitted).toBe(1)
})

test('the keyboard command Alt+Shift+F fills on a bound site (the browser’s own shortcut key, run by the window)', async ({
  ff,
  popup,
  site,
}) => {
  await setUpBound(popup, ['example.com'], ACME)
  const page = await ff.newPage(pageUrl(site, 'split-maxlength.html'))
  await ff.shortcut(page, 'Alt+Shift+F')
  await expect.poll(() => title(page)).toMatch(/^received:\d{6}$/)
  expect(await codesNow(ACME)).toContain((await title(page)).slice('received:'.length))
})

test('the clock, measured against https sites: two minutes off is offered for correction only when two https sites agree, naming both, and codes can be corrected by it', async ({
  ff,
  popup,
  site,
  httpsSite,
}) => {
  test.setTimeout(180_000)
  // Servers on hosts named skew-… run 120 s ahead of our clock. The test certificate is accepted on the https ones,
  // as a person does with "Accept the Risk and Continue".
  await ff.acceptCertificate(httpsSite, ['skew-login.example.com', 'skew-shop.test'])
  // Three unrelated sites, so that no fill waits out the replay guard (one code per site).
  await setUpBound(popup, ['example.com', 'skew-shop.test', 'skew-plain.test'], ACME)
  const page = await ff.newPage()
  const fillAt = async (url: string) => {
    await page.page.goto(url)
    await ff.contextMenu(page, { selector: '#app_totp' }, 'keyfob-fill')
    await expect.poll(() => value(page, '#app_totp'), { message: url }).toMatch(/^\d{6}$/)
  }
  const reopen = async () => {
    await popup.reload()
    await expectVisible(popup.role('button', /^Copy code .* for Acme$/))
  }
  // The check runs after a fill, off its path: wait until the event page has the measurement.
  const measured = () => ff.background(async (bg) => JSON.stringify((await bg.browser.storage.session.get('clock'))['clock'] ?? null))

  // A plain-http site (anyone on the network can write its Date header) and one https site agree, but only the https one counts: no banner.
  await fillAt(`http://skew-plain.test:${site.port}/otp/one-time-code.html`)
  await fillAt(`https://skew-login.example.com:${httpsSite.port}/otp/one-time-code.html`)
  await expect.poll(measured, { timeout: 15_000 }).toContain('example.com')
  await reopen()
  expect((await popupRequest<{ clock: unknown }>(popup, 'getStatus', {})).value.clock).toBeNull()
  expect(await popup.role('alert').count()).toBe(0)

  // A second, unrelated https site agrees: the banner names both sites.
  await fillAt(`https://skew-shop.test:${httpsSite.port}/otp/one-time-code.html`)
  const banner = /clock is 1(19|20|21) seconds behind the clocks of skew-shop\.test and example\.com\./
  await expect
    .poll(async () => (await reopen(), (await popup.role('alert').allTexts()).some((t) => banner.test(t))), { timeout: 30_000 })
    .toBe(true)
  await popup.role('button', /^Correct codes by 1(19|20|21) seconds$/).click()
  await expectHidden(popup.role('alert'))
  // The code shown is now the one for the sites' time.
  const c = parseOtpauthUri(ACME)
  const shown = async () => (await popup.role('button', /^Copy code .* for Acme$/).text()).trim()
  const codesAt = (...offsets: number[]) =>
    Promise.all(offsets.map(async (d) => (await generateCode(c, Date.now() + d)).replace(/^(\d{3})/, '$1 ')))
  await expect.poll(async () => (await codesAt(120_000, 90_000, 150_000)).includes(await shown())).toBe(true)

  // Settings: a typed correction, with a specific error for bad input.
  await popup.role('button', 'Settings').click()
  await popup.role('button', 'Advanced', true).click()
  const field = popup.label('Correct codes by (seconds)')
  await expect.poll(() => field.value()).toMatch(/^1(19|20|21)$/)
  await field.fill('2 minutes')
  await popup.role('button', 'Save correction').click()
  await expectText(popup.role('alert'), 'Type a whole number of seconds from -86400 to 86400, such as 120 or -30.')
  await field.fill('0')
  await popup.role('button', 'Save correction').click()
  await expectText(popup.role('status'), 'Codes now use a correction of 0 seconds.')
  await popup.role('button', 'Done').click()
  await expect.poll(async () => (await codesAt(0, -30_000, 30_000)).includes(await shown())).toBe(true)
})

test('a code already filled on the site is not filled again: the next one is, when it arrives', async ({ ff, popup, site }) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], ACME)
  const page = await ff.newPage(pageUrl(site, 'one-time-code.html'))
  await ff.contextMenu(page, { selector: '#app_totp' }, 'keyfob-fill')
  await expect.poll(() => value(page, '#app_totp')).toMatch(/^\d{6}$/)
  const first = await value(page, '#app_totp')
  // The person clears the field (the site refused the code, say) and asks again.
  await page.page.click('#app_totp')
  await page.page.$eval('#app_totp', (e) => (e as HTMLInputElement).select())
  await page.press('Backspace')
  expect(await value(page, '#app_totp')).toBe('')
  await ff.contextMenu(page, { selector: '#app_totp' }, 'keyfob-fill')
  // Unless the period ended in between, Keyfob waits for the next code rather than refilling the used one.
  await expect.poll(() => value(page, '#app_totp'), { timeout: 60_000, intervals: [500] }).toMatch(/^\d{6}$/)
  const second = await value(page, '#app_totp')
  expect(second).not.toBe(first)
  expect(await codesNow(ACME)).toContain(second)
})
