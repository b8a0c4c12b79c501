/**
 * The worker's storage areas, whose reads for opening the popup are asked for by the start's first lines.
 *
 * Why a module of its own, imported first by index.ts (issue #15): modules run in import order, so these
 * reads go out before the rest of the start-up script's modules run their top levels (~4 ms on this
 * machine's kind) and before the background is built, and are answered while that runs. A popup that
 * starts a stopped worker waited for them after the script had run.
 */
import { ext as browser } from '../shared/browser-api.ts'
import { LOCAL, SESSION } from '../shared/storage-keys.ts'
import { closeLocalStorageToContentScripts } from './close-local-storage.ts'
import { readAheadArea } from './read-ahead-area.ts'

// First, before anything reads storage.local: content scripts may no longer reach it.
closeLocalStorageToContentScripts()

/** storage.local with what opening the popup reads asked for in one read (read-ahead-area.ts). */
export const startLocal = readAheadArea(browser.storage.local, [LOCAL.vault, LOCAL.settings, LOCAL.throttle, LOCAL.lastUsed])

/** storage.session, likewise. */
export const startSession = readAheadArea(browser.storage.session, [
  SESSION.sessionKey,
  SESSION.clock,
  SESSION.pendingScans,
  SESSION.lastUsed,
  SESSION.counters,
])
