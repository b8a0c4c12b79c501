/**
 * The extension API for the popup and the content script, without bundling
 * webextension-polyfill (≈10 KiB, a quarter of the popup's budget). Firefox and
 * current Chromium expose a promise-based `browser`; older Chromium MV3 exposes
 * `chrome`, whose methods also return promises. The one difference that matters,
 * promise-returning onMessage listeners, is avoided in messaging.ts by replying
 * through `sendResponse`. The service worker uses the polyfill itself.
 */
import type { Browser } from 'webextension-polyfill'

const g = globalThis as unknown as { browser?: unknown; chrome?: unknown }

/**
 * A page can clobber `window.browser` with `<a id="browser">` even inside a content
 * script's isolated world (Chromium has no `browser` of its own, so the page's named
 * element shows through). The real API is a plain object; elements, collections and
 * windows are not.
 */
const isApi = (v: unknown): boolean => Object.prototype.toString.call(v) === '[object Object]'

export const ext: Browser = (isApi(g.browser) ? g.browser : g.chrome) as Browser
