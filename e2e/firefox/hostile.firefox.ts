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
const everything = (where: Context): Promise<string> => where.evaluate(() => (window as unknown as { __everything: () => string }).__everything())
async function expectNothingLeaked(where: Context, ...uris: string[]): Promise<void> {
  const seen = await everything(where)
  expect((await secretsOf(...uris)).filter((s) => seen.includes(s)), `what ${where.url()} saw`).toEqual([])
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
  for (const host of ['example.com.evil.test', 'login.example.com.evil.test', 'examp1e.test', 'example-com.test', 'xn--exmple-cua.test', 'example.test']) {
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
  await expect.poll(async () => (widget = page.page.frames().find((f) => f.url() === widgetUrl)) !== undefined && (await widget.$('#code')) !== null).toBe(true)
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
  expect((await widget!.evaluate(() => (window as unknown as { __seen: { events: { value: string | null }[] } }).__seen)).events.filter((e) => e.value)).toEqual([])
})

test('invisible and zero-size fields are never filled; invisible lures beside a real field stay empty', async ({ ff, popup, site }) => {
  await setUpBound(popup, ['example.com'], BANK)
  const page = await ff.newPage(url(site, 'login.example.com', 'hidden-only.html'))
  await ff.shortcut(page, 'Alt+Shift+F')
  await expect.poll(() => ff.panelText(page), { timeout: 10_000 }).toContain('Keyfob found no one-time-code field here.')
  expect(Object.values(await page.page.evaluate(() => (window as unknown as { __values: () => Record<string, string> }).__values()))).toEqual(Array(7).fill(''))
  await expectNothingLeaked(page.page, BANK)
  await page.page.goto(url(site, 'login.example.com', 'sign-in.html', { lures: '1' }))
  await ff.shortcut(page, 'Alt+Shift+F')
  await expect.poll(() => fieldValue(page)).toMatch(/^\d{6}$/)
  const values = await page.page.evaluate(() => (window as unknown as { __values: () => Record<string, string> }).__values())
  expect(Object.entries(values).filter(([id, v]) => id !== 'otp' && v !== '')).toEqual([])
})

test('DOM clobbering (<a id="browser">, <a id="chrome">, inputs named after form methods) does not turn Keyfob against the page', async ({ ff, popup, site }) => {
  await setUpBound(popup, ['example.com'], BANK)
  await popupRequest(popup, 'updateSettings', { autoSubmit: true })
  const page = await ff.newPage(url(site, 'login.example.com', 'clobber.html'))
  await ff.contextMenu(page, { selector: '#otp' }, 'keyfob-fill')
  await expect.poll(() => fieldValue(page)).toMatch(/^\d{6}$/)
  expect(await codesNow(BANK)).toContain(await fieldValue(page))
  await expect.poll(async () => (await page.page.evaluate(() => (window as unknown as { __seen: { events: { type: string }[] } }).__seen)).events.filter((e) => e.type === 'submit').length).toBe(1)
  const clobberers = await page.page.evaluate(() => [...Document.prototype.querySelectorAll.call(document, 'input[name]:not(#otp)')].map((i) => (i as HTMLInputElement).value))
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
    const tryIt = async (fn: () => Promise<unknown>) => fn().then((v) => ({ answer: String(v).slice(0, 200) }), (e: Error) => ({ error: e.message }))
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
