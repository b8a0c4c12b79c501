/**
 * Clears a copied code from the clipboard after the configured delay, if it is
 * still there. Chromium: through an offscreen document (a service worker has no
 * clipboard), closed again once no clearing is pending. Firefox: its event page
 * has a document and does it itself, with an alarm as well as a timer, because
 * Firefox stops an idle event page after 30 s and the timer with it.
 */
import browser from 'webextension-polyfill'
import { offscreenClient } from '../../shared/background-messaging.ts'
import { clearClipboardLater, emptyClipboard, readClipboard } from '../../shared/clipboard-dom.ts'
import { SESSION } from '../../shared/storage-keys.ts'

export const CLIPBOARD_ALARM = 'keyfob-clipboard-clear'

/** A SHA-256 of the code: the pending clear is kept without the code itself. */
async function digest(text: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('')
}

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
  await offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: ['CLIPBOARD'],
      justification: 'Clear a copied two-factor code from the clipboard after the delay the user chose.',
    })
    .catch((e: unknown) => {
      // Two copies in quick succession: the other call created it first.
      if (!String(e).includes('Only a single offscreen')) throw e
    })
}

export async function clearClipboardAfter(code: string, delayMs: number): Promise<boolean> {
  const offscreen = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen
  if (!offscreen) {
    if (typeof document === 'undefined') return false
    // The newest copy is the one to clear: the record names it (by hash), the alarm wakes a stopped page.
    await browser.storage.session.set({ [SESSION.clipboardClear]: { hash: await digest(code) } })
    await browser.alarms.create(CLIPBOARD_ALARM, { when: Date.now() + delayMs })
    return clearClipboardLater(document, code, delayMs)
  }
  pending++
  try {
    await ensureOffscreen(offscreen)
    return (await offscreenClient('clearClipboard', { code, delayMs })).cleared
  } finally {
    if (--pending === 0) await offscreen.closeDocument().catch(() => undefined)
  }
}

/**
 * The alarm of a clear (Firefox): the event page may have been stopped and started again, its timer
 * lost. Empties the clipboard if it still holds the code last copied (something copied since is left alone).
 */
export async function onClipboardAlarm(): Promise<boolean> {
  const record = (await browser.storage.session.get(SESSION.clipboardClear))[SESSION.clipboardClear] as { hash?: unknown } | undefined
  await browser.storage.session.remove(SESSION.clipboardClear)
  if (typeof document === 'undefined' || typeof record?.hash !== 'string') return false
  const text = readClipboard(document)
  if (text === '' || (await digest(text)) !== record.hash) return false
  emptyClipboard(document)
  return true
}
