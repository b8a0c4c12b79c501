/**
 * Keyfob's field button and panels on pages that use the top layer or the highest z-index: a modal
 * <dialog> (opened at load, or later by a button), a fullscreen element, and a z-index 2147483647
 * overlay. A person must be able to find, reach and click them: they are in the accessibility tree
 * (not made inert by the dialog), hit-testing at the button's centre reaches Keyfob's host, a real
 * click fills, and the "Keyfob is locked…" notice closes with a click.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test, type Site } from './fixtures.ts'
import { codesNow, commandFill, panelText, popupRequest, setUpBound } from './page-helpers.ts'

const ACME = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const OTHER = 'otpauth://totp/Acme%20Admin:root@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Admin'
const FILL = 'Fill two-factor code'

const pageUrl = (site: Site, file: string) => `http://login.example.com:${site.port}/top-layer/${file}`

interface Box {
  x: number
  y: number
  width: number
  height: number
}

/**
 * The border box of the one node with `role` and `name` that the accessibility tree exposes (an inert
 * node is left out of it), or null. Keyfob's UI lives in closed shadow roots: the browser's own tree
 * is how a screen reader, and this test, find it.
 */
async function exposed(page: Page, role: string, name: string | RegExp): Promise<Box | null> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree')
    const named = (v: unknown) => (typeof name === 'string' ? v === name : name.test(String(v)))
    const found = nodes.filter((n) => !n.ignored && n.role?.value === role && named(n.name?.value))
    if (found.length !== 1 || found[0]?.backendDOMNodeId === undefined) return null
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: found[0].backendDOMNodeId })
    const [x1, y1, , , x3, y3] = model.border
    return { x: x1 as number, y: y1 as number, width: (x3 as number) - (x1 as number), height: (y3 as number) - (y1 as number) }
  } finally {
    await cdp.detach()
  }
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 })

/** What hit-testing finds at a point: Keyfob's host (a manual popover whose shadow root is closed), or the page's element. */
const hitAt = (page: Page, p: { x: number; y: number }) =>
  page.evaluate(({ x, y }) => {
    const el = document.elementFromPoint(x, y)
    const keyfob = el?.tagName === 'DIV' && el.id === '' && el.getAttribute('popover') === 'manual' && el.shadowRoot === null
    return keyfob ? 'keyfob' : (el?.id ?? el?.tagName ?? 'nothing')
  }, p)

/** Opens the page and does what a person does to reach its code field. */
async function open(page: Page, site: Site, file: string): Promise<void> {
  await page.goto(pageUrl(site, file))
  if (file === 'dialog-later.html') await page.getByRole('button', { name: 'Continue' }).click()
  if (file === 'fullscreen.html') {
    await page.getByRole('button', { name: 'Full screen' }).click()
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? null)).toBe('stage')
  }
  await expect(page.getByRole('textbox', { name: 'Authentication code' })).toBeVisible()
}

const PAGES = ['dialog-modal.html', 'dialog-later.html', 'fullscreen.html', 'overlay.html']

for (const file of PAGES) {
  test(`${file}: the field button is exposed, reached by a real click and fills; the locked notice closes with a click`, async ({
    context,
    popup,
    site,
  }) => {
    test.setTimeout(120_000)
    await setUpBound(popup, ['example.com'], ACME)
    const page = await context.newPage()
    await open(page, site, file)
    const input = page.getByRole('textbox', { name: 'Authentication code' })

    const button =
      (await expect.poll(() => exposed(page, 'button', FILL), { timeout: 15_000 }).not.toBeNull(), await exposed(page, 'button', FILL))
    // Measured: 20×20, inside the field at its right edge, vertically centred.
    const field = (await input.boundingBox()) as Box
    expect(button).toMatchObject({ width: 20, height: 20 })
    expect(Math.abs(field.x + field.width - 4 - ((button as Box).x + 20))).toBeLessThan(1.5)
    expect(Math.abs(centre(field).y - centre(button as Box).y)).toBeLessThan(1.5)
    expect(await hitAt(page, centre(button as Box))).toBe('keyfob')

    await page.mouse.click(centre(button as Box).x, centre(button as Box).y)
    await expect.poll(() => input.inputValue(), { timeout: 15_000 }).toMatch(/^\d{6}$/)
    expect(await codesNow(ACME)).toContain(await input.inputValue())

    // Locked: the click brings a notice, drawn above the page and closed by a click on its Close button.
    expect((await popupRequest(popup, 'lock', {})) as { ok: boolean }).toMatchObject({ ok: true })
    await page.mouse.click(centre(button as Box).x, centre(button as Box).y)
    await expect.poll(() => panelText(context, page), { timeout: 15_000 }).toContain('Keyfob is locked')
    const close = (await exposed(page, 'button', 'Close')) as Box
    const dialog = (await exposed(page, 'dialog', 'Keyfob')) as Box
    // Measured: the notice lies inside the viewport, in its top right corner, and its Close button is what a click there reaches.
    const viewport = page.viewportSize() ?? (await page.evaluate(() => ({ width: innerWidth, height: innerHeight })))
    expect(dialog.x + dialog.width).toBeLessThanOrEqual(viewport.width)
    expect(dialog.x).toBeGreaterThan(viewport.width / 2)
    expect(dialog.y).toBeGreaterThanOrEqual(0)
    expect(dialog.y).toBeLessThan(40)
    expect(await hitAt(page, centre(close))).toBe('keyfob')
    const { violations } = await new AxeBuilder({ page }).analyze()
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
    await page.mouse.click(centre(close).x, centre(close).y)
    await expect.poll(() => panelText(context, page)).toBe('')
    // The page's own dialog or fullscreen element is still there: Keyfob took nothing away.
    if (file === 'fullscreen.html') expect(await page.evaluate(() => document.fullscreenElement?.id)).toBe('stage')
    if (file.startsWith('dialog')) expect(await page.evaluate(() => document.querySelector('dialog')?.matches(':modal'))).toBe(true)
  })
}

