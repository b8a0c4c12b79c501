/**
 * Fixtures for the Firefox suite (playwright.firefox.config.ts): Playwright Test's runner, reporter
 * and `expect`, with Firefox launched through puppeteer-core (scripts/firefox.mjs), because
 * Playwright's own Firefox-over-BiDi channel fails against Firefox ESR 153.
 *
 * What Chromium's suite reaches through DevTools, this one reaches through the browser window
 * (WebDriver BiDi with system access): the real context menu, the event page's state and the
 * accessibility tree (Keyfob's panels live in closed shadow roots a page cannot read).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test as base, expect } from '@playwright/test'
import type { Browser, Frame, Page } from 'puppeteer-core'
import { launchFirefoxWithExtension } from '../../scripts/firefox.mjs'
import { servePages } from '../../scripts/serve-pages.mjs'
import { makeTestCertificate } from '../../scripts/test-certificate.mjs'
import type { Ui } from '../shared/ui.ts'
import { puppeteerUi, waitForNewDocument } from './puppeteer-ui.ts'

const FIREFOX_EXTENSION_DIR = path.resolve(import.meta.dirname, '../..', process.env.FIREFOX_EXTENSION_DIR ?? 'dist-firefox')
const PAGES_DIR = path.resolve(import.meta.dirname, '../pages')

/**
 * The real-looking test host names, resolved to 127.0.0.1 (`network.dns.localDomains` takes exact
 * names, not Chromium's `*.test` wildcards, so every name a spec uses is listed here).
 */
const TEST_HOSTS = [
  'example.com',
  'www.example.com',
  'login.example.com',
  'mail.example.com',
  'static.example.com',
  'bank.example.com',
  'setup.example.com',
  'widgets.example.com',
  'login.widgets.example.com',
  'skew-login.example.com',
  'skew-shop.test',
  'skew-plain.test',
  'evil.test',
  'ads.evil.test',
  'example.com.evil.test',
  'login.example.com.evil.test',
  'widgets.example.com.evil.test',
  'examp1e.test',
  'example-com.test',
  'xn--exmple-cua.test',
  'example.test',
  'phish.test',
  'prize.test',
  'shop.test',
  'cdn.assets.test',
]

export interface Site {
  origin: string
  port: number
  close: () => Promise<void>
  /** Every request under /scan-test/ (scripts/serve-pages.mjs), with its Cookie and Accept headers. */
  requests: { host: string; path: string; token: string | null; cookie: string | null; accept: string; referer: string | null }[]
  /** Lets /scan-test/gated.png answer for `token` (refused with a long cache lifetime until then). */
  openGate: (token: string) => void
}

/** The test pages over https, with the PEM of the self-signed certificate made for this run. */
export type HttpsSite = Site & { certificate: string }

export type FirefoxUi = Ui & { page: Page }

/** One Firefox with Keyfob installed, and what the tests do to it from outside the pages. */
export class Firefox {
  private chromeContext?: string
  constructor(
    readonly browser: Browser,
    readonly addonId: string,
    readonly origin: string,
    readonly downloadDir: string,
  ) {}

