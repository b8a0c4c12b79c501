/**
 * Hostile pages: pages (and frames, and scripts on real sites) that try to get a code,
 * a secret or an account name they should not. Each page records everything it can
 * observe (e2e/pages/hostile/spy.js); each test asserts what the page saw, beside what
 * Keyfob showed. The account is bound to example.com throughout.
 */
import type { BrowserContext, Frame, Page, Worker } from '@playwright/test'
import { parseOtpauthUri } from '../src/core/uri/parse-otpauth-uri.ts'
import { attempt, contentScriptWorld } from './content-script-world.ts'
import { expect, test, type Site } from './fixtures.ts'
import { codesNow, commandFill, menuFill, panelText, popupRequest, setUpBound } from './page-helpers.ts'
import { acceptableCodes, unlock } from './vault-helpers.ts'

const BANK = 'otpauth://totp/Acme%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Bank'
const ADMIN = 'otpauth://totp/Acme%20Admin:root@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Admin'
/** A 10-second period keeps the replay wait (up to one period) short. */
const FAST = 'otpauth://totp/Acme%20Fast:fast@example.com?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Acme%20Fast&period=10'

const url = (site: Site, host: string, file: string, query: Record<string, string> = {}) =>
  `http://${host}:${site.port}/hostile/${file}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`

/** Everything that must never reach a page that is not the account's site: codes (now and either side), the secret, the names. */
async function secretsOf(...uris: string[]): Promise<string[]> {
  const out: string[] = []
  for (const uri of uris) {
    const c = parseOtpauthUri(uri)
    out.push(...(await codesNow(uri)), new URL(uri).searchParams.get('secret') as string, c.issuer, c.account)
  }
  return out.filter((s) => s.length > 0)
}

/** What the page (or frame) could read: its event log, DOM, values, title and the messages it received. */
const everything = (frame: Page | Frame): Promise<string> =>
  frame.evaluate(() => (window as unknown as { __everything: () => string }).__everything())

async function expectNothingLeaked(frame: Page | Frame, ...uris: string[]): Promise<void> {
  const seen = await everything(frame)
  expect(
    (await secretsOf(...uris)).filter((s) => seen.includes(s)),
    `what ${frame.url()} saw`,
  ).toEqual([])
}

interface Seen {
  events: { type: string; target: string; value: string | null }[]
  notes: string[]
}
const seenBy = (frame: Page | Frame): Promise<Seen> => frame.evaluate(() => (window as unknown as { __seen: Seen }).__seen)

/** Records the sender of every message that reaches the worker from a tab (a listener beside Keyfob's own). */
async function recordSenders(sw: Worker): Promise<void> {
  await sw.evaluate(() => {
    const g = self as unknown as { __senders?: { frameId?: number; url?: string; type?: string }[] }
    if (g.__senders) return
    const senders: { frameId?: number; url?: string; type?: string }[] = []
    g.__senders = senders
    chrome.runtime.onMessage.addListener((m: { type?: string } | undefined, s) => {
      if (s.tab) senders.push({ frameId: s.frameId, url: s.url, type: m?.type })
    })
  })
}
const senders = (sw: Worker) =>
  sw.evaluate(() => (self as unknown as { __senders: { frameId: number; url: string; type: string }[] }).__senders)

/** The extension frame id of the frame at `prefix`, from its content script's first message (sent once it finds a code field). */
async function frameIdOf(sw: Worker, prefix: string): Promise<number> {
  let id: number | undefined
  await expect
    .poll(async () => (id = (await senders(sw)).find((s) => s.url.startsWith(prefix))?.frameId), { message: `no message from ${prefix}` })
    .toBeDefined()
  return id as number
}

