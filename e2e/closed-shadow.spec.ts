/**
 * docs/security.md §3.1, "Keyfob's in-page UI is in closed shadow roots … Page script cannot
 * read or click into them." A bound site's sign-in page gets Keyfob's field button and then the
 * account picker with two account names; the page's own script (page.evaluate runs in the
 * page's main world) then looks for them every way the DOM offers, and clicks where they are.
 *
 * window.find() too: Chromium matches it against text inside closed shadow roots, so a page could
 * test guesses, and extend a known prefix one character at a time, against what a panel shows.
 * Panels draw their text as generated content, which find never matches (panel-host.ts).
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { menuFill, panelText, setUpBound } from './page-helpers.ts'

const ACME = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const ADMIN = 'otpauth://totp/Acme%20Admin:root@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Admin'

/** What the page's own script can learn about the elements Keyfob added to it. */
function pageView(page: Page, secrets: string[]) {
  return page.evaluate((secrets) => {
    const own = new Set([document.head, document.body])
    const hosts = [...document.documentElement.children].filter((e) => !own.has(e as HTMLElement)) as HTMLElement[]
    const selection = getSelection()!
    selection.selectAllChildren(document.documentElement)
    const selected = selection.toString()
    selection.removeAllRanges()
    const texts = [document.documentElement.innerText, document.documentElement.textContent ?? '', document.documentElement.outerHTML, document.body.innerText, selected]
    return {
      hosts: hosts.length,
      // A closed root: the page gets null, yet a root is there (a second one cannot be attached).
      shadowRoots: hosts.map((h) => h.shadowRoot),
      rootsPresent: hosts.map((h) => { try { h.attachShadow({ mode: 'open' }); return false } catch { return true } }),
      hostText: hosts.map((h) => h.innerText + h.textContent + h.innerHTML).join(''),
      leaked: secrets.filter((s) => texts.some((t) => t.includes(s))),
    }
  }, secrets)
}

test('page script gets no shadow root, no text, no window.find match and no clicks into Keyfob’s field button and account picker', async ({ context, popup, sw, site }) => {
  await setUpBound(popup, ['example.com'], ACME, ADMIN)
  const page = await context.newPage()
  await page.goto(`http://login.example.com:${site.port}/otp/one-time-code.html`)
  const names = ['Acme Admin', 'alice@example.com', 'root@example.com', 'Acme']

  // The field button: one host the page can see, with nothing in it the page can reach.
  await expect.poll(async () => (await pageView(page, names)).hosts).toBe(1)
  expect(await pageView(page, names)).toEqual({ hosts: 1, shadowRoots: [null], rootsPresent: [true], hostText: '', leaked: [] })

  // The account picker, naming both accounts bound to this site.
  await page.locator('#app_totp').click({ button: 'right' })
  await menuFill(page, sw)
  await expect.poll(() => panelText(context, page, () => true)).toMatch(/Acme Admin/)
  const shown = await panelText(context, page, () => true)
  expect(shown).toContain('Acme')
  const view = await pageView(page, [...names, shown.split(' ').slice(0, 4).join(' ')])
  expect(view).toEqual({ hosts: 2, shadowRoots: [null, null], rootsPresent: [true, true], hostText: '', leaked: [] })
  // window.find() searches rendered text even inside closed shadow roots (Chromium): the picker draws names as
  // generated content, which find never matches, so the page can neither confirm a name nor read one from a
  // prefix it guessed, one character at a time. (Its own text is found: find works on this page.)
  const found = await page.evaluate((names) => {
    const find = (s: string) => {
      getSelection()!.removeAllRanges()
      return (window as unknown as { find: (s: string, caseSensitive: boolean, backwards: boolean, wrap: boolean) => boolean }).find(s, true, false, true)
    }
    let read = 'Acme A'
    for (let next: string | undefined; (next = [...'abcdefghijklmnopqrstuvwxyz@.() '].find((c) => find(read + c))); ) read += next
    return { names: names.filter(find), absent: find('Widgets'), read, ownText: find(document.body.innerText.trim().split('\n')[0] as string) }
  }, names)
  expect(found).toEqual({ names: [], absent: false, read: 'Acme A', ownText: true })

  // Clicking where the picker is: the page hits only the host; its synthetic clicks and keys reach nothing inside.
  const clicked = await page.evaluate(() => {
    const x = innerWidth - 16 - 160
    const y = 40
    const hit = document.elementFromPoint(x, y) as HTMLElement
    const opts = { bubbles: true, composed: true, clientX: x, clientY: y }
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) hit.dispatchEvent(new MouseEvent(type, opts))
    hit.click()
    hit.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }))
    return { isHost: hit.parentElement === document.documentElement && hit !== document.body, shadowRoot: hit.shadowRoot }
  })
  expect(clicked).toEqual({ isHost: true, shadowRoot: null })
  await page.waitForTimeout(500)
  expect(await page.locator('#app_totp').inputValue()).toBe('')
  expect(await panelText(context, page, () => true)).toContain('Acme Admin') // the picker is still open, untouched

  // The picker was live all along: a person's key (trusted) chooses the first name and fills.
  await page.keyboard.press('Enter')
  await expect.poll(() => page.locator('#app_totp').inputValue()).toMatch(/^\d{6}$/)
})
