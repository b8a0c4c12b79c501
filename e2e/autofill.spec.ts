import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { generateCode } from '../src/core/otp/generate-code.ts'
import { hotp } from '../src/core/otp/hotp.ts'
import { parseOtpauthUri } from '../src/core/uri/parse-otpauth-uri.ts'
import { PAGES_DIR, expect, test, type Site } from './fixtures.ts'
import { codesNow, commandFill, menuFill, panelText, popupRequest, setUpBound } from './page-helpers.ts'

const ACME = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const COUNTER_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const COUNTER = `otpauth://hotp/Acme:alice@example.com?secret=${COUNTER_SECRET}&issuer=Acme&counter=0`
const OTHER = 'otpauth://totp/Acme%20Admin:root@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Admin'

interface Expected {
  kind: 'single' | 'split' | 'none'
  selector?: string
  count?: number
  smsHint?: boolean
}
const FIXTURES = fs
  .readdirSync(path.join(PAGES_DIR, 'otp'))
  .filter((f) => f.endsWith('.html'))
  .sort()
const expected = (file: string): Expected =>
  JSON.parse(
    /<script type="application\/json" id="expected">([^<]*)/.exec(fs.readFileSync(path.join(PAGES_DIR, 'otp', file), 'utf8'))?.[1] ?? '{}',
  ) as Expected

/** The field a person would right-click: the fixture's selector (`a >>> b` = b inside frame or shadow host a). */
function field(page: Page, selector: string): Locator {
  const parts = selector.split('>>>').map((s) => s.trim())
  if (parts.length === 1) return page.locator(parts[0] as string).first()
  const host = parts[0] as string
  return host.includes('frame')
    ? page
        .frameLocator(host)
        .locator(parts[1] as string)
        .first()
    : page.locator(`${host} ${parts[1]}`).first()
}

const setUp = (popup: Page, ...uris: string[]) => setUpBound(popup, ['example.com'], ...uris)

const pageUrl = (site: Site, file: string, host = 'login.example.com') => `http://${host}:${site.port}/otp/${file}`

test('the menu fills every kind of code field on a bound site, and nothing where there is none', async ({ context, popup, sw, site }) => {
  test.setTimeout(180_000)
  // HOTP: every fill uses the next counter, so filling page after page is never a replay of a used code.
  await setUp(popup, COUNTER)
  let counter = 0n
  const page = await context.newPage()
  const soft = expect.configure({ soft: true })
  for (const file of FIXTURES) {
    const want = expected(file)
    // A row of 4 boxes wants a 4-character code (e-mailed or texted), not a 6-digit TOTP: nothing fits, nothing is filled.
    const fits = want.kind === 'single' || (want.kind === 'split' && want.count === 6)
    await page.goto(pageUrl(site, file))
    if (file.startsWith('delayed')) await expect(page.locator('#otp')).toBeVisible() // inserted 500 ms after load
    const before = await page.title()
    if (want.kind !== 'none' && want.selector) await field(page, want.selector).click({ button: 'right' })
    await menuFill(page, sw)
    if (want.smsHint) {
      // A field for a texted or e-mailed code: Keyfob asks first (e2e/sms-fields.spec.ts); Cancel has focus, Shift+Tab reaches Fill anyway.
      await soft.poll(() => panelText(context, page, (n) => n.startsWith('This page asks')), { message: file }).toContain('Fill anyway')
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Enter')
    }
    if (!fits) {
      await page.waitForTimeout(300) // a fill would have happened by now; there is nothing to wait for
      soft(await page.title(), `${file}: nothing may be filled`).toBe(before)
      // A detected field that the code does not fit still used up a counter (HOTP look-ahead allows for it).
      if (want.kind !== 'none') counter += 1n
    } else {
      await soft.poll(() => page.title(), { message: `${file}: the page receives the code` }).toMatch(/^received:\d{6}$/)
      soft((await page.title()).slice('received:'.length), file).toBe(await hotp(COUNTER_SECRET, counter))
      counter += 1n
    }
  }
})