/** Clicks Keyfob's button at the right edge of `box` (where field-button.ts draws it) like a person, with the mouse. */
async function clickFieldButton(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<void> {
  await page.mouse.click(box.x + box.width - 14, box.y + box.height / 2)
}

const notice = (context: BrowserContext, page: Page | Frame) => expect.poll(() => panelText(context, page), { timeout: 10_000 })

test('look-alike sites get no code and no names, whatever the trigger', async ({ context, popup, sw, site }) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], BANK)
  const page = await context.newPage()
  // A sub-domain of another site, digit for letter, a hyphen, an IDN homograph (exämple), another registrable domain.
  for (const host of [
    'example.com.evil.test',
    'login.example.com.evil.test',
    'examp1e.test',
    'example-com.test',
    'xn--exmple-cua.test',
    'example.test',
  ]) {
    await page.goto(url(site, host, 'sign-in.html'))
    const field = page.locator('#otp')
    // 1. Right-click, "Fill two-factor code".
    await field.click({ button: 'right' })
    await menuFill(page, sw)
    await notice(context, page).toContain('No Keyfob account is bound to')
    // 2. Alt+Shift+F.
    await commandFill(page, sw)
    // 3. Keyfob's button in the field (a real click).
    await page.waitForTimeout(300)
    await clickFieldButton(page, (await field.boundingBox())!)
    await page.waitForTimeout(500)
    expect(await field.inputValue(), host).toBe('')
    // The notice names the site, never the account; the page saw nothing of either.
    expect(await panelText(context, page)).not.toContain('Acme')
    await expectNothingLeaked(page, BANK)
  }
  // 4. From the popup: it names the site and waits for a go-ahead, which a page cannot give.
  await page.goto(url(site, 'example.com.evil.test', 'sign-in.html'))
  await page.bringToFront()
  await popup.reload()
  await popup.getByRole('button', { name: /^Copy code .* for Acme Bank$/ }).click()
  await expect(popup.getByRole('alertdialog')).toContainText('Acme Bank is not bound to evil.test.')
  await page.waitForTimeout(500)
  expect(await page.locator('#otp').inputValue()).toBe('')
  await expectNothingLeaked(page, BANK)
})

test('another site framed into the bound site gets nothing, by menu, button or shortcut', async ({ context, popup, sw, site }) => {
  await setUpBound(popup, ['example.com'], BANK)
  await recordSenders(sw)
  const page = await context.newPage()
  const widgetUrl = url(site, 'ads.evil.test', 'widget.html')
  await page.goto(url(site, 'login.example.com', 'sign-in.html', { frame: widgetUrl }))
  const widgetField = page.frameLocator('#widget').locator('#code')
  await expect(widgetField).toBeVisible()
  const widget = page.frames().find((f) => f.url() === widgetUrl) as Frame
  const frameId = await frameIdOf(sw, widgetUrl)

  // The menu on the widget's field: matched on the widget's own site.
  await widgetField.click({ button: 'right' })
  await menuFill(page, sw, { frameId, url: widgetUrl })
  // Keyfob's button in the widget's field (it lives in the frame's own process, so: where it is drawn).
  await page.waitForTimeout(300)
  await clickFieldButton(page, (await widgetField.boundingBox())!)
  // The shortcut with the widget's field focused fills the bound top frame, never the widget.
  await widgetField.focus()
  await commandFill(page, sw)
  await expect.poll(() => page.locator('#otp').inputValue()).toMatch(/^\d{6}$/)
  expect(await codesNow(BANK)).toContain(await page.locator('#otp').inputValue())

  expect(await widgetField.inputValue()).toBe('')
  await expectNothingLeaked(widget, BANK)
  // Messages the top page passed on reach the widget only if the page chooses: here, none did.
  expect((await seenBy(widget)).events.filter((e) => e.value)).toEqual([])
})

test('invisible and zero-size fields are never filled; invisible lures beside a real field stay empty', async ({
  context,
  popup,
  sw,
  site,
}) => {
  await setUpBound(popup, ['example.com'], BANK)
  const page = await context.newPage()
  await page.goto(url(site, 'login.example.com', 'hidden-only.html'))
  await menuFill(page, sw)
  await notice(context, page).toContain('Keyfob found no one-time-code field here.')
  await commandFill(page, sw)
  await page.waitForTimeout(500)
  expect(Object.values(await page.evaluate(() => (window as unknown as { __values: () => Record<string, string> }).__values()))).toEqual(
    Array(7).fill(''),
  )
  await expectNothingLeaked(page, BANK)

  // Seven invisible fields with stronger hints than the visible one: the shortcut (no right-clicked field) fills the visible one.
  await page.goto(url(site, 'login.example.com', 'sign-in.html', { lures: '1' }))
  await commandFill(page, sw)
  await expect.poll(() => page.locator('#otp').inputValue()).toMatch(/^\d{6}$/)
  const values = await page.evaluate(() => (window as unknown as { __values: () => Record<string, string> }).__values())
  expect(Object.entries(values).filter(([id, v]) => id !== 'otp' && v !== '')).toEqual([])
  const { events } = await seenBy(page)
  expect(new Set(events.filter((e) => e.value).map((e) => e.target))).toEqual(new Set(['otp']))
})

