// Popup benchmark (issue: "The popup", Benchmark): time from opening the popup to
// every visible row showing its code, for 10, 200 and 1000 accounts, median of 7
// opens (by default), beside the same measure for a static page that lists the same rows (the floor).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchWithExtension } from '../scripts/browser.mjs'
import { benchUris, median } from './bench-helpers.mjs'

/** Answered by a Playwright route inside the browser: no request leaves it. */
const FLOOR_URL = 'http://127.0.0.1:9/keyfob-bench-floor.html'

/** Every code button in view shows digits: what a person waits for. */
const allVisibleCodes = () => {
  const list = document.querySelector('ul.accounts')
  if (!list) return false
  const box = (document.querySelector('.list') ?? document.documentElement).getBoundingClientRect()
  const codes = [...list.querySelectorAll('button.code')].filter((b) => b.getBoundingClientRect().top < box.bottom)
  return codes.length > 0 && codes.every((b) => /\d{3} \d{3}/.test(b.textContent ?? ''))
}

function staticPage(n, css) {
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `<li class="account"><span class="avatar">B</span><div class="names"><span class="issuer">Bench${i}</span><span class="account-name">user</span></div><button class="code">123 456</button><span class="timer"></span></li>`,
  ).join('')
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body><main><ul class="accounts">${rows}</ul></main></body></html>`
}

/** @param {{ extensionDir: string, runs?: number }} opts runs: opens of each page per size (default 7). */
export async function benchPopup({ extensionDir, runs = 7 }) {
  const profile = mkdtempSync(join(tmpdir(), 'keyfob-bench-'))
  const context = await launchWithExtension(profile, { extensionDir })
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
    const url = `chrome-extension://${new URL(sw.url()).host}/src/popup/index.html`
    const setupPage = await context.newPage()
    await setupPage.goto(url)
    const send = (type, input) =>
      setupPage.evaluate(([type, input]) => chrome.runtime.sendMessage({ channel: 'popup', type, input }), [type, input])
    await send('setup', { password: 'correct horse battery staple' })
    const css = await setupPage.evaluate(async () => await (await fetch([...document.styleSheets][0].href)).text())
    const results = []
    let have = 0
    for (const n of [10, 200, 1000]) {
      const uris = benchUris(have, n - have)
      await send('addAccounts', { text: uris.join('\n') })
      have = n
      const popupMs = []
      const floorMs = []
      for (let r = 0; r < runs; r++) {
        const page = await context.newPage()
        await page.setViewportSize({ width: 360, height: 600 })
        await page.goto(url, { waitUntil: 'commit' })
        await page.waitForFunction(allVisibleCodes, null, { polling: 'raf' })
        popupMs.push(await page.evaluate(() => performance.now()))
        await page.close()
        // The floor gets a navigation of its own, so performance.now() counts from its own start.
        const floor = await context.newPage()
        await floor.setViewportSize({ width: 360, height: 600 })
        await floor.route(FLOOR_URL, (route) => route.fulfill({ contentType: 'text/html', body: staticPage(n, css) }))
        await floor.goto(FLOOR_URL, { waitUntil: 'commit' })
        await floor.waitForFunction(allVisibleCodes, null, { polling: 'raf' })
        floorMs.push(await floor.evaluate(() => performance.now()))
        await floor.close()
      }
      results.push({ accounts: n, popupMs: median(popupMs), staticFloorMs: median(floorMs), ratio: median(popupMs) / median(floorMs) })
    }
    return results
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }
}
