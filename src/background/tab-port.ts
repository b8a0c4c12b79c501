/**
 * What the background's features may do with tabs, behind one typed interface: ask a frame's
 * content script (typed by the BackgroundToContent protocol), learn a tab's URL, capture what
 * it shows. index.ts passes the real one (createTabPort); unit tests pass fakes.
 */
import type { Tabs, Windows } from 'webextension-polyfill'
import { tabClient } from '../shared/background-messaging.ts'
import type { BackgroundToContent, InputOf, OutputOf } from '../shared/protocol.ts'

export interface TabPort {
  /**
   * Asks frame `frameId` of tab `tabId` (undefined: every frame; the first to answer wins). Rejects
   * when no content script answers (none there, a frame gone): each caller decides what that means.
   */
  ask<K extends keyof BackgroundToContent>(
    tabId: number,
    frameId: number | undefined,
    type: K,
    input: InputOf<BackgroundToContent, K>,
  ): Promise<OutputOf<BackgroundToContent, K>>
  /** The URL of a tab's top frame as its content script reports it, or null (no content script there). */
  tabUrl(tabId: number): Promise<string | null>
  /** A PNG data URL of the visible part of tab `tabId` (in window `windowId` when known): tabs.captureVisibleTab. */
  capture(tabId: number, windowId?: number): Promise<string>
}

/**
 * The real tabs: their content scripts through background-messaging.ts, and the tabs API.
 * `beforeAsk` runs before each request to a frame (the scan UI's injection: scan/inject-scan-ui.ts).
 */
export function createTabPort(
  api: {
    tabs: Pick<Tabs.Static, 'get' | 'captureVisibleTab'>
    windows: Pick<Windows.Static, 'WINDOW_ID_CURRENT'>
  },
  beforeAsk: (tabId: number, frameId: number | undefined, type: keyof BackgroundToContent) => Promise<void>,
): TabPort {
  const port: TabPort = {
    ask: async (tabId, frameId, type, input) => {
      await beforeAsk(tabId, frameId, type)
      return tabClient(tabId, frameId)(type, input)
    },
    tabUrl: (tabId) =>
      port.ask(tabId, 0, 'ping', {}).then(
        (r) => r.url,
        () => null,
      ),
    capture: async (tabId, windowId) => {
      // tabs.get needs no permission for the window a tab is in.
      const window = windowId ?? (await api.tabs.get(tabId)).windowId
      return api.tabs.captureVisibleTab(window ?? api.windows.WINDOW_ID_CURRENT, { format: 'png' })
    },
  }
  return port
}

/** Where no tab can be reached (tests of features that never touch one). */
export const noTabs: TabPort = {
  ask: () => Promise.reject(new Error('no tabs here')),
  tabUrl: async () => null,
  capture: () => Promise.reject(new Error('no tab capture here')),
}

/** A sentence from _locales (browser.i18n.getMessage: '' for an unknown key). */
export type Translate = (key: string, substitutions?: string | string[]) => string