test('a field swapped or a frame moved under the pointer right before the fill gets nothing', async ({ context, popup, sw, site }) => {
  await setUpBound(popup, ['example.com'], BANK)
  await recordSenders(sw)
  const page = await context.newPage()

  // The other site's frame slides under the pointer as it reaches the bank's field.
  const widgetUrl = url(site, 'ads.evil.test', 'widget.html')
  await page.goto(url(site, 'login.example.com', 'sign-in.html', { frame: widgetUrl, trap: 'move' }))
  const widget = page.frames().find((f) => f.url() === widgetUrl) as Frame
  await expect(page.frameLocator('#widget').locator('#code')).toBeVisible()
  const frameId = await frameIdOf(sw, widgetUrl)
  const box = (await page.locator('#otp').boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 })
  expect((await seenBy(page)).notes).toContain('moved widget under the pointer')
  // The browser hit-tests a cross-site frame on what was last painted: let the move reach the screen, as it
  // would before any person's click (without this the click landed on the old layout about one run in 12).
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' })
  // The right-click landed in the widget (its process records it a moment after the click returns), so the
  // browser's menu is the widget frame's.
  await expect
    .poll(async () => (await seenBy(widget)).events.some((e) => e.type === 'contextmenu'), { message: 'the trap caught the right-click' })
    .toBe(true)
  await menuFill(page, sw, { frameId, url: widgetUrl })
  // And Keyfob's button, with the frame already over it.
  await clickFieldButton(page, box)
  await page.waitForTimeout(800)
  expect(await page.frameLocator('#widget').locator('#code').inputValue()).toBe('')
  await expectNothingLeaked(widget, BANK)

  // The right-clicked field is hidden and an invisible one put in its place: nothing is filled at all.
  await page.goto(url(site, 'login.example.com', 'sign-in.html', { trap: 'swap' }))
  await page.locator('#otp').click({ button: 'right' })
  expect((await seenBy(page)).notes).toContain('swapped the field for an invisible one')
  await menuFill(page, sw)
  await notice(context, page).toContain('Keyfob found no one-time-code field here.')
  expect(await page.locator('#swapped-in').inputValue()).toBe('')
  expect(await page.locator('#otp').inputValue()).toBe('')
  await expectNothingLeaked(page, BANK)
})

test('a frame that navigates to another site while a fill waits gets nothing', async ({ context, popup, sw, site }) => {
  test.setTimeout(90_000)
  await setUpBound(popup, ['example.com'], FAST)
  const page = await context.newPage()
  await page.goto(url(site, 'login.example.com', 'sign-in.html'))
  // Both fills in one 10-second window: start just after a boundary.
  await page.waitForTimeout(10_000 - (Date.now() % 10_000) + 200)
  await page.locator('#otp').click({ button: 'right' })
  await menuFill(page, sw)
  await expect.poll(() => page.locator('#otp').inputValue()).toMatch(/^\d{6}$/)
  // The same code again would be a replay: Keyfob waits for the next one (up to 10 s here)…
  await page.locator('#otp').click({ button: 'right' })
  await menuFill(page, sw)
  await notice(context, page).toContain('already used on this site')
  // …while the tab goes to another site (same tab, same frame id).
  await page.goto(url(site, 'example.com.evil.test', 'sign-in.html'))
  // Past the next period boundary, when the waiting fill is sent.
  await page.waitForTimeout(10_000 - (Date.now() % 10_000) + 2_000)
  expect(await page.locator('#otp').inputValue()).toBe('')
  await expectNothingLeaked(page, FAST)
})

