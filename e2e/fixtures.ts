import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test'
import { launchWithExtension } from '../scripts/browser.mjs'
import { servePages } from '../scripts/serve-pages.mjs'
import { makeTestCertificate } from '../scripts/test-certificate.mjs'

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '..', process.env.EXTENSION_DIR ?? 'dist')
export const PAGES_DIR = path.resolve(import.meta.dirname, 'pages')

/**
 * Real-looking host names for site-matching tests, all resolved to the loopback
 * test server (never anywhere else): http://bank.example.com:PORT/ reaches it with
 * the browser (and the extension's sender.url) seeing the real name.
 */
export const HOST_RULES = [
  '--host-resolver-rules=MAP *.test 127.0.0.1, MAP example.com 127.0.0.1, MAP *.example.com 127.0.0.1, MAP *.example 127.0.0.1',
]

export interface Site {
  origin: string
  port: number
  close: () => Promise<void>
  /** Every request under /scan-test/ (see scripts/serve-pages.mjs): host, token, and the Cookie, Accept and Referer headers. */
  requests: { host: string; path: string; token: string | null; cookie: string | null; accept: string; referer: string | null }[]
  /** Lets /scan-test/gated.png?token=… serve its code from now on. */
  openGate: (token: string) => void
}

interface Fixtures {
  /** Which build to load; page-capture specs use the test-only dist-e2e-capture. */
  extensionDir: string
  /** More Chromium flags (e.g. --ignore-certificate-errors for specs on `httpsSite`). */
  browserArgs: string[]
  userDataDir: string
  context: BrowserContext
  sw: Worker
  extensionId: string
  /** The popup, opened as a tab (a real popup cannot be opened from a test). */
  popup: Page
}

interface WorkerFixtures {
  site: Site
  /**
   * The same pages over https, with a self-signed certificate made at test time: a spec that
   * uses it needs `test.use({ browserArgs: ['--ignore-certificate-errors'] })`.
   */
  httpsSite: Site
}

export const CAPTURE_EXTENSION_DIR = path.resolve(import.meta.dirname, '..', 'dist-e2e-capture')

export const test = base.extend<Fixtures, WorkerFixtures>({
  extensionDir: [EXTENSION_DIR, { option: true }],
  browserArgs: [[], { option: true }],
  site: [
    async ({}, use) => {
      const site = await servePages({ root: PAGES_DIR })
      await use(site)
      await site.close()
    },
    { scope: 'worker' },
  ],
  httpsSite: [
    async ({}, use) => {
      const site = await servePages({ root: PAGES_DIR, tls: makeTestCertificate() })
      await use(site)
      await site.close()
    },
    { scope: 'worker' },
  ],
  userDataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyfob-e2e-'))
    await use(dir)
    fs.rmSync(dir, { recursive: true, force: true })
  },
  context: async ({ userDataDir, extensionDir, browserArgs }, use) => {
    // CDP's Extensions domain: tests give Keyfob activeTab as a person's click does (active-tab.ts).
    const context = await launchWithExtension(userDataDir, {
      extensionDir,
      args: [...HOST_RULES, '--enable-unsafe-extension-debugging', ...browserArgs],
    })
    await use(context)
    await context.close()
  },
  sw: async ({ context }, use) => {
    const sw =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', (w) => w.url().startsWith('chrome-extension://')))
    await use(sw)
  },
  extensionId: async ({ sw }, use) => {
    await use(new URL(sw.url()).host)
  },
  popup: async ({ context, extensionId }, use) => {
    await use(await openExtensionPage(context, extensionId))
  },
})

export { expect }

export async function openExtensionPage(context: BrowserContext, extensionId: string, page = 'src/popup/index.html'): Promise<Page> {
  const tab = await context.newPage()
  await tab.goto(`chrome-extension://${extensionId}/${page}`)
  return tab
}

/**
 * Stops the extension's service worker the way Chrome does when it idles
 * (Playwright's attachment otherwise keeps it alive forever). The next extension
 * event starts a fresh instance, which may happen at once if a page is asking,
 * so this waits for the "stopped" event rather than for the worker to be absent.
 */
export async function stopServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage())
  const cdp = await context.newCDPSession(page)
  const prefix = `chrome-extension://${extensionId}/`
  let running = false
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (!v.scriptURL.startsWith(prefix)) continue
        if (v.runningStatus === 'running') running = true
        if (v.runningStatus === 'stopped' && running) resolve()
      }
    })
  })
  try {
    await cdp.send('ServiceWorker.enable')
    await expect.poll(() => running, { message: 'extension service worker not running' }).toBe(true)
    await cdp.send('ServiceWorker.stopAllWorkers')
    await stopped
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/**
 * Kills the worker abruptly (closing its DevTools target), as a crash would,
 * wherever it is in its work. For crash-consistency tests; does nothing if no
 * worker is running.
 */
export async function killServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const browser = context.browser()
  if (!browser) throw new Error('no browser handle for this context')
  const cdp = await browser.newBrowserCDPSession()
  try {
    const { targetInfos } = await cdp.send('Target.getTargets')
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`))
    if (target) await cdp.send('Target.closeTarget', { targetId: target.targetId })
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/** Finds the tab whose content script reports a URL starting with `prefix`. */
export async function findTabId(sw: Worker, prefix: string): Promise<number> {
  return sw.evaluate(async (prefix) => {
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id === undefined) continue
      try {
        const r = await chrome.tabs.sendMessage<unknown, { ok: true; value: { url: string } } | undefined>(
          tab.id,
          { channel: 'background', type: 'ping', input: {} },
          { frameId: 0 },
        )
        if (r?.ok && r.value.url.startsWith(prefix)) return tab.id
      } catch {
        // no content script in that tab
      }
    }
    throw new Error(`no tab with a content script at ${prefix}`)
  }, prefix)
}
