/**
 * The page's scan UI (src/content/scan-ui.ts: the scan panel, the region picker, what draws a
 * capture's boxes) is not in the content script every page loads (issue #15): it is injected into
 * the frame just before the background asks that frame for one of them. Every such request follows
 * a person's action that grants activeTab on the tab (the context menu, the keyboard command, the
 * toolbar popup), and activeTab is what scripting.executeScript needs; the `scripting` permission
 * itself shows no install warning. The injected file registers with the content script once, so a
 * second injection adds nothing (src/content/scan-ui-hook.ts).
 */
import type { Scripting } from 'webextension-polyfill'
import type { BackgroundToContent } from '../../shared/protocol.ts'

/**
 * The scan UI's entry and its file in the build: one self-contained script (an IIFE, like the content
 * script), built by vite.config.ts beside the content script and listed in no web_accessible_resources,
 * so pages cannot probe for it (executeScript needs no such listing).
 */
export const SCAN_UI = { entry: 'src/content/scan-ui.ts', file: 'src/content/scan-ui.js' }

/** The requests whose handlers in the page call the scan UI. */
const NEEDS_SCAN_UI = new Set<keyof BackgroundToContent>(['showScan', 'pickRegion', 'drawnBy'])

/**
 * Runs before each request to a frame (tab-port.ts): injects the built scan UI first when the
 * request needs it. A refused injection is not an error here: the UI may already be in the page (the
 * person clicked in its own panel after activeTab lapsed), and if not, the request fails as on a page
 * Keyfob does not run on, which each caller already handles.
 */
export function scanUiInjector(scripting: Pick<Scripting.Static, 'executeScript'>) {
  return async (tabId: number, frameId: number | undefined, type: keyof BackgroundToContent): Promise<void> => {
    if (!NEEDS_SCAN_UI.has(type)) return
    const target = frameId === undefined ? { tabId, allFrames: true } : { tabId, frameIds: [frameId] }
    await scripting.executeScript({ target, files: [SCAN_UI.file] }).catch(() => undefined)
  }
}