test('spoofed postMessage traffic and synthetic events make Keyfob do nothing', async ({ context, popup, sw, site, extensionId }) => {
  await setUpBound(popup, ['example.com'], BANK, ADMIN)
  await recordSenders(sw)
  const page = await context.newPage()
  await page.goto(url(site, 'login.example.com', 'messages.html'))
  await expect.poll(async () => (await senders(sw)).length).toBeGreaterThan(0) // the content script asked about its button
  const before = (await senders(sw)).length
  await page.evaluate((id) => (window as unknown as { attack: (id: string) => Promise<unknown> }).attack(id), extensionId)
  await page.waitForTimeout(1000)
  // Not one request reached the worker because of it, no panel opened, no field was filled.
  expect((await senders(sw)).slice(before)).toEqual([])
  expect(await panelText(context, page, () => true)).toBe('')
  expect(await page.locator('#otp').inputValue()).toBe('')
  // The page saw only its own messages echoed back: none came from Keyfob.
  const seen = JSON.parse(await everything(page)) as { seen: { messages: { origin: string }[] } }
  expect(seen.seen.messages.every((m) => m.origin === new URL(page.url()).origin)).toBe(true)
  await expectNothingLeaked(page, BANK, ADMIN)
})

test('a page cannot message Keyfob or load its pages, even knowing its id', async ({ context, popup, sw, site, extensionId }) => {
  await setUpBound(popup, ['example.com'], BANK)
  await recordSenders(sw)
  const page = await context.newPage()
  await page.goto(url(site, 'login.example.com', 'messages.html'))
  await expect.poll(async () => (await senders(sw)).length).toBeGreaterThan(0)
  const before = (await senders(sw)).length
  const results = (await page.evaluate(
    (id) => (window as unknown as { attack: (id: string) => Promise<unknown> }).attack(id),
    extensionId,
  )) as Record<string, { error?: string; answer?: string } | string>
  // No externally_connectable: the page has no chrome.runtime at all.
  expect(results.chromeRuntime).not.toBe('object')
  expect(results.sendMessage).toEqual({ error: 'chrome.runtime.sendMessage is not available to this page' })
  expect(results.connect).toEqual({ error: 'chrome.runtime.connect is not available to this page' })
  // No web-accessible resources: fetches fail, and a framed popup is never readable.
  expect(results.fetchManifest).toHaveProperty('error')
  expect(results.fetchPopup).toHaveProperty('error')
  expect(JSON.stringify(results.framePopup)).not.toContain('Accounts')
  expect((await senders(sw)).slice(before)).toEqual([])
  expect(JSON.stringify(results)).not.toContain('manifest_version')
  await expectNothingLeaked(page, BANK)
})

test('DOM clobbering does not turn Keyfob against the page or stop it', async ({ context, popup, sw, site }) => {
  await setUpBound(popup, ['example.com'], BANK)
  await popupRequest(popup, 'updateSettings', { autoSubmit: true })
  const page = await context.newPage()
  // <a id="browser">, <a id="chrome">, named images, and inputs named requestSubmit, elements, action, id… in the form.
  await page.goto(url(site, 'login.example.com', 'clobber.html'))
  await page.locator('#otp').click({ button: 'right' })
  await menuFill(page, sw)
  await expect.poll(() => page.locator('#otp').inputValue()).toMatch(/^\d{6}$/)
  expect(await codesNow(BANK)).toContain(await page.locator('#otp').inputValue())
  // Auto-submit used the form's real requestSubmit, not the input named after it; nothing else was written.
  await expect.poll(async () => (await seenBy(page)).events.filter((e) => e.type === 'submit').length).toBe(1)
  // (The page clobbered its own document.querySelectorAll too: read through the prototype.)
  const clobberers = await page.evaluate(() =>
    [...Document.prototype.querySelectorAll.call(document, 'input[name]:not(#otp)')].map((i) => (i as HTMLInputElement).value),
  )
  expect(clobberers).toEqual(Array(clobberers.length).fill('clobbered'))
  expect(clobberers.length).toBe(8)
  expect(await panelText(context, page, () => true)).not.toMatch(/not a function|Something went wrong/)
  // And a look-alike page with the same clobbering still gets nothing.
  await page.goto(url(site, 'example.com.evil.test', 'clobber.html'))
  await page.locator('#otp').click({ button: 'right' })
  await menuFill(page, sw)
  await notice(context, page).toContain('No Keyfob account is bound to evil.test')
  expect(await page.locator('#otp').inputValue()).toBe('')
  await expectNothingLeaked(page, BANK)
})

