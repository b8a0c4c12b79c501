/**
 * Hostile pages in Firefox (the pages of e2e/pages/hostile, as in e2e/hostile.spec.ts): each page
 * records everything it can observe (spy.js), and each test asserts what it saw, beside what Keyfob
 * showed. Triggers are Firefox's real ones: the browser's context menu, a mouse click on Keyfob's
 * field button, the shortcut key, the popup. The account is bound to example.com throughout.
 */
import type { Frame } from 'puppeteer-core'
import { parseOtpauthUri } from '../../src/core/uri/parse-otpauth-uri.ts'
import { codesNow, setUpBound } from '../shared/flows.ts'
import { popupRequest } from '../shared/ui.ts'
import { expect, test, type Firefox, type FirefoxUi, type Site } from './fixtures.ts'

const BANK = 'otpauth://totp/Acme%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Bank'

const url = (site: Site, host: string, file: string, query: Record<string, string> = {}) =>
  `http://${host}:${site.port}/hostile/${file}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`

async function secretsOf(...uris: string[]): Promise<string[]> {
  const out: string[] = []
  for (const uri of uris) {
    const c = parseOtpauthUri(uri)
    out.push(...(await codesNow(uri)), new URL(uri).searchParams.get('secret') as string, c.issuer, c.account)
  }
  return out.filter((s) => s.length > 0)
}

type Context = FirefoxUi['page'] | Frame
const everything = (where: Context): Promise<string> =>
  where.evaluate(() => (window as unknown as { __everything: () => string }).__everything())
async function expectNothingLeaked(where: Context, ...uris: string[]): Promise<void> {
  const seen = await everything(where)
  expect(
    (await secretsOf(...uris)).filter((s) => seen.includes(s)),
    `what ${where.url()} saw`,
  ).toEqual([])
}
const fieldValue = (page: FirefoxUi, selector = '#otp') => page.page.$eval(selector, (e) => (e as HTMLInputElement).value)

async function clickFieldButton(ff: Firefox, page: FirefoxUi, selector = '#otp'): Promise<void> {
  await expect.poll(() => ff.fieldButtons(page), { timeout: 15_000 }).toBeGreaterThan(0)
  const box = (await (await page.page.$(selector))!.boundingBox())!
  await page.page.mouse.click(box.x + box.width - 14, box.y + box.height / 2)
}

test('look-alike sites get no code and no names, by menu, field button, shortcut or popup', async ({ ff, popup, site }) => {
  test.setTimeout(180_000)
  await setUpBound(popup, ['example.com'], BANK)
  const page = await ff.newPage()
  for (const host of [
    'example.com.evil.test',
    'login.example.com.evil.test',
    'examp1e.test',
    'example-com.test',
    'xn--exmple-cua.test',
    'example.test',
  ]) {
    await page.page.goto(url(site, host, 'sign-in.html'))
    await ff.contextMenu(page, { selector: '#otp' }, 'keyfob-fill')
    await expect.poll(() => ff.panelText(page), { timeout: 10_000 }).toContain('No Keyfob account is bound to')
    await ff.shortcut(page, 'Alt+Shift+F')
    await clickFieldButton(ff, page)
    await new Promise((r) => setTimeout(r, 500)) // a fill would have happened by now
    expect(await fieldValue(page), host).toBe('')
    expect(await ff.panelText(page)).not.toContain('Acme')
    await expectNothingLeaked(page.page, BANK)
  }
  // From the popup: it names the site and waits for a go-ahead, which a page cannot give.
  await page.page.goto(url(site, 'example.com.evil.test', 'sign-in.html'))
  await page.page.bringToFront()
  await popup.reload()
  await popup.role('button', /^Copy code .* for Acme Bank$/).click()
  await expect.poll(async () => (await popup.role('alertdialog').allTexts()).join(' ')).toContain('Acme Bank is not bound to evil.test.')
  await new Promise((r) => setTimeout(r, 500))
  expect(await fieldValue(page)).toBe('')
  await expectNothingLeaked(page.page, BANK)
})