  static async launch(
    options: { userDataDir?: string; downloadDir?: string; extensionDir?: string; prefs?: Record<string, unknown> } = {},
  ): Promise<Firefox> {
    const downloadDir = options.downloadDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'keyfob-ff-downloads-'))
    const { browser, addonId, origin } = await launchFirefoxWithExtension({
      extensionDir: options.extensionDir ?? FIREFOX_EXTENSION_DIR,
      hosts: TEST_HOSTS,
      userDataDir: options.userDataDir,
      downloadDir,
      prefs: options.prefs,
    })
    return new Firefox(browser, addonId, origin, downloadDir)
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined)
  }

  /** A new tab on a web page. */
  async newPage(url?: string): Promise<FirefoxUi> {
    const page = await this.browser.newPage()
    if (url) await page.goto(url)
    return puppeteerUi(page)
  }

  /** An extension page (the popup by default) in a new tab: a real toolbar popup cannot be opened by a test. */
  async openExtensionPage(file = 'src/popup/index.html'): Promise<FirefoxUi> {
    const page = await this.browser.newPage()
    await gotoExtensionPage(page, `${this.origin}/${file}`)
    return puppeteerUi(page)
  }

  /** Runs `fn` in the browser window with chrome privileges; `fn` and `arg` are serialised. */
  async chrome<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const session = await bidiSession(this.browser)
    if (!this.chromeContext) {
      const { result } = (await session.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
        result: { contexts: { context: string; url: string }[] }
      }
      this.chromeContext = result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml')?.context
      if (!this.chromeContext) throw new Error('no browser window')
    }
    const expression = `(async () => JSON.stringify(await (${fn.toString()})(${JSON.stringify(arg ?? null)}) ?? null))()`
    const { result } = (await session.send('script.evaluate', {
      expression,
      target: { context: this.chromeContext },
      awaitPromise: true,
    })) as {
      result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } }
    }
    if (result.type !== 'success') throw new Error(`in the browser window: ${result.exceptionDetails?.text ?? JSON.stringify(result)}`)
    return JSON.parse(result.result?.value ?? 'null') as R
  }

  /**
   * Accepts `site`'s self-signed certificate on these hosts, as a person does with "Accept the Risk
   * and Continue": a temporary override for that certificate on each host and port (nothing else is
   * trusted). It holds for every request to them, the event page's own included.
   */
  async acceptCertificate(site: HttpsSite, hosts: string[]): Promise<void> {
    const der = site.certificate.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')
    await this.chrome(
      ({ der, hosts, port }) => {
        const g = globalThis as unknown as {
          Cc: Record<string, { getService(i: unknown): unknown }>
          Ci: { nsIX509CertDB: unknown; nsICertOverrideService: unknown }
        }
        const certs = g.Cc['@mozilla.org/security/x509certdb;1']!.getService(g.Ci.nsIX509CertDB) as {
          constructX509FromBase64(b: string): unknown
        }
        const overrides = g.Cc['@mozilla.org/security/certoverride;1']!.getService(g.Ci.nsICertOverrideService) as {
          rememberValidityOverride(host: string, port: number, originAttributes: object, cert: unknown, temporary: boolean): void
        }
        const cert = certs.constructX509FromBase64(der)
        for (const host of hosts) overrides.rememberValidityOverride(host, port, {}, cert, true)
      },
      { der, hosts, port: site.port },
    )
  }

  /** The event page's state: "running", "stopped", "suspending"… */
  backgroundState(): Promise<string> {
    return this.chrome(
      (id) => String((globalThis as unknown as WindowWithPolicy).WebExtensionPolicy.getByID(id).extension.backgroundState),
      this.addonId,
    )
  }

  /**
   * Stops the event page the way Firefox does when it idles (the same call its idle timer makes).
   * The next extension event starts it again.
   */
  async stopEventPage(): Promise<void> {
    await expect.poll(() => this.backgroundState(), { message: 'the event page is running', timeout: 15_000 }).toBe('running')
    await this.chrome(async (id) => {
      await (globalThis as unknown as WindowWithPolicy).WebExtensionPolicy.getByID(id).extension.terminateBackground({
        disableResetIdleForTest: true,
      })
    }, this.addonId)
    await expect.poll(() => this.backgroundState(), { timeout: 15_000 }).toBe('stopped')
  }

  /**
   * Runs `fn(backgroundWindow, arg)` in an extension page, with the event page's window (woken if
   * stopped) from `runtime.getBackgroundPage()`: Firefox's counterpart of evaluating in the worker.
   */
  async background<R, A = undefined>(fn: (bg: Window & { browser: typeof browser }, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const probe = await this.probe()
    return await probe
      .evaluate(
        `(async () => { const bg = await browser.runtime.getBackgroundPage(); return JSON.stringify(await (${fn.toString()})(bg, ${JSON.stringify(arg ?? null)}) ?? null) })()`,
      )
      .then((s) => JSON.parse(s as string) as R)
  }

  private probePage?: Page
  /** A quiet extension page (the export page, never used by the probe) for reaching the event page. */
  private async probe(): Promise<Page> {
    if (this.probePage && !this.probePage.isClosed()) return this.probePage
    const page = await this.browser.newPage()
    await gotoExtensionPage(page, `${this.origin}/src/options/export.html`)
    this.probePage = page
    return page
  }

  /** The tab id whose content script (top frame) reports a URL starting with `prefix`. */
  async tabId(prefix: string): Promise<number> {
    let id = -1
    await expect
      .poll(
        async () =>
          (id = await this.background(async (bg, prefix) => {
            for (const tab of await bg.browser.tabs.query({})) {
              if (tab.id === undefined) continue
              try {
                const r = await bg.browser.tabs.sendMessage<unknown, { ok: boolean; value: { url: string } } | undefined>(
                  tab.id,
                  { channel: 'background', type: 'ping', input: {} },
                  { frameId: 0 },
                )
                if (r?.ok && r.value.url.startsWith(prefix)) return tab.id
              } catch {
                // no content script in that tab
              }
            }
            return -1
          }, prefix)),
        { message: `a tab with a content script at ${prefix}`, timeout: 15_000 },
      )
      .toBeGreaterThan(0)
    return id
  }

  async storageDump(): Promise<{ local: string; session: string }> {
    return this.background(async (bg) => ({
      local: JSON.stringify(await bg.browser.storage.local.get(null)),
      session: JSON.stringify(await bg.browser.storage.session.get(null)),
    }))
  }

  /**
   * Right-clicks `target` in `ui`'s page with the mouse and chooses Keyfob's item in the browser's
   * real context menu: the actual user gesture, so Firefox grants activeTab and reports the frame.
   */
  async contextMenu(ui: FirefoxUi, at: { x: number; y: number } | { selector: string; frame?: string }, item: MenuItem): Promise<void> {
    const offered = await this.openContextMenu(ui, at)
    expect(offered, 'the context menu opened').not.toBeNull()
    if (!offered!.includes(item)) await this.closeContextMenu()
    expect(offered, `Keyfob's items in the context menu`).toContain(item)
    expect(await this.chooseMenuItem(item)).toBe('ok')
  }

  /**
   * Right-clicks `at` with the mouse, waits for the browser's context menu and returns Keyfob's
   * items it offers (the menu stays open: choose one with `chooseMenuItem` or `closeContextMenu`),
   * or null when no menu opened within 5 s.
   */
  async openContextMenu(ui: FirefoxUi, at: { x: number; y: number } | { selector: string; frame?: string }): Promise<MenuItem[] | null> {
    await ui.page.bringToFront()
    const point = 'x' in at ? at : await centreOf(ui.page, at.selector, at.frame)
    await ui.page.mouse.click(point.x, point.y, { button: 'right' })
    const items = await this.chrome(async () => {
      const menu = document.getElementById('contentAreaContextMenu') as XULMenu
      for (let i = 0; i < 100 && menu.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 50))
      if (menu.state !== 'open') return null
      const offered = () =>
        [...menu.querySelectorAll('[id*="-menuitem-_keyfob-"]')]
          .filter((e) => !(e as HTMLElement).hidden)
          .map((e) => e.id.replace(/^.*-menuitem-_/, ''))
      // Extension items are added as the menu opens: wait for them to settle.
      let last = ''
      for (let i = 0; i < 50; i++) {
        const now = offered().join(',')
        if (now !== '' && now === last) break
        last = now
        await new Promise((r) => setTimeout(r, 50))
      }
      return offered()
    })
    return items as MenuItem[] | null
  }

  /** Chooses Keyfob's `item` in the open context menu, as a person would (opening Keyfob's submenu first if there is one). */
  chooseMenuItem(item: MenuItem): Promise<string> {
    return this.chrome(async (item) => {
      const menu = document.getElementById('contentAreaContextMenu') as XULMenu
      const entry = [...menu.querySelectorAll(`[id$="-menuitem-_${item}"]`)].find((e) => !(e as HTMLElement).hidden) ?? null
      if (!entry) {
        menu.hidePopup()
        return `no ${item} item in the menu`
      }
      // With more than one Keyfob item in the menu, Firefox groups them in a "Keyfob" submenu: open it, as a person would.
      const popup = entry.parentElement as unknown as XULMenu
      if (popup !== menu) {
        ;(popup.parentElement as unknown as { openMenu(open: boolean): void }).openMenu(true)
        for (let i = 0; i < 100 && popup.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 50))
      }
      popup.activateItem(entry)
      return 'ok'
    }, item)
  }

  /** Closes the context menu without choosing anything (Escape). */
  async closeContextMenu(): Promise<void> {
    await this.chrome(async () => {
      const menu = document.getElementById('contentAreaContextMenu') as XULMenu
      menu.hidePopup()
      for (let i = 0; i < 100 && menu.state !== 'closed'; i++) await new Promise((r) => setTimeout(r, 50))
    })
  }

  /**
   * Runs Keyfob's keyboard shortcut in `ui`'s tab. Key presses over WebDriver BiDi are dispatched
   * in the page's process and never reach the browser's shortcut keys, so the window's own <key>
   * element for the shortcut is run: the same handler a key press runs (it grants activeTab and
   * fires commands.onCommand for the tab in front).
   */
  async shortcut(ui: FirefoxUi, chord: 'Alt+Shift+F' | 'Alt+Shift+Q'): Promise<void> {
    await ui.page.bringToFront()
    const ran = await this.chrome(
      ({ id, key }) => {
        const keyset = document.getElementById(`ext-keyset-id-${id.replace(/[^a-z0-9_-]/gi, '_')}`)
        const el = [...(keyset?.querySelectorAll('key') ?? [])].find(
          (k) => k.getAttribute('key') === key && k.getAttribute('modifiers') === 'alt,shift',
        )
        if (!el) return false
        ;(el as unknown as { doCommand(): void }).doCommand()
        return true
      },
      { id: this.addonId, key: chord.slice(-1) },
    )
    expect(ran, `Keyfob's ${chord} key in the browser window`).toBe(true)
  }

  /** Texts in Keyfob's panels in the page (dialogs whose name passes `which`), read from the accessibility tree; `frames: false`: the top page's own only. */
  async panelText(ui: FirefoxUi, which: 'keyfob' | 'any' = 'keyfob', opts: { frames?: boolean } = {}): Promise<string> {
    return this.chrome(axText, { url: ui.page.url(), which, frames: opts.frames ?? true })
  }

  /** How many buttons named "Fill two-factor code" the page's accessibility tree has (frames included). */
  async fieldButtons(ui: FirefoxUi): Promise<number> {
    const tree = await this.chrome(axText, { url: ui.page.url(), which: 'buttons' })
    return tree.split('\n').filter((l) => l === 'button:Fill two-factor code').length
  }
}