test('the content script’s own context cannot read storage.session or storage.local, and is refused popup requests', async ({
  context,
  popup,
  sw,
  site,
  extensionId,
}) => {
  await setUpBound(popup, ['example.com'], BANK)
  await popupRequest(popup, 'addAccounts', { text: ADMIN })
  // One fill on the bound site first, so that everything a fill stores (the clock check among it) is there.
  const bank = await context.newPage()
  await bank.goto(url(site, 'login.example.com', 'sign-in.html'))
  await bank.locator('#otp').click({ button: 'right' })
  await menuFill(bank, sw)
  await expect.poll(() => bank.locator('#otp').inputValue()).toMatch(/^\d{6}$/)
  const page = await context.newPage()
  // A look-alike page: the worst case, a compromised renderer running code in Keyfob's content-script world.
  const { inContentScript, detach } = await contentScriptWorld(
    context,
    page,
    extensionId,
    url(site, 'example.com.evil.test', 'sign-in.html'),
  )
  // The session key lives in storage.session, open to the extension's own pages and worker only.
  expect(await inContentScript(attempt('chrome.storage.session.get(null)'))).toBe(
    'refused: Access to storage is not allowed from this context.',
  )
  expect(await inContentScript(attempt(`chrome.storage.session.set({ x: 1 })`))).toMatch(/^refused: /)
  // storage.local too: Keyfob closes it to content scripts when its worker starts (it holds only ciphertext and settings anyway).
  expect(await inContentScript(attempt('chrome.storage.local.get(null)'))).toBe(
    'refused: Access to storage is not allowed from this context.',
  )
  // Popup requests are refused by sender, whatever the message says.
  for (const [type, input] of [
    ['listAccounts', {}],
    ['exportVault', { format: 'otpauth', password: 'x' }],
    ['accountQr', { id: 'x', password: 'x' }],
    ['getStatus', {}],
    ['lock', {}],
  ] as const) {
    const reply = await inContentScript(attempt(`chrome.runtime.sendMessage(${JSON.stringify({ channel: 'popup', type, input })})`))
    expect(reply, type).toContain('"code":"FORBIDDEN_SENDER"')
  }
  // A forged answer to a picker it never showed gets no code: nothing filled, and the failure said in the frame
  // (a page trigger's failures are notices there, never errors handed back).
  const forged = await inContentScript(
    attempt(`chrome.runtime.sendMessage({ channel: 'content', type: 'fillChosen', input: { choiceId: 'forged-choice-id', index: 0 } })`),
  )
  expect(forged).toContain('{"ok":true,"value":{"filled":false}}')
  expect((await secretsOf(BANK, ADMIN)).filter((s) => forged.includes(s))).toEqual([])
  await notice(context, page).toMatch(/\w/)
  expect(await page.locator('#otp').inputValue()).toBe('')
  // Asking to fill here is matched on this frame's own site: nothing.
  await inContentScript(attempt(`chrome.runtime.sendMessage({ channel: 'content', type: 'fillRequest', input: {} })`))
  await notice(context, page).toContain('No Keyfob account is bound to evil.test')
  expect(await page.locator('#otp').inputValue()).toBe('')
  await expectNothingLeaked(page, BANK, ADMIN)
  await detach()
})

