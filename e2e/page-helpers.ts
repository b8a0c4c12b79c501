/** What the autofill, scan and hostile-page specs share: binding accounts, menu clicks, Keyfob's panels. */
import type { BrowserContext, Frame, Page, Worker } from '@playwright/test'
import { generateCode } from '../src/core/otp/generate-code.ts'
import { parseOtpauthUri } from '../src/core/uri/parse-otpauth-uri.ts'
import { findTabId } from './fixtures.ts'
import { createVaultWithPassword } from './vault-helpers.ts'

/** Sends one popup request from an extension page. */
export function popupRequest<T = unknown>(popup: Page, type: string, input: object): Promise<{ ok: boolean; value: T; error?: { code: string } }> {
  return popup.evaluate(([type, input]) => chrome.runtime.sendMessage({ channel: 'popup', type, input }), [type, input] as const)
}

/** A new vault holding `uris`, each bound to `sites`; returns the account ids. */
export async function setUpBound(popup: Page, sites: string[], ...uris: string[]): Promise<string[]> {
  await createVaultWithPassword(popup)
  const ids: string[] = []
  for (const uri of uris) {
    const r = await popupRequest<{ added: { id: string }[] }>(popup, 'addAccounts', { text: uri })
    const id = r.value.added[0]?.id as string
    await popupRequest(popup, 'updateAccount', { id, sites })
    ids.push(id)
  }
  return ids
}

/** The codes of the window now and either side (a test may straddle a boundary). */
export async function codesNow(uri: string): Promise<string[]> {
  const c = parseOtpauthUri(uri)
  return Promise.all([0, -c.period * 1000, c.period * 1000].map((d) => generateCode(c, Date.now() + d)))
}

/**
 * Runs the real "Fill two-factor code" menu listener, as after a right-click in the
 * page's top frame, or in the frame `frame` (its extension frame id and URL).
 */
export async function menuFill(page: Page, sw: Worker, frame?: { frameId: number; url: string }): Promise<void> {
  const tabId = await findTabId(sw, page.url())
  await sw.evaluate(async ({ tabId, frameId, frameUrl, pageUrl }) => {
    const tab = await chrome.tabs.get(tabId)
    ;(chrome.contextMenus.onClicked as unknown as { dispatch: (...a: unknown[]) => void }).dispatch(
      { menuItemId: 'keyfob-fill', frameId, frameUrl, pageUrl, editable: true },
      tab,
    )
  }, { tabId, frameId: frame?.frameId ?? 0, frameUrl: frame?.url ?? page.url(), pageUrl: page.url() })
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
export async function panelText(context: BrowserContext, page: Page | Frame, which: (name: string) => boolean = (n) => n.startsWith('Keyfob')): Promise<string> {
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
