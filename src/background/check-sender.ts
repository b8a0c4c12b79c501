/**
 * Who may ask the background for what. Decided from `sender` as the browser
 * reports it, never from the message itself.
 */
import type { Runtime } from 'webextension-polyfill'
import { ext as browser } from '../shared/browser-api.ts'
import { KeyfobError } from '../core/errors.ts'

export interface ExtensionPageContext {
  url: string
  /** The window of the page when it is a tab (absent for the toolbar popup): the popup's tab in front is looked up there. */
  windowId?: number
  /**
   * The page's own tab, when it is the active tab of its window (the popup opened as a tab, in front): then the tab in
   * front is the page itself, an extension page no content script runs in, and nothing needs to be looked up or asked.
   */
  ownTabInFront?: number
}

export interface ContentContext {
  tabId: number
  frameId: number
  /** The URL of the frame that sent the message (its own origin, not the top page's). */
  url: string
}

function forbidden(): never {
  throw new KeyfobError('FORBIDDEN_SENDER', 'This request is not allowed from here.')
}

/** Popup and options requests: only the extension's own pages. */
export function checkExtensionPage(sender: Runtime.MessageSender): ExtensionPageContext {
  const base = browser.runtime.getURL('/')
  if (sender.id !== browser.runtime.id || typeof sender.url !== 'string' || !sender.url.startsWith(base)) forbidden()
  const tab = sender.tab
  if (tab?.windowId === undefined) return { url: sender.url }
  return tab.active && tab.id !== undefined && tab.id >= 0
    ? { url: sender.url, windowId: tab.windowId, ownTabInFront: tab.id }
    : { url: sender.url, windowId: tab.windowId }
}

/** Content requests: a frame of a real tab on an http(s) page. */
export function checkContentScript(sender: Runtime.MessageSender): ContentContext {
  const tabId = sender.tab?.id
  const url = sender.url
  if (sender.id !== browser.runtime.id || tabId === undefined || tabId < 0 || typeof url !== 'string') forbidden()
  if (!/^https?:\/\//i.test(url)) forbidden()
  return { tabId, frameId: sender.frameId ?? 0, url }
}