test('the content script’s world cannot write storage.local: forged settings and a forged throttle change nothing', async ({
  context,
  popup,
  sw,
  site,
  extensionId,
}) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], BANK)
  const page = await context.newPage()
  const { inContentScript, detach } = await contentScriptWorld(
    context,
    page,
    extensionId,
    url(site, 'example.com.evil.test', 'sign-in.html'),
  )
  // What the security review wrote from here into storage.local, and the worker then used.
  const forged = {
    settings: { autoSubmit: true, autoLockMinutes: 0, clipboardClearSeconds: 0, hideCodes: false, clockCorrectionMs: 3_600_000 },
    throttle: { failures: 12, lastFailureAt: Date.now() },
  }
  // Soft: on a browser that let the write through, the behaviour checks below still run and show what it did.
  expect
    .soft(await inContentScript(attempt(`chrome.storage.local.set(${JSON.stringify(forged)})`)))
    .toBe('refused: Access to storage is not allowed from this context.')
  await detach()

  // Auto-lock still armed: any settings change re-arms it from the settings Keyfob trusts.
  await popupRequest(popup, 'updateSettings', { theme: 'dark' })
  expect.soft(await sw.evaluate(async () => (await chrome.alarms.get('keyfob-auto-lock')) !== undefined), 'auto-lock alarm').toBe(true)
  // Codes are for the real time, not an hour ahead.
  await popup.reload()
  const code = popup.getByRole('button', { name: /^Copy code .* for Acme Bank$/ })
  await expect(code).toBeVisible({ timeout: 15_000 })
  expect.soft(await acceptableCodes(BANK), 'code shown').toContain((await code.textContent())?.trim())
  // Filling on the bound site does not submit the form.
  const bank = await context.newPage()
  await bank.goto(url(site, 'login.example.com', 'sign-in.html'))
  await bank.locator('#otp').click({ button: 'right' })
  await menuFill(bank, sw)
  await expect.poll(() => bank.locator('#otp').inputValue()).toMatch(/^\d{6}$/)
  await bank.waitForTimeout(500)
  expect
    .soft(
      (await seenBy(bank)).events.filter((e) => e.type === 'submit'),
      'submits',
    )
    .toEqual([])
  // The right password still unlocks at once: no forged lock-out.
  await popupRequest(popup, 'lock', {})
  await popup.reload()
  await expect(popup.getByRole('button', { name: 'Unlock' }), 'unlock not throttled').toBeEnabled({ timeout: 15_000 })
  await unlock(popup)
  await expect(popup.getByRole('heading', { name: 'Accounts' })).toBeVisible({ timeout: 30_000 })
})

test('the bank framed invisibly over a decoy gets no code from a click or the menu; a cross-site frame fills only after the popup names both sites, and never submits', async ({
  context,
  popup,
  sw,
  site,
}) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], BANK)
  await popupRequest(popup, 'updateSettings', { autoSubmit: true })
  await recordSenders(sw)
  const page = await context.newPage()
  const bankUrl = url(site, 'login.example.com', 'sign-in.html')
  await page.goto(url(site, 'prize.test', 'prize.html', { frame: bankUrl }))
  const bankField = page.frameLocator('#bank').locator('#otp')
  const frameId = await frameIdOf(sw, bankUrl) // the frame's content script found the field and drew its button
  const bank = page.frames().find((f) => f.url() === bankUrl) as Frame
  // The attacker knows the bank's layout: its decoy sits exactly where Keyfob's button is in the invisible frame.
  const box = (await bankField.boundingBox())!
  const at = { x: box.x + box.width - 14, y: box.y + box.height / 2 }
  await page.evaluate(
    ({ x, y }) => Object.assign(document.getElementById('decoy')!.style, { left: `${x - 160}px`, top: `${y - 45}px` }),
    at,
  )
  expect(
    await page.evaluate(({ x, y }) => {
      const r = document.getElementById('decoy')!.getBoundingClientRect()
      return x > r.left && x < r.right && y > r.top && y < r.bottom
    }, at),
  ).toBe(true)

  // 1. A real click on "Claim your prize".
  await page.waitForTimeout(300)
  await page.mouse.click(at.x, at.y)
  await page.waitForTimeout(1500)
  expect(await bankField.inputValue(), 'after a click on the decoy').toBe('')
  // 2. "Fill two-factor code" aimed at the invisible frame.
  await menuFill(page, sw, { frameId, url: bankUrl })
  await page.waitForTimeout(1500)
  expect(await bankField.inputValue(), 'after the menu fill').toBe('')
  expect((await seenBy(bank)).events.filter((e) => e.type === 'submit' || e.value)).toEqual([])
  // Said inside the bank's frame: the prize page must not learn that an account is bound to the bank.
  await notice(context, bank).toContain('inside a page of prize.test')
  expect(await panelText(context, page, () => true)).toBe('')

  // The popup over that tab names both sites; confirming does not fill a frame the person cannot see.
  await page.bringToFront()
  await popup.reload()
  const ask = popup.getByRole('alertdialog', { name: /inside a page of prize\.test/ })
  await expect(ask).toContainText('example.com', { timeout: 15_000 })
  await ask.getByRole('button', { name: 'Fill Acme Bank' }).click()
  await expect(popup.getByRole('alert')).toContainText('not fully visible', { timeout: 10_000 })
  expect(await bankField.inputValue()).toBe('')

  // The same page framing the bank openly: still only after the popup's confirmation, and never submitted.
  await page.goto(url(site, 'prize.test', 'prize.html', { frame: bankUrl, visible: '1' }))
  await expect(bankField).toBeVisible()
  const visibleFrameId = await expect
    .poll(async () => (await senders(sw)).filter((s) => s.url === bankUrl).at(-1)?.frameId)
    .toBeDefined()
    .then(async () => (await senders(sw)).filter((s) => s.url === bankUrl).at(-1)!.frameId)
  await bankField.click({ button: 'right' })
  await menuFill(page, sw, { frameId: visibleFrameId, url: bankUrl })
  await notice(context, page.frames().find((f) => f.url() === bankUrl) as Frame).toContain('inside a page of prize.test')
  expect(await bankField.inputValue()).toBe('')
  await popup.reload()
  await popup
    .getByRole('alertdialog', { name: /inside a page of prize\.test/ })
    .getByRole('button', { name: 'Fill Acme Bank' })
    .click({ timeout: 15_000 })
  await expect.poll(() => bankField.inputValue(), { timeout: 10_000 }).toMatch(/^\d{6}$/)
  expect(await codesNow(BANK)).toContain(await bankField.inputValue())
  await page.waitForTimeout(500)
  const visibleBank = page.frames().find((f) => f.url() === bankUrl) as Frame
  expect((await seenBy(visibleBank)).events.filter((e) => e.type === 'submit')).toEqual([]) // auto-submit is on, but not here
  await expectNothingLeaked(page, BANK)
})

