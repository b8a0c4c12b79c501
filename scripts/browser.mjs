// Finds a Chromium to drive and the flags it needs, for `npm start` and the e2e tests.
// Order: $KEYFOB_CHROMIUM (or $CHROMIUM_PATH), then Playwright's own browser when
// installed, then Debian's /usr/bin/chromium.
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/** @returns {string} */
export function findChromium() {
  const fromEnv = process.env.KEYFOB_CHROMIUM || process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`KEYFOB_CHROMIUM points to ${fromEnv}, which does not exist.`)
    return fromEnv
  }
  try {
    const own = chromium.executablePath()
    if (own && existsSync(own)) return own
  } catch {
    // Playwright has no browser of its own here: fall through.
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return candidate
  }
  throw new Error(
    'No Chromium found. Set KEYFOB_CHROMIUM=/path/to/chromium, or install one: ' +
      '`sudo apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`.',
  )
}

/**
 * Flags for a Chromium with the unpacked extension in `extensionDir` loaded.
 * Playwright adds --disable-extensions by default, hence --disable-extensions-except.
 * @param {string} extensionDir
 * @param {string[]} [extra]
 */
function chromiumArgs(extensionDir, extra = []) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    // No outside network on CI machines: keep Chromium from trying.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    ...extra,
  ]
}

/**
 * Launches a persistent context (extensions need one) with the extension loaded.
 * @param {string} userDataDir
 * @param {{ extensionDir: string, headless?: boolean, args?: string[] }} options
 */
export function launchWithExtension(userDataDir, { extensionDir, headless = true, args = [] }) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless,
    args: chromiumArgs(extensionDir, args),
    viewport: { width: 1280, height: 720 },
  })
}