test('another site framed into the bound site gets nothing, by the menu in its frame or the shortcut', async ({ ff, popup, site }) => {
  await setUpBound(popup, ['example.com'], BANK)
  const widgetUrl = url(site, 'ads.evil.test', 'widget.html')
  const page = await ff.newPage(url(site, 'login.example.com', 'sign-in.html', { frame: widgetUrl }))
  let widget: Frame | undefined
  await expect
    .poll(async () => (widget = page.page.frames().find((f) => f.url() === widgetUrl)) !== undefined && (await widget.$('#code')) !== null)
    .toBe(true)
  // The browser's menu on the widget's field: Firefox reports the widget's frame, matched on its own site.
  await ff.contextMenu(page, { selector: '#code', frame: '#widget' }, 'keyfob-fill')
  await expect.poll(() => ff.panelText(page), { timeout: 10_000 }).toContain('No Keyfob account is bound to evil.test')
  await new Promise((r) => setTimeout(r, 500))
  expect(await widget!.$eval('#code', (e) => (e as HTMLInputElement).value)).toBe('')
  // The shortcut fills the bound top frame, never the widget.
  await ff.shortcut(page, 'Alt+Shift+F')
  await expect.poll(() => fieldValue(page)).toMatch(/^\d{6}$/)
  expect(await codesNow(BANK)).toContain(await fieldValue(page))
  expect(await widget!.$eval('#code', (e) => (e as HTMLInputElement).value)).toBe('')
  await expectNothingLeaked(widget!, BANK)
  expect(
    (await widget!.evaluate(() => (window as unknown as { __seen: { events: { value: string | null }[] } }).__seen)).events.filter(
      (e) => e.value,
    ),
  ).toEqual([])
})

test('invisible and zero-size fields are never filled; invisible lures beside a real field stay empty', async ({ ff, popup, site }) => {
  await setUpBound(popup, ['example.com'], BANK)
  const page = await ff.newPage(url(site, 'login.example.com', 'hidden-only.html'))
  await ff.shortcut(page, 'Alt+Shift+F')
  await expect.poll(() => ff.panelText(page), { timeout: 10_000 }).toContain('Keyfob found no one-time-code field here.')
  expect(
    Object.values(await page.page.evaluate(() => (window as unknown as { __values: () => Record<string, string> }).__values())),
  ).toEqual(Array(7).fill(''))
  await expectNothingLeaked(page.page, BANK)
  await page.page.goto(url(site, 'login.example.com', 'sign-in.html', { lures: '1' }))
  await ff.shortcut(page, 'Alt+Shift+F')
  await expect.poll(() => fieldValue(page)).toMatch(/^\d{6}$/)
  const values = await page.page.evaluate(() => (window as unknown as { __values: () => Record<string, string> }).__values())
  expect(Object.entries(values).filter(([id, v]) => id !== 'otp' && v !== '')).toEqual([])
})

test('DOM clobbering (<a id="browser">, <a id="chrome">, inputs named after form methods) does not turn Keyfob against the page', async ({
  ff,
  popup,
  site,
}) => {
  await setUpBound(popup, ['example.com'], BANK)
  await popupRequest(popup, 'updateSettings', { autoSubmit: true })
  const page = await ff.newPage(url(site, 'login.example.com', 'clobber.html'))
  await ff.contextMenu(page, { selector: '#otp' }, 'keyfob-fill')
  await expect.poll(() => fieldValue(page)).toMatch(/^\d{6}$/)
  expect(await codesNow(BANK)).toContain(await fieldValue(page))
  await expect
    .poll(
      async () =>
        (await page.page.evaluate(() => (window as unknown as { __seen: { events: { type: string }[] } }).__seen)).events.filter(
          (e) => e.type === 'submit',
        ).length,
    )
    .toBe(1)
  const clobberers = await page.page.evaluate(() =>
    [...Document.prototype.querySelectorAll.call(document, 'input[name]:not(#otp)')].map((i) => (i as HTMLInputElement).value),
  )
  expect(clobberers).toEqual(Array(8).fill('clobbered'))
  expect(await ff.panelText(page, 'any')).not.toMatch(/not a function|Something went wrong/)
  await page.page.goto(url(site, 'example.com.evil.test', 'clobber.html'))
  await ff.contextMenu(page, { selector: '#otp' }, 'keyfob-fill')
  await expect.poll(() => ff.panelText(page), { timeout: 10_000 }).toContain('No Keyfob account is bound to evil.test')
  expect(await fieldValue(page)).toBe('')
  await expectNothingLeaked(page.page, BANK)
})

