/**
 * The popup's first script, a classic one (index.html runs it while parsing; vite.config.ts builds
 * it on its own to src/popup/opening.js, with no imports): it sends openPopup at once, so the
 * request and the worker's work overlap the page fetching and evaluating its modules (Preact, the
 * models, the views), which run only after parsing (issue #15). It names no tab: the worker finds
 * the one in front (background/open-popup.ts), saving a round trip to the browser first. main.tsx
 * takes the answer (first-opening.ts): opening still costs one request.
 */
import type { FirstRequest } from './first-opening.ts'

// An extension page: no web page can clobber `browser` here (browser-api.ts's check is for content scripts).
const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome; keyfobFirstRequest?: FirstRequest }
const api = g.browser ?? g.chrome
g.keyfobFirstRequest = api.runtime.sendMessage({ channel: 'popup', type: 'openPopup', input: {} })
// The page's first message lookup fetches the extension's strings from the browser (~2–5 ms, blocking): done here,
// while the answer is on its way and the modules load, not in the first render (issue #15).
api.i18n.getMessage('extName')
