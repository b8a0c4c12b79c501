/**
 * The extension API for every context, without bundling webextension-polyfill (≈10 KiB,
 * a quarter of the popup's budget; in the service worker, 3.5–4.7 ms of every start,
 * issue #15). Firefox and current Chromium expose a promise-based `browser`; Chromium
 * MV3 exposes `chrome`, whose methods also return promises (contextMenus only from
 * Chromium 123: context-menus.ts copes). The one difference that matters,
 * promise-returning onMessage listeners, is avoided in serve.ts by replying through
 * `sendResponse`. The polyfill's types still describe the API.
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