test('a page cannot message Keyfob or load its pages, even knowing its moz-extension URL', async ({ ff, popup, site }) => {
  await setUpBound(popup, ['example.com'], BANK)
  const page = await ff.newPage(url(site, 'login.example.com', 'messages.html'))
  // The spoofed postMessage traffic and synthetic events of messages.html (its moz-extension requests are below).
  await page.page.evaluate(() => (window as unknown as { attack: (id: string) => Promise<unknown> }).attack('x'))
  const results = await page.page.evaluate(async (origin) => {
    const tryIt = async (fn: () => Promise<unknown>) =>
      fn().then(
        (v) => ({ answer: String(v).slice(0, 200) }),
        (e: Error) => ({ error: e.message }),
      )
    const framed = await new Promise<string>((resolve) => {
      const frame = document.createElement('iframe')
      frame.src = `${origin}/src/popup/index.html`
      frame.onload = () => {
        try {
          resolve(frame.contentDocument ? frame.contentDocument.body.innerText : 'opaque frame')
        } catch (e) {
          resolve(`opaque frame: ${(e as Error).message}`)
        }
      }
      document.body.append(frame)
      setTimeout(() => resolve('no load'), 3000)
    })
    return {
      runtime: typeof (window as unknown as { browser?: unknown }).browser,
      manifest: await tryIt(() => fetch(`${origin}/manifest.json`).then((r) => r.text())),
      popup: await tryIt(() => fetch(`${origin}/src/popup/index.html`).then((r) => r.text())),
      framed,
    }
  }, ff.origin)
  expect(results.runtime).not.toBe('object') // no browser.runtime for pages (no externally_connectable)
  expect(results.manifest).toHaveProperty('error')
  expect(results.popup).toHaveProperty('error')
  expect(results.framed).not.toContain('Accounts')
  expect(await fieldValue(page)).toBe('')
  expect(await ff.panelText(page, 'any')).toBe('')
  await expectNothingLeaked(page.page, BANK)
})

interface Seen {
  events: { type: string; target: string; value: string | null }[]
  notes: string[]
}
const seenBy = (where: Context): Promise<Seen> => where.evaluate(() => (window as unknown as { __seen: Seen }).__seen)
const FAST = 'otpauth://totp/Acme%20Fast:fast@example.com?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Acme%20Fast&period=10'

/** The frame of `page` at `frameUrl`, once its document (and its field) is there. */
async function frameAt(page: FirefoxUi, frameUrl: string, selector: string): Promise<Frame> {
  let frame: Frame | undefined
  await expect
    .poll(
      async () =>
        (frame = page.page.frames().find((f) => f.url() === frameUrl)) !== undefined &&
        (await frame.$(selector).catch(() => null)) !== null,
      { message: `the frame at ${frameUrl}`, timeout: 15_000 },
    )
    .toBe(true)
  return frame as Frame
}
const frameValue = (frame: Frame, selector: string) => frame.$eval(selector, (e) => (e as HTMLInputElement).value)

