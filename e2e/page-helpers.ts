/** What the autofill, scan and hostile-page specs share: binding accounts, menu clicks, Keyfob's panels. */
import type { BrowserContext, Frame, Locator, Page, Worker } from '@playwright/test'
import { grantActiveTab } from './active-tab.ts'
import { expect, findTabId } from './fixtures.ts'
import * as flows from './shared/flows.ts'
import { playwrightUi, popupRequest as uiRequest } from './shared/ui.ts'
import { unpackAccountList, type PackedAccountList } from '../src/shared/account-list-wire.ts'

/** Sends one popup request from an extension page. */
export const popupRequest = <T = unknown>(popup: Page, type: string, input: object) => uiRequest<T>(playwrightUi(popup), type, input)

/** A new vault holding `uris`, each bound to `sites`; returns the account ids. */
export const setUpBound = (popup: Page, sites: string[], ...uris: string[]) => flows.setUpBound(playwrightUi(popup), sites, ...uris)

export { codesNow } from './shared/flows.ts'

/**
 * Runs the real "Fill two-factor code" menu listener, as after a right-click in the
 * page's top frame, or in the frame `frame` (its extension frame id and URL).
 */
export async function menuFill(page: Page, sw: Worker, frame?: { frameId: number; url: string }): Promise<void> {
  const tabId = await findTabId(sw, page.url())
  await sw.evaluate(
    async ({ tabId, frameId, frameUrl, pageUrl }) => {
      const tab = await chrome.tabs.get(tabId)
      ;(chrome.contextMenus.onClicked as unknown as { dispatch: (...a: unknown[]) => void }).dispatch(
        { menuItemId: 'keyfob-fill', frameId, frameUrl, pageUrl, editable: true },
        tab,
      )
    },
    { tabId, frameId: frame?.frameId ?? 0, frameUrl: frame?.url ?? page.url(), pageUrl: page.url() },
  )
}

/** Runs the real keyboard-command listener for Alt+Shift+F in the page's tab. */
export async function commandFill(page: Page, sw: Worker): Promise<void> {
  const tabId = await findTabId(sw, page.url())
  await sw.evaluate(async (tabId) => {
    const tab = await chrome.tabs.get(tabId)
    ;(chrome.commands.onCommand as unknown as { dispatch: (...a: unknown[]) => void }).dispatch('fill-code', tab)
  }, tabId)
}

/**
 * The text of Keyfob's panels in the page (closed shadow roots: read from the
 * accessibility tree, which a page cannot read). Dialogs whose name passes `which`.
 */
export async function panelText(
  context: BrowserContext,
  page: Page | Frame,
  which: (name: string) => boolean = (n) => n.startsWith('Keyfob'),
): Promise<string> {
  // A cross-origin frame runs in its own process, with its own accessibility tree: ask that frame's target.
  const cdp = await context.newCDPSession(page)
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree')
    const byId = new Map(nodes.map((n) => [n.nodeId, n]))
    const texts: string[] = []
    const walk = (id: string) => {
      const n = byId.get(id)
      if (!n) return
      if (n.role?.value === 'StaticText' && n.name?.value) texts.push(String(n.name.value))
      for (const c of n.childIds ?? []) walk(c)
    }
    for (const dialog of nodes.filter((n) => n.role?.value === 'dialog' && which(String(n.name?.value ?? '')))) walk(dialog.nodeId)
    return texts.join(' ')
  } finally {
    await cdp.detach()
  }
}

/**
 * Right-clicks `target` like a person, then runs the real "Scan QR code" menu listener with
 * what Chromium reports for such a click: the frame's URL (`frameUrl`, for a click inside a
 * frame) and, on an image, its address (`srcUrl`). A frame's id is left out (the test cannot
 * name it): whichever frame saw the right-click answers.
 */
export async function rightClickScan(
  page: Page,
  sw: Worker,
  target: Locator,
  reported: { frameUrl?: string; srcUrl?: string } = {},
): Promise<void> {
  await target.click({ button: 'right' })
  const tabId = await findTabId(sw, page.url())
  await grantActiveTab(page, sw) // as the menu click does
  await sw.evaluate(
    async ({ tabId, pageUrl, frameUrl, srcUrl }) => {
      const tab = await chrome.tabs.get(tabId)
      ;(chrome.contextMenus.onClicked as unknown as { dispatch: (...a: unknown[]) => void }).dispatch(
        {
          menuItemId: 'keyfob-scan-qr',
          pageUrl,
          editable: false,
          ...(frameUrl === undefined ? { frameId: 0 } : { frameUrl }),
          ...(srcUrl === undefined ? {} : { srcUrl, mediaType: 'image' }),
        },
        tab,
      )
    },
    { tabId, pageUrl: page.url(), frameUrl: reported.frameUrl, srcUrl: reported.srcUrl },
  )
}

/** Runs the real "Scan this page for QR codes" menu listener for the page's tab. */
export async function scanPage(page: Page, sw: Worker): Promise<void> {
  const tabId = await findTabId(sw, page.url())
  await grantActiveTab(page, sw) // as the menu click does (it brings the tab to the front)
  await sw.evaluate(
    async ({ tabId, pageUrl }) => {
      const tab = await chrome.tabs.get(tabId)
      ;(chrome.contextMenus.onClicked as unknown as { dispatch: (...a: unknown[]) => void }).dispatch(
        { menuItemId: 'keyfob-scan-page', frameId: 0, pageUrl, editable: false },
        tab,
      )
    },
    { tabId, pageUrl: page.url() },
  )
}

/** Waits until Keyfob's panel in the page shows `text`. */
export const expectPanel = (context: BrowserContext, page: Page, text: RegExp | string) =>
  expect.poll(() => panelText(context, page), { timeout: 15_000 }).toMatch(text)

/** The vault's accounts as the popup sees them (names and bound sites, never secrets). */
export async function listAccounts(popup: Page): Promise<{ issuer: string; account: string; sites: string[] }[]> {
  const r = await popupRequest<PackedAccountList>(popup, 'listAccounts', {})
  return unpackAccountList(r.value)
    .accounts.sort((a, b) => a.order - b.order)
    .map(({ issuer, account, sites }) => ({ issuer, account, sites }))
}