export type MenuItem = 'keyfob-fill' | 'keyfob-scan-qr' | 'keyfob-scan-page'

interface WindowWithPolicy {
  WebExtensionPolicy: { getByID(id: string): { extension: { backgroundState: string; terminateBackground(o: object): Promise<void> } } }
}
interface XULMenu extends HTMLElement {
  state: string
  activateItem(e: Element): void
  hidePopup(): void
}

/** Runs in the browser window: the accessibility tree of the tab at `url`. */
async function axText({
  url,
  which,
  frames = true,
}: {
  url: string
  which: 'keyfob' | 'any' | 'buttons'
  frames?: boolean
}): Promise<string> {
  const g = globalThis as unknown as {
    Cc: Record<string, { getService(i: unknown): { getAccessibleFor(e: unknown): Acc | null; getStringRole(r: number): string } }>
    Ci: { nsIAccessibilityService: unknown }
    gBrowser: { browsers: { currentURI: { spec: string } }[] }
  }
  interface Acc {
    name: string | null
    role: number
    firstChild: Acc | null
    nextSibling: Acc | null
  }
  const svc = g.Cc['@mozilla.org/accessibilityService;1']!.getService(g.Ci.nsIAccessibilityService)
  const tab = g.gBrowser.browsers.find((b) => b.currentURI.spec === url)
  if (!tab) return ''
  let root = svc.getAccessibleFor(tab)
  for (let i = 0; i < 50 && !root?.firstChild; i++) {
    await new Promise((r) => setTimeout(r, 100))
    root = svc.getAccessibleFor(tab)
  }
  const texts: string[] = []
  const walk = (a: Acc | null, inPanel: boolean) => {
    for (let c = a?.firstChild ?? null; c; c = c.nextSibling) {
      const role = svc.getStringRole(c.role)
      let name = ''
      try {
        name = c.name ?? ''
      } catch {
        // a node going away
      }
      // The top page's own panels only: not those drawn inside its frames.
      if (!frames && role === 'internal frame') continue
      if (which === 'buttons') {
        if (role === 'pushbutton') texts.push(`button:${name}`)
        walk(c, false)
        continue
      }
      const panel = inPanel || ((role === 'dialog' || role === 'alert') && (which === 'any' || name.startsWith('Keyfob')))
      // Panels draw their text as CSS generated content (src/content/panel-host.ts), which Firefox exposes as 'statictext'.
      if (panel && (role === 'text leaf' || role === 'statictext') && name) texts.push(name)
      walk(c, panel)
    }
  }
  walk(root, false)
  return texts.join(which === 'buttons' ? '\n' : ' ')
}