test('a field swapped or a frame moved under the pointer right before the fill gets nothing', async ({ ff, popup, site }) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], BANK)
  const widgetUrl = url(site, 'ads.evil.test', 'widget.html')
  const page = await ff.newPage(url(site, 'login.example.com', 'sign-in.html', { frame: widgetUrl, trap: 'move' }))
  const widget = await frameAt(page, widgetUrl, '#code')
  await expect.poll(() => ff.fieldButtons(page), { message: 'Keyfob’s buttons in both fields' }).toBe(2)

  // The other site's frame slides under the pointer as it reaches the bank's field; the right-click lands in it.
  const box = (await (await page.page.$('#otp'))!.boundingBox())!
  const aim = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  await page.page.mouse.move(aim.x, aim.y, { steps: 4 })
  await expect.poll(async () => (await seenBy(page.page)).notes).toContain('moved widget under the pointer')
  const offered = (await ff.openContextMenu(page, aim)) ?? []
  const rightClicked = (await seenBy(widget)).events.filter((e) => e.type === 'contextmenu')
  expect(rightClicked, 'the right-click landed in the widget').toHaveLength(1)
  expect(
    (await seenBy(page.page)).events.filter((e) => e.type === 'contextmenu'),
    'not on the bank’s field',
  ).toEqual([])
  // The browser's menu is the widget's: it offers "Fill two-factor code" only when the pointer is on the widget's own field.
  if (rightClicked[0]!.target === 'code') {
    expect(offered).toContain('keyfob-fill')
    expect(await ff.chooseMenuItem('keyfob-fill')).toBe('ok')
    await expect.poll(() => ff.panelText(page), { timeout: 10_000 }).toContain('No Keyfob account is bound to evil.test')
  } else {
    expect(offered).not.toContain('keyfob-fill')
    await ff.closeContextMenu()
  }
  // And a click where Keyfob's button was in the bank's field, with the frame already over it.
  await page.page.mouse.click(box.x + box.width - 14, box.y + box.height / 2)
  await expect.poll(async () => (await seenBy(widget)).events.some((e) => e.type === 'focusin' || e.type === 'contextmenu')).toBe(true)
  await new Promise((r) => setTimeout(r, 800)) // a fill would have happened by now: nothing to wait for
  expect(await frameValue(widget, '#code')).toBe('')
  expect(await fieldValue(page)).toBe('')
  expect(await ff.panelText(page)).not.toContain('Acme')
  await expectNothingLeaked(widget, BANK)

  // The right-clicked field is hidden and an invisible one put in its place: nothing is filled at all.
  await page.page.goto(url(site, 'login.example.com', 'sign-in.html', { trap: 'swap' }))
  const menu = await ff.openContextMenu(page, { selector: '#otp' })
  expect((await seenBy(page.page)).notes).toContain('swapped the field for an invisible one')
  if (menu) {
    await ff.chooseMenuItem('keyfob-fill')
    await expect.poll(() => ff.panelText(page), { timeout: 10_000 }).toContain('Keyfob found no one-time-code field here.')
  }
  // (Firefox 153 opens no menu at all for an element the page hid during its contextmenu event.)
  // The shortcut, with the invisible field in place: nothing is filled either.
  await ff.shortcut(page, 'Alt+Shift+F')
  await expect.poll(() => ff.panelText(page), { timeout: 10_000 }).toContain('Keyfob found no one-time-code field here.')
  expect(await fieldValue(page, '#swapped-in')).toBe('')
  expect(await fieldValue(page)).toBe('')
  await expectNothingLeaked(page.page, BANK)
})

test('a frame that navigates to another site while a fill waits gets nothing', async ({ ff, popup, site }) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], FAST)
  const page = await ff.newPage(url(site, 'login.example.com', 'sign-in.html'))
  await page.page.waitForFunction(() => document.readyState === 'complete')
  // Both fills in one 10-second window: start just after a boundary.
  await new Promise((r) => setTimeout(r, 10_000 - (Date.now() % 10_000) + 200))
  await ff.contextMenu(page, { selector: '#otp' }, 'keyfob-fill')
  await expect.poll(() => fieldValue(page)).toMatch(/^\d{6}$/)
  // The same code again would be a replay: Keyfob waits for the next one (up to 10 s here)…
  await ff.contextMenu(page, { selector: '#otp' }, 'keyfob-fill')
  await expect.poll(() => ff.panelText(page), { timeout: 10_000 }).toContain('already used on this site')
  // …while the tab goes to another site (same tab, same top frame).
  await page.page.goto(url(site, 'example.com.evil.test', 'sign-in.html'))
  // Past the next period boundary, when the waiting fill is sent.
  await new Promise((r) => setTimeout(r, 10_000 - (Date.now() % 10_000) + 2_000))
  expect(await fieldValue(page)).toBe('')
  expect(await ff.panelText(page)).not.toContain('Acme')
  await expectNothingLeaked(page.page, FAST)
})

