// `npm start`: builds Keyfob, serves the demo site on 127.0.0.1 and opens Chromium with
// the extension loaded on it. Headed when a display is available, headless otherwise.
// `npm start -- --check` exits once the extension is confirmed running (used by the tests).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { findChromium, launchWithExtension } from './browser.mjs'
import { servePages } from './serve-pages.mjs'

const check = process.argv.includes('--check')
const root = resolve(import.meta.dirname, '..')
const extensionDir = join(root, 'dist')

const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
})
if (build.status !== 0) process.exit(build.status ?? 1)

const chromiumPath = findChromium()
let site
try {
  site = await servePages({ root: join(root, 'demo'), port: Number(process.env.KEYFOB_DEMO_PORT ?? 5180) })
} catch {
  site = await servePages({ root: join(root, 'demo') }) // the usual port is taken: any free one
}
const headless =
  check || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.platform === 'darwin' || process.platform === 'win32')
const profile = mkdtempSync(join(tmpdir(), 'keyfob-profile-'))
const context = await launchWithExtension(profile, { extensionDir, headless })
const worker =
  context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
  (await context.waitForEvent('serviceworker', { timeout: 15_000 }))
const extensionId = new URL(worker.url()).host
const page = context.pages()[0] ?? (await context.newPage())
await page.goto(`${site.origin}/index.html`)
const popup = await context.newPage()
await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`)
await page.bringToFront()

console.log(`
Keyfob is running${headless ? ' (headless: no display found, so no window is shown)' : ''}.
  browser:       ${chromiumPath}
  extension:     ${extensionDir} (id ${extensionId})
  demo site:     ${site.origin}/  (sign up: ${site.origin}/signup.html, sign in: ${site.origin}/signin.html)
  popup as a tab: chrome-extension://${extensionId}/src/popup/index.html
  profile:       ${profile} (temporary)
${check ? 'Check passed: the extension is running. Stopping.' : 'Press Ctrl+C to stop.'}`)

let stopping = false
async function stop() {
  if (stopping) return // closing the context fires 'close', which calls stop again
  stopping = true
  await context.close().catch(() => {})
  await site.close()
  // Chromium may still be flushing the profile for a moment after close.
  rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
context.on('close', stop)
if (check) await stop()
