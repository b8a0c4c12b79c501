// Finds and launches a Firefox with Keyfob installed, for the Firefox end-to-end suite.
// Order: $KEYFOB_FIREFOX (or $FIREFOX_PATH), then /usr/bin/firefox-esr, then /usr/bin/firefox.
//
// Driven by puppeteer-core over WebDriver BiDi (Playwright's Firefox-over-BiDi channel needs a newer
// Firefox than ESR 153). Three switches make the extension testable:
// - `extensions.webextensions.uuids` fixes the add-on's internal UUID, so its pages have a known
//   moz-extension:// URL;
// - `--remote-allow-system-access` lets the driver open those pages (BiDi otherwise allows only
//   http(s), file, blob and about:blank) and evaluate in the browser window itself, which is how the
//   tests open the real context menu, stop the event page and read the accessibility tree;
// - `network.dns.localDomains` resolves the test host names (exact names, no wildcards) to loopback.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import puppeteer from 'puppeteer-core'

/** The UUID the tests give Keyfob, so that its pages are at moz-extension://<this>/… */
const FIREFOX_EXTENSION_UUID = '6b3d3f0e-5e1a-4b7c-9c1e-6b65790f0b01'

/** @returns {string} */
function findFirefox() {
  const fromEnv = process.env.KEYFOB_FIREFOX || process.env.FIREFOX_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`KEYFOB_FIREFOX points to ${fromEnv}, which does not exist.`)
    return fromEnv
  }
  for (const candidate of ['/usr/bin/firefox-esr', '/usr/bin/firefox']) {
    if (existsSync(candidate)) return candidate
  }
  throw new Error(
    'No Firefox found. Set KEYFOB_FIREFOX=/path/to/firefox, or install one: `sudo apt-get install firefox-esr` (Debian/Ubuntu).',
  )
}

/** The add-on id from the built manifest (`browser_specific_settings.gecko.id`). */
function addonId(extensionDir) {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'))
  const id = manifest.browser_specific_settings?.gecko?.id
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id: is it the Firefox build?`)
  return id
}

/**
 * Launches Firefox (headless unless told otherwise) and installs the add-on in `extensionDir` as a
 * temporary add-on. `hosts` are resolved to 127.0.0.1. A `userDataDir` that already holds a profile
 * is reused (a browser restart); the add-on's storage survives because the temporary add-on's
 * uninstall at shutdown is told to keep it.
 * @param {{ extensionDir: string, hosts?: string[], headless?: boolean, userDataDir?: string, downloadDir?: string, prefs?: Record<string, unknown> }} options
 * @returns {Promise<{ browser: import('puppeteer-core').Browser, addonId: string, uuid: string, origin: string }>}
 */
export async function launchFirefoxWithExtension({ extensionDir, hosts = [], headless = true, userDataDir, downloadDir, prefs = {} }) {
  const id = addonId(extensionDir)
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless,
    userDataDir,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: FIREFOX_EXTENSION_UUID }),
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      'network.dns.localDomains': hosts.join(','),
      // Plain http on the test names: no HTTPS upgrade, no DNS over HTTPS, no proxy.
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
      'network.trr.mode': 5,
      'network.proxy.type': 0,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      ...(downloadDir ? { 'browser.download.dir': downloadDir } : {}),
      ...prefs,
    },
  })
  try {
    await browser.installExtension(path.resolve(extensionDir))
  } catch (error) {
    await browser.close()
    throw error
  }
  return { browser, addonId: id, uuid: FIREFOX_EXTENSION_UUID, origin: `moz-extension://${FIREFOX_EXTENSION_UUID}` }
}