test('the bank framed invisibly over a decoy is not filled by a click or the menu; it fills only after the popup names both sites, and never submits', async ({
  ff,
  popup,
  site,
}) => {
  // Firefox has no IntersectionObserver v2 (src/content/frame-visible.ts): Keyfob cannot tell that the frame is
  // invisible, so the click on the decoy does reach Keyfob's button in it. What holds is the cross-site rule: a
  // bound site inside another site's page is filled only once the person confirms in the popup, which names both.
  test.setTimeout(150_000)
  await setUpBound(popup, ['example.com'], BANK)
  await popupRequest(popup, 'updateSettings', { autoSubmit: true })
  const bankUrl = url(site, 'login.example.com', 'sign-in.html')
  const page = await ff.newPage(url(site, 'prize.test', 'prize.html', { frame: bankUrl }))
  const bank = await frameAt(page, bankUrl, '#otp')
  await expect.poll(() => ff.fieldButtons(page), { message: 'Keyfob’s button in the bank’s field' }).toBe(1)
  // The attacker knows the bank's layout: its decoy sits exactly where Keyfob's button is in the invisible frame.
  const frameBox = (await (await page.page.$('#bank'))!.boundingBox())!
  const fieldBox = await bank.$eval('#otp', (e) => {
    const r = e.getBoundingClientRect()
    return { x: r.left, y: r.top, width: r.width, height: r.height }
  })
  const at = { x: frameBox.x + fieldBox.x + fieldBox.width - 14, y: frameBox.y + fieldBox.y + fieldBox.height / 2 }
  await page.page.evaluate(
    ({ x, y }) => Object.assign(document.getElementById('decoy')!.style, { left: `${x - 160}px`, top: `${y - 45}px` }),
    at,
  )
  expect(
    await page.page.evaluate(({ x, y }) => {
      const r = document.getElementById('decoy')!.getBoundingClientRect()
      return x > r.left && x < r.right && y > r.top && y < r.bottom
    }, at),
  ).toBe(true)

  // 1. A real click on "Claim your prize": it reaches Keyfob's button in the frame, which fills nothing and says why in the frame.
  await page.page.mouse.click(at.x, at.y)
  await expect.poll(() => ff.panelText(page), { timeout: 15_000 }).toContain('this example.com sign-in form is inside a page of prize.test')
  expect(await frameValue(bank, '#otp'), 'after a click on the decoy').toBe('')
  // 2. Right-click on the bank's field (under the decoy too), "Fill two-factor code" in the browser's menu: the same.
  await ff.contextMenu(page, { selector: '#otp', frame: '#bank' }, 'keyfob-fill')
  await expect
    .poll(async () => (await ff.panelText(page)).split('inside a page of prize.test').length - 1, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1)
  await new Promise((r) => setTimeout(r, 500)) // a fill would have happened by now
  expect(await frameValue(bank, '#otp'), 'after the menu fill').toBe('')
  expect((await seenBy(bank)).events.filter((e) => e.type === 'submit' || e.value)).toEqual([])
  // Said inside the bank's frame only: the prize page must not learn that an account is bound to the bank.
  expect(await ff.panelText(page, 'any', { frames: false })).toBe('')
  await expectNothingLeaked(page.page, BANK)

  // The popup over that tab names both sites and the account; the person confirms there: filled, not submitted.
  await page.page.bringToFront()
  await popup.reload()
  const ask = popup.role('alertdialog', /inside a page of prize\.test/)
  await expect
    .poll(async () => (await ask.allTexts()).join(' '), { timeout: 15_000 })
    .toMatch(/example\.com’s sign-in form is inside a page of prize\.test.*Keyfob will not submit the form/)
  await popup.role('button', 'Fill Acme Bank').click()
  await expect.poll(() => frameValue(bank, '#otp'), { timeout: 15_000 }).toMatch(/^\d{6}$/)
  expect(await codesNow(BANK)).toContain(await frameValue(bank, '#otp'))
  await new Promise((r) => setTimeout(r, 500))
  expect(
    (await seenBy(bank)).events.filter((e) => e.type === 'submit'),
    'auto-submit is on, but not in a framed form',
  ).toEqual([])
  await expectNothingLeaked(page.page, BANK)

  // The same page framing the bank openly: again only after the popup's confirmation, and never submitted.
  await page.page.goto(url(site, 'prize.test', 'prize.html', { frame: bankUrl, visible: '1' }))
  const shown = await frameAt(page, bankUrl, '#otp')
  await ff.contextMenu(page, { selector: '#otp', frame: '#bank' }, 'keyfob-fill')
  await expect.poll(() => ff.panelText(page), { timeout: 15_000 }).toContain('inside a page of prize.test')
  expect(await frameValue(shown, '#otp')).toBe('')
  await popup.reload()
  await popup.role('button', 'Fill Acme Bank').click()
  // The code filled a moment ago is not filled twice: this may wait for the next one (up to 30 s).
  await expect.poll(() => frameValue(shown, '#otp'), { timeout: 45_000 }).toMatch(/^\d{6}$/)
  expect(await codesNow(BANK)).toContain(await frameValue(shown, '#otp'))
  await new Promise((r) => setTimeout(r, 500))
  expect((await seenBy(shown)).events.filter((e) => e.type === 'submit')).toEqual([])
  await expectNothingLeaked(page.page, BANK)
})