test('a look-alike site gets no code, only a notice', async ({ context, popup, sw, site }) => {
  await setUp(popup, ACME)
  const page = await context.newPage()
  for (const host of ['example.com.evil.test', 'examp1e.test', 'login.example.com.evil.test']) {
    await page.goto(pageUrl(site, 'one-time-code.html', host))
    await page.locator('#app_totp').click({ button: 'right' })
    await menuFill(page, sw)
    await page.waitForTimeout(300)
    expect(await page.locator('#app_totp').inputValue(), host).toBe('')
  }
})

test('two accounts bound to the site: the page shows their names and fills the one chosen', async ({ context, popup, sw, site }) => {
  await setUp(popup, ACME, OTHER)
  const page = await context.newPage()
  await page.goto(pageUrl(site, 'one-time-code.html'))
  await page.locator('#app_totp').click({ button: 'right' })
  await menuFill(page, sw)
  // The picker's first name has focus; Tab moves to the second, Enter picks it (trusted keys).
  await page.waitForTimeout(200)
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect.poll(() => page.title()).toMatch(/^received:\d{6}$/)
  expect(await codesNow(OTHER)).toContain((await page.title()).slice('received:'.length))
})

test('clicking an account in the popup fills the tab in front; an unbound site needs an explicit go-ahead', async ({
  context,
  popup,
  site,
}) => {
  await setUp(popup, ACME)
  const page = await context.newPage()
  await page.goto(pageUrl(site, 'react-controlled.html'))
  await page.bringToFront()
  await popup.reload()
  await popup.getByRole('button', { name: /^Copy code .* for Acme$/ }).click()
  await expect(popup.getByText('Filled into the page.')).toBeVisible()
  await expect.poll(() => page.title()).toMatch(/^received:\d{6}$/)
  expect(await codesNow(ACME)).toContain(await page.locator('#otp').inputValue())
  // Another site: the popup names it and waits.
  await page.goto(pageUrl(site, 'one-time-code.html', 'phish.test'))
  await popup.reload()
  await popup.getByRole('button', { name: /^Copy code .* for Acme$/ }).click()
  await expect(popup.getByRole('alertdialog')).toContainText('Acme is not bound to phish.test.')
  expect(await page.locator('#app_totp').inputValue()).toBe('')
  await popup.getByRole('button', { name: 'Fill anyway' }).click()
  await expect.poll(() => page.locator('#app_totp').inputValue()).toMatch(/^\d{6}$/)
})

test('the keyboard command fills on a bound site', async ({ context, popup, sw, site }) => {
  await setUp(popup, ACME)
  const page = await context.newPage()
  await page.goto(pageUrl(site, 'split-maxlength.html'))
  await commandFill(page, sw)
  await expect.poll(() => page.title()).toMatch(/^received:\d{6}$/)
})

test('a code already filled on the site is not filled again: the next one is, when it arrives', async ({ context, popup, sw, site }) => {
  test.setTimeout(90_000)
  await setUp(popup, ACME)
  const page = await context.newPage()
  await page.goto(pageUrl(site, 'one-time-code.html'))
  const input = page.locator('#app_totp')
  await input.click({ button: 'right' })
  await menuFill(page, sw)
  await expect.poll(() => input.inputValue()).toMatch(/^\d{6}$/)
  const first = await input.inputValue()
  await input.fill('')
  await input.click({ button: 'right' })
  await menuFill(page, sw)
  // Unless the period ended in between, Keyfob waits for the next code rather than refilling the used one.
  await expect.poll(() => input.inputValue(), { timeout: 40_000, intervals: [500] }).toMatch(/^\d{6}$/)
  expect(await input.inputValue()).not.toBe(first)
})

/** Buttons named "Fill two-factor code" in the accessibility tree (Keyfob's live in closed shadow roots). */
async function fieldButtons(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree')
    return nodes.filter((n) => n.role?.value === 'button' && n.name?.value === 'Fill two-factor code').length
  } finally {
    await cdp.detach()
  }
}