test('a bound site framed visibly but covered by a click-through picture, or tilted, gets no code from its button; the popup’s go-ahead is refused while the frame is not fully visible', async ({
  context,
  popup,
  sw,
  site,
}) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], BANK)
  await recordSenders(sw)
  const page = await context.newPage()
  const bankUrl = url(site, 'login.example.com', 'sign-in.html')
  for (const trick of ['cover', 'tilt'] as const) {
    await page.goto(url(site, 'prize.test', 'prize.html', { frame: bankUrl, [trick]: '1' }))
    const bankField = page.frameLocator('#bank').locator('#otp')
    await expect(bankField).toBeVisible()
    await expect
      .poll(async () => (await senders(sw)).filter((s) => s.url === bankUrl).length, {
        message: 'the bank frame’s content script found its field',
      })
      .toBeGreaterThan(0)
    const frameId = (await senders(sw)).filter((s) => s.url === bankUrl).at(-1)!.frameId
    const bank = page.frames().find((f) => f.url() === bankUrl) as Frame
    const before = (await senders(sw)).filter((s) => s.type === 'fillRequest').length
    // A real click where Keyfob's button is: through the picture (pointer-events: none), onto the button.
    const box = (await bankField.boundingBox())!
    await page.waitForTimeout(300)
    await page.mouse.click(box.x + box.width - 14, box.y + box.height / 2)
    await page.waitForTimeout(1500)
    expect(
      (await senders(sw)).filter((s) => s.type === 'fillRequest').length,
      `${trick}: the button ignores a click into a frame the person cannot fully see`,
    ).toBe(before)
    expect(await bankField.inputValue()).toBe('')
    // The menu asks the popup; the go-ahead there is refused while the frame is covered or tilted.
    await menuFill(page, sw, { frameId, url: bankUrl })
    await notice(context, bank).toContain('inside a page of prize.test')
    await page.bringToFront()
    await popup.reload()
    await popup
      .getByRole('alertdialog', { name: /inside a page of prize\.test/ })
      .getByRole('button', { name: 'Fill Acme Bank' })
      .click({ timeout: 15_000 })
    await expect(popup.getByRole('alert')).toContainText('not fully visible', { timeout: 10_000 })
    expect(await bankField.inputValue(), trick).toBe('')
    await expectNothingLeaked(bank, BANK)
  }
})