/** The BiDi session under puppeteer's browser (for commands puppeteer has no API for). */
async function bidiSession(browser: Browser): Promise<{ send(method: string, params: object): Promise<unknown> }> {
  const [page] = await browser.pages()
  const frame = page?.mainFrame() as unknown as
    { browsingContext?: { userContext: { browser: { session: { send(m: string, p: object): Promise<unknown> } } } } } | undefined
  const session = frame?.browsingContext?.userContext.browser.session
  if (!session) throw new Error('no WebDriver BiDi session on this puppeteer browser')
  return session
}

/**
 * Opens an extension page. puppeteer waits forever for a moz-extension:// navigation it does not
 * see finish, so navigate without waiting and wait in the page.
 */
async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  const frame = page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: string): Promise<unknown> } }
  await frame.browsingContext.navigate(url, 'none')
  await waitForNewDocument(page, url)
}

async function centreOf(page: Page, selector: string, frame?: string): Promise<{ x: number; y: number }> {
  let offset = { x: 0, y: 0 }
  let target: Page | Frame = page
  if (frame) {
    // A frame of any origin: its box in the page, then the element's box in the frame.
    const handle = await page.$(frame)
    const box = await handle?.evaluate((f) => {
      const r = f.getBoundingClientRect()
      return { x: r.left + f.clientLeft, y: r.top + f.clientTop }
    })
    const inner = await handle?.contentFrame()
    if (!box || !inner) throw new Error(`no frame at ${frame}`)
    offset = box
    target = inner
  }
  const point = await target.evaluate((selector) => {
    // "host >>> inner": inner in host's (open) shadow root.
    const [outer, inner] = selector.split('>>>').map((x) => x.trim())
    const e = inner ? document.querySelector(outer as string)?.shadowRoot?.querySelector(inner) : document.querySelector(selector)
    if (!e) return null
    const r = e.getBoundingClientRect()
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 }
  }, selector)
  if (!point) throw new Error(`nothing at ${selector}`)
  return { x: offset.x + point.x, y: offset.y + point.y }
}

interface Fixtures {
  userDataDir: string
  ff: Firefox
  /** The popup page, opened as a tab. */
  popup: FirefoxUi
}

export const test = base.extend<Fixtures, { site: Site; httpsSite: HttpsSite }>({
  httpsSite: [
    async ({}, use) => {
      const tls = makeTestCertificate()
      const site = await servePages({ root: PAGES_DIR, tls })
      await use({ ...site, certificate: tls.cert.toString() })
      await site.close()
    },
    { scope: 'worker' },
  ],
  site: [
    async ({}, use) => {
      const site = await servePages({ root: PAGES_DIR })
      await use(site)
      await site.close()
    },
    { scope: 'worker' },
  ],
  userDataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyfob-ff-profile-'))
    await use(dir)
    fs.rmSync(dir, { recursive: true, force: true })
  },
  ff: async ({ userDataDir }, use) => {
    const ff = await Firefox.launch({ userDataDir })
    await use(ff)
    await ff.close()
    fs.rmSync(ff.downloadDir, { recursive: true, force: true })
  },
  popup: async ({ ff }, use) => {
    await use(await ff.openExtensionPage())
  },
})

export { expect }