test('the button in a code field fills it; none on a texted-code page, none when turned off', async ({ context, popup, site }) => {
  await setUp(popup, ACME)
  const page = await context.newPage()
  await page.goto(pageUrl(site, 'one-time-code.html'))
  const input = page.locator('#app_totp')
  const box = await input.boundingBox()
  await expect.poll(() => fieldButtons(page)).toBe(1)
  // The page's layout did not move: the field keeps its box.
  expect(await input.boundingBox()).toEqual(box)
  // Click where the button sits, at the field's right edge, as a person would.
  await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) - 14, (box?.y ?? 0) + (box?.height ?? 0) / 2)
  await expect.poll(() => input.inputValue()).toMatch(/^\d{6}$/)
  expect(await codesNow(ACME)).toContain(await input.inputValue())

  await page.goto(pageUrl(site, 'sms-code.html'))
  await page.waitForTimeout(500) // detection runs within a frame of the page settling
  expect(await fieldButtons(page)).toBe(0)

  await popup.evaluate(() => chrome.runtime.sendMessage({ channel: 'popup', type: 'updateSettings', input: { fieldButton: false } }))
  await page.goto(pageUrl(site, 'one-time-code.html'))
  await page.waitForTimeout(500)
  expect(await fieldButtons(page)).toBe(0)
})

test.describe('the clock, measured against https sites', () => {
  test.use({ browserArgs: ['--ignore-certificate-errors'] }) // httpsSite's certificate is made at test time

  test('a clock two minutes off is offered for correction only when two https sites agree, naming both, and codes can be corrected by it', async ({
    context,
    popup,
    sw,
    site,
    httpsSite,
  }) => {
    test.setTimeout(120_000)
    // Servers on hosts named skew-… run 120 s ahead of our clock.
    // Three unrelated sites, so that no fill waits out the replay guard (one code per site).
    await setUpBound(popup, ['example.com', 'skew-shop.test', 'skew-plain.test'], ACME)
    const page = await context.newPage()
    const fillAt = async (url: string) => {
      await page.goto(url)
      await page.locator('#app_totp').click({ button: 'right' })
      await menuFill(page, sw)
      await expect.poll(() => page.locator('#app_totp').inputValue()).toMatch(/^\d{6}$/)
    }
    const reopen = async () => {
      await popup.reload()
      await popup.getByRole('button', { name: /^Copy code .* for Acme$/ }).waitFor({ timeout: 15_000 })
    }
    // The check runs after a fill, off its path: wait until the worker has the measurement.
    const measured = () => sw.evaluate(async () => JSON.stringify((await chrome.storage.session.get('clock'))['clock'] ?? null))

    // A plain-http site (anyone on the network can write its Date header) and one https site agree, but only the https one counts: no banner.
    await fillAt(`http://skew-plain.test:${site.port}/otp/one-time-code.html`)
    await fillAt(`https://skew-login.example.com:${httpsSite.port}/otp/one-time-code.html`)
    await expect.poll(measured, { timeout: 15_000 }).toContain('example.com')
    await reopen()
    expect((await popupRequest<{ clock: unknown }>(popup, 'getStatus', {})).value.clock).toBeNull()
    await expect(popup.getByRole('alert')).toHaveCount(0)

    // A second, unrelated https site agrees: the banner names both sites.
    await fillAt(`https://skew-shop.test:${httpsSite.port}/otp/one-time-code.html`)
    const banner = popup
      .getByRole('alert')
      .filter({ hasText: /clock is 1(19|20|21) seconds behind the clocks of skew-shop\.test and example\.com\./ })
    await expect.poll(async () => (await reopen(), banner.count()), { timeout: 30_000 }).toBe(1)
    await popup.getByRole('button', { name: /^Correct codes by 1(19|20|21) seconds$/ }).click()
    await expect(banner).toHaveCount(0)
    // The code shown is now the one for the sites' time.
    // The warning goes as soon as the new status arrives; the corrected codes follow a moment later.
    const c = parseOtpauthUri(ACME)
    const shown = async () => (await popup.getByRole('button', { name: /^Copy code .* for Acme$/ }).textContent())?.trim() ?? ''
    const codesAt = (...offsets: number[]) =>
      Promise.all(offsets.map(async (d) => (await generateCode(c, Date.now() + d)).replace(/^(\d{3})/, '$1 ')))
    await expect.poll(async () => (await codesAt(120_000, 90_000, 150_000)).includes(await shown())).toBe(true)

    // Settings: a typed correction, with a specific error for bad input.
    await popup.getByRole('button', { name: 'Settings' }).click()
    await popup.getByRole('button', { name: 'Advanced', exact: true }).click()
    const field = popup.getByLabel('Correct codes by (seconds)')
    await expect(field).toHaveValue(/^1(19|20|21)$/)
    await field.fill('2 minutes')
    await popup.getByRole('button', { name: 'Save correction' }).click()
    await expect(
      popup.getByRole('alert').filter({ hasText: 'Type a whole number of seconds from -86400 to 86400, such as 120 or -30.' }),
    ).toBeVisible()
    await field.fill('0')
    await popup.getByRole('button', { name: 'Save correction' }).click()
    await expect(popup.getByRole('status').filter({ hasText: 'Codes now use a correction of 0 seconds.' })).toBeVisible()
    await popup.getByRole('button', { name: 'Done' }).click()
    await expect.poll(async () => (await codesAt(0, -30_000, 30_000)).includes(await shown())).toBe(true)
  })
})

