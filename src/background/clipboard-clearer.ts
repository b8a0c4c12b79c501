/**
 * Clears a copied code from the clipboard after the configured delay, if it is
 * still there. Chromium: through an offscreen document (a service worker has no
 * clipboard), closed again once no clearing is pending. Firefox: its event page
 * has a document and does it itself.
 */
import browser from 'webextension-polyfill'
import { clearClipboardLater } from '../shared/clipboard-dom.ts'

const OFFSCREEN_URL = 'src/offscreen/index.html'
let pending = 0

interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>
  closeDocument(): Promise<void>
  hasDocument?(): Promise<boolean>
}

async function ensureOffscreen(offscreen: OffscreenApi): Promise<void> {
  const contexts = await (chrome.runtime as unknown as { getContexts?: (f: object) => Promise<unknown[]> }).getContexts?.({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
  })
  if (contexts && contexts.length > 0) return
  await offscreen.createDocument({
    url: OFFSCREEN_URL,
    reasons: ['CLIPBOARD'],
    justification: 'Clear a copied two-factor code from the clipboard after the delay the user chose.',
  }).catch((e: unknown) => {
    // Two copies in quick succession: the other call created it first.
    if (!String(e).includes('Only a single offscreen')) throw e
  })
}

export async function clearClipboardAfter(code: string, delayMs: number): Promise<boolean> {
  const offscreen = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen
  if (!offscreen) {
    if (typeof document === 'undefined') return false
    return clearClipboardLater(document, code, delayMs)
  }
  pending++
  try {
    await ensureOffscreen(offscreen)
    const r = await browser.runtime.sendMessage<unknown, { ok: true; value: { cleared: boolean } } | undefined>(
      { channel: 'offscreen', type: 'clearClipboard', input: { code, delayMs } })
    return r?.value.cleared ?? false
  } finally {
    if (--pending === 0) await offscreen.closeDocument().catch(() => undefined)
  }
}
