/**
 * docs/security.md §3.1, "Keyfob's in-page UI is in closed shadow roots … Page script cannot read
 * or click into them", written once and run in Chromium (e2e/closed-shadow.spec.ts) and Firefox
 * (e2e/firefox/closed-shadow.firefox.ts). A bound site's sign-in page gets Keyfob's field button and
 * then the account picker with two account names; the page's own script (`Ui.evaluate` runs in the
 * page's main world) then looks for them every way the DOM offers, and clicks where they are.
 *
 * window.find() too: Chromium matches it against text inside closed shadow roots, so a page could
 * test guesses, and extend a known prefix one character at a time, against what a panel shows.
 * Panels draw their text as generated content, which find never matches (panel-host.ts).
 */
import { expect } from '@playwright/test'
import { setUpBound } from './flows.ts'
import type { Ui } from './ui.ts'

const ACME = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const ADMIN = 'otpauth://totp/Acme%20Admin:root@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Admin'

/** `P`: each browser's page (a `Ui` with its own driver's handle). */
export interface ClosedShadowEnv<P extends Ui> {
  popup: Ui
  /** Opens `url` in a new tab in front. */
  openTab: (url: string) => Promise<P>
  /** The test server under a test host name: `http://host:port`. */
  origin: (host: string) => string
  /** Right-clicks the field `selector` like a person and chooses "Fill two-factor code". */
  menuFill: (page: P, selector: string) => Promise<void>
  /** The text of every panel Keyfob shows in the page, read from the accessibility tree (which page script cannot read). */
  panelText: (page: P) => Promise<string>
}

/** What the page's own script can learn about the elements Keyfob added to it. */
function pageView(page: Ui, secrets: string[]) {
  return page.evaluate((secrets) => {
    const own = new Set([document.head, document.body])
    const hosts = [...document.documentElement.children].filter((e) => !own.has(e as HTMLElement)) as HTMLElement[]
    const selection = getSelection()!
    selection.selectAllChildren(document.documentElement)
    const selected = selection.toString()
    selection.removeAllRanges()
    const texts = [
      document.documentElement.innerText,
      document.documentElement.textContent ?? '',
      document.documentElement.outerHTML,
      document.body.innerText,
      selected,
    ]
    return {
      hosts: hosts.length,
      // A closed root: the page gets null, yet a root is there (a second one cannot be attached).
      shadowRoots: hosts.map((h) => h.shadowRoot),
      rootsPresent: hosts.map((h) => {
        try {
          h.attachShadow({ mode: 'open' })
          return false
        } catch {
          return true
        }
      }),
      hostText: hosts.map((h) => h.innerText + h.textContent + h.innerHTML).join(''),
      leaked: secrets.filter((s) => texts.some((t) => t.includes(s))),
    }
  }, secrets)
}

const fieldValue = (page: Ui) => page.evaluate(() => document.querySelector<HTMLInputElement>('#app_totp')!.value, null)

export async function closedShadowFlow<P extends Ui>({ popup, openTab, origin, menuFill, panelText }: ClosedShadowEnv<P>): Promise<void> {
  await setUpBound(popup, ['example.com'], ACME, ADMIN)
  const page = await openTab(`${origin('login.example.com')}/otp/one-time-code.html`)
  const names = ['Acme Admin', 'alice@example.com', 'root@example.com', 'Acme']

  // The field button: one host the page can see, with nothing in it the page can reach.
  await expect.poll(async () => (await pageView(page, names)).hosts, { timeout: 15_000 }).toBe(1)
  expect(await pageView(page, names)).toEqual({ hosts: 1, shadowRoots: [null], rootsPresent: [true], hostText: '', leaked: [] })

  // The account picker, naming both accounts bound to this site.
  await menuFill(page, '#app_totp')
  await expect.poll(() => panelText(page), { timeout: 15_000 }).toMatch(/Acme Admin/)
  const shown = await panelText(page)
  expect(shown).toContain('Acme')
  const view = await pageView(page, [...names, shown.split(' ').slice(0, 4).join(' ')])
  expect(view).toEqual({ hosts: 2, shadowRoots: [null, null], rootsPresent: [true, true], hostText: '', leaked: [] })

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
  }, null)
  expect(clicked).toEqual({ isHost: true, shadowRoot: null })
  // Had any of those reached the picker, a fill would follow within moments: nothing to wait for but time.
  await new Promise((r) => setTimeout(r, 1_000))
  expect(await fieldValue(page)).toBe('')
  expect(await panelText(page)).toContain('Acme Admin') // the picker is still open, untouched

  // The picker was live all along: a person's key (trusted) chooses the first name and fills.
  await page.press('Enter')
  await expect.poll(() => fieldValue(page), { timeout: 15_000 }).toMatch(/^\d{6}$/)

  // The picker again, for the page to search. window.find() searches rendered text (in Chromium, even inside
  // closed shadow roots): the picker draws names as generated content, which find never matches, so the page
  // can neither confirm a name nor read one from a prefix it guessed, one character at a time. The page does
  // its best: it takes the focus first (Firefox's find does not look outside a focused field). Its own text is
  // found: find works on this page.
  await menuFill(page, '#app_totp')
  await expect.poll(() => panelText(page), { timeout: 15_000 }).toMatch(/Acme Admin/)
  const found = await page.evaluate((names) => {
    ;(document.activeElement as HTMLElement | null)?.blur()
    const windowFind = (s: string) => {
      getSelection()!.removeAllRanges()
      return (window as unknown as { find: (s: string, caseSensitive: boolean, backwards: boolean, wrap: boolean) => boolean }).find(
        s,
        true,
        false,
        true,
      )
    }
    let read = 'Acme A'
    for (let next: string | undefined; (next = [...'abcdefghijklmnopqrstuvwxyz@.() '].find((c) => windowFind(read + c)));) read += next
    return {
      names: names.filter(windowFind),
      absent: windowFind('Widgets'),
      read,
      ownText: windowFind(document.body.innerText.trim().split('\n')[0] as string),
    }
  }, names)
  expect(found).toEqual({ names: [], absent: false, read: 'Acme A', ownText: true })
}