test('a cross-origin frame is matched on its own site, not the page around it, and filled after the popup names both sites', async ({
  context,
  popup,
  site,
}) => {
  await setUp(popup, ACME) // bound to example.com
  const page = await context.newPage()
  const frameUrl = `http://login.example.com:${site.port}/otp/one-time-code.html`
  // The bank's form (example.com) inside a shop page (shop.test): the bank's account is offered there.
  await page.goto(`http://shop.test:${site.port}/frames/embed.html?${new URLSearchParams({ src: frameUrl })}`)
  const input = page.frameLocator('#bank').locator('#app_totp')
  await expect(input).toBeVisible()
  // Another site's page around the bank's form: the person confirms in the popup, which names both.
  const ask = popup.getByRole('alertdialog', { name: 'example.com’s sign-in form is inside a page of shop.test' })
  // The button lives in the frame's own process (out of the top page's accessibility tree), and
  // appears once detection has run there (later on a busy machine): click where it sits until
  // the popup, opened again, offers the fill.
  await expect
    .poll(
      async () => {
        const box = await input.boundingBox()
        await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) - 14, (box?.y ?? 0) + (box?.height ?? 0) / 2)
        await popup.reload()
        return ask.waitFor({ state: 'visible', timeout: 3_000 }).then(
          () => true,
          () => false,
        )
      },
      { timeout: 45_000 },
    )
    .toBe(true)
  expect(await input.inputValue()).toBe('')
  await ask.getByRole('button', { name: 'Fill Acme' }).click()
  await expect.poll(() => input.inputValue()).toMatch(/^\d{6}$/)
  expect(await codesNow(ACME)).toContain(await input.inputValue())
  // The other way round: an example.com page framing another site's form gets nothing for that frame.
  await page.goto(
    `http://www.example.com:${site.port}/frames/embed.html?${new URLSearchParams({ src: `http://evil.test:${site.port}/otp/one-time-code.html` })}`,
  )
  const other = page.frameLocator('#bank').locator('#app_totp')
  await expect(other).toBeVisible()
  await page.waitForTimeout(700)
  const box2 = await other.boundingBox()
  const clickButton = () => page.mouse.click((box2?.x ?? 0) + (box2?.width ?? 0) - 14, (box2?.y ?? 0) + (box2?.height ?? 0) / 2)
  await clickButton()
  await page.waitForTimeout(500)
  expect(await other.inputValue()).toBe('')
  await popup.reload()
  await expect(popup.getByRole('heading', { name: 'Accounts' })).toBeAttached()
  await expect(popup.getByRole('alertdialog')).toHaveCount(0) // nothing is bound to evil.test: nothing to confirm
  // The same click did reach Keyfob: once the account is bound to that frame's site too, it asks and fills.
  const [account] = (
    await popup.evaluate(() =>
      chrome.runtime.sendMessage<unknown, { value: { accounts: { id: string }[] } }>({ channel: 'popup', type: 'listAccounts', input: {} }),
    )
  ).value.accounts
  await popup.evaluate(
    (id) =>
      chrome.runtime.sendMessage<unknown, unknown>({
        channel: 'popup',
        type: 'updateAccount',
        input: { id, sites: ['example.com', 'evil.test'] },
      }),
    account!.id,
  )
  await clickButton()
  const ask2 = popup.getByRole('alertdialog', { name: 'evil.test’s sign-in form is inside a page of example.com' })
  await expect
    .poll(
      async () => {
        await popup.reload()
        return ask2.isVisible()
      },
      { timeout: 15_000 },
    )
    .toBe(true)
  await ask2.getByRole('button', { name: 'Fill Acme' }).click()
  await expect.poll(() => other.inputValue()).toMatch(/^\d{6}$/)
})