test('a modal dialog opened after the notice is shown does not make it inert: it is raised above and closes with a click', async ({
  context,
  popup,
  sw,
  site,
}) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], ACME)
  await popupRequest(popup, 'lock', {})
  const page = await context.newPage()
  await page.goto(pageUrl(site, 'dialog-later.html'))
  await commandFill(page, sw)
  await expect.poll(() => panelText(context, page), { timeout: 15_000 }).toContain('Keyfob is locked')
  // The person goes on with the page: its sign-in dialog opens modally, after Keyfob's notice.
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('textbox', { name: 'Authentication code' })).toBeVisible()
  await expect.poll(() => exposed(page, 'button', 'Close'), { timeout: 15_000 }).not.toBeNull()
  const close = (await exposed(page, 'button', 'Close')) as Box
  expect(await hitAt(page, centre(close))).toBe('keyfob')
  await page.mouse.click(centre(close).x, centre(close).y)
  await expect.poll(() => panelText(context, page)).toBe('')
  expect(await page.evaluate(() => document.querySelector('dialog')?.matches(':modal'))).toBe(true)
})

test("the page's own popover shown later over the picker does not cover it: a click picks a name", async ({ context, popup, site }) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], ACME, OTHER)
  const page = await context.newPage()
  await open(page, site, 'overlay.html')
  const button =
    (await expect.poll(() => exposed(page, 'button', FILL), { timeout: 15_000 }).not.toBeNull(), await exposed(page, 'button', FILL))
  await page.mouse.click(centre(button as Box).x, centre(button as Box).y)
  await expect.poll(() => exposed(page, 'button', /^Acme Admin/), { timeout: 15_000 }).not.toBeNull()
  // The page shows a toast in the top layer over the top of the viewport, where Keyfob's picker is.
  await page.evaluate(() => {
    const toast = Object.assign(document.createElement('div'), { id: 'toast', popover: 'manual', textContent: 'Saved' })
    toast.style.cssText = 'position: fixed; inset: 0 0 auto 0; margin: 0; width: 100vw; height: 40vh; background: #ffd'
    document.body.append(toast)
    toast.showPopover()
  })
  const admin = (await exposed(page, 'button', /^Acme Admin/)) as Box
  expect(await hitAt(page, centre(admin))).toBe('keyfob')
  await page.mouse.click(centre(admin).x, centre(admin).y)
  await expect.poll(() => page.title(), { timeout: 15_000 }).toMatch(/^received:\d{6}$/)
  expect(await codesNow(OTHER)).toContain((await page.title()).slice('received:'.length))
})

test("the page cannot close Keyfob's panel or move it below its own top layer", async ({ context, popup, site }) => {
  test.setTimeout(120_000)
  await setUpBound(popup, ['example.com'], ACME, OTHER)
  const page = await context.newPage()
  await open(page, site, 'dialog-modal.html')
  const button =
    (await expect.poll(() => exposed(page, 'button', FILL), { timeout: 15_000 }).not.toBeNull(), await exposed(page, 'button', FILL))
  await page.mouse.click(centre(button as Box).x, centre(button as Box).y)
  await expect.poll(() => exposed(page, 'button', /^Acme Admin/), { timeout: 15_000 }).not.toBeNull()
  // The page hides every popover it finds and restyles them; Keyfob's come back, where they were.
  const before = (await exposed(page, 'dialog', /^Which account/)) as Box
  await page.evaluate(() => {
    const style = document.createElement('style')
    style.textContent =
      '[popover], html > div, dialog > div { display: none !important; inset: auto !important; margin: 300px !important; opacity: 0 !important }'
    document.head.append(style)
    for (const el of document.querySelectorAll<HTMLElement>('[popover]')) el.hidePopover()
  })
  await expect.poll(() => exposed(page, 'dialog', /^Which account/)).toEqual(before)
  const admin = (await exposed(page, 'button', /^Acme Admin/)) as Box
  expect(await hitAt(page, centre(admin))).toBe('keyfob')
})
