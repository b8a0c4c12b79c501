/**
 * The extension API for the popup and the content script, without bundling
 * webextension-polyfill (≈10 KiB, a quarter of the popup's budget). Firefox and
 * current Chromium expose a promise-based `browser`; older Chromium MV3 exposes
 * `chrome`, whose methods also return promises. The one difference that matters,
 * promise-returning onMessage listeners, is avoided in messaging.ts by replying
 * through `sendResponse`. The service worker uses the polyfill itself.
 */
import type { Browser } from 'webextension-polyfill'

const g = globalThis as unknown as { browser?: Browser; chrome?: Browser }

export const ext: Browser = (g.browser ?? g.chrome) as Browser