test('the form is submitted after filling only when auto-submit is turned on', async ({ context, popup, sw, site }) => {
  await setUp(popup, COUNTER)
  const page = await context.newPage()
  const submitted = () => page.evaluate(() => (window as unknown as { submits?: number }).submits ?? 0)
  const track = () =>
    page.evaluate(() =>
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
  await page.goto(pageUrl(site, 'one-time-code.html'))
  await track()
  await page.locator('#app_totp').click({ button: 'right' })
  await menuFill(page, sw)
  await expect.poll(() => page.locator('#app_totp').inputValue()).toMatch(/^\d{6}$/)
  await page.waitForTimeout(300)
  expect(await submitted()).toBe(0) // off by default
  await popup.evaluate(() => chrome.runtime.sendMessage({ channel: 'popup', type: 'updateSettings', input: { autoSubmit: true } }))
  await page.reload()
  await track()
  await page.locator('#app_totp').click({ button: 'right' })
  await menuFill(page, sw)
  await expect.poll(submitted).toBe(1)
})

test('"this code was already used here" reaches the person from the menu, the shortcut and the field button', async ({
  context,
  popup,
  sw,
  site,
}) => {
  // A day-long period: a second fill in the same period is a replay too far from the next code to wait for, so it is refused.
  const LONG = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme&period=86400'
  await setUp(popup, LONG)
  const page = await context.newPage()
  await page.goto(pageUrl(site, 'one-time-code.html'))
  const input = page.locator('#app_totp')
  await input.click({ button: 'right' })
  await menuFill(page, sw)
  await expect.poll(() => input.inputValue()).toMatch(/^\d{6}$/)
  const closeNotice = async () => {
    await page.keyboard.press('Enter') // the notice's Close has focus
    await expect.poll(() => panelText(context, page)).toBe('')
  }
  const box = (await input.boundingBox())!
  const triggers: [string, () => Promise<void>][] = [
    [
      'menu',
      async () => {
        await input.click({ button: 'right' })
        await menuFill(page, sw)
      },
    ],
    ['shortcut', () => commandFill(page, sw)],
    ['field button', () => page.mouse.click(box.x + box.width - 14, box.y + box.height / 2)],
  ]
  for (const [name, trigger] of triggers) {
    await input.fill('')
    await trigger()
    await expect.poll(() => panelText(context, page), { message: name, timeout: 10_000 }).toContain('already used')
    expect(await input.inputValue(), name).toBe('')
    await closeNotice()
  }
})
