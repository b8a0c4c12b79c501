/**
 * Clears a copied code from the clipboard after the configured delay, if it is
 * still there. Chromium: through an offscreen document (a service worker has no
 * clipboard), closed again once no clearing is pending. Firefox: its event page
 * has a document and does it itself, with an alarm as well as a timer, because
 * Firefox stops an idle event page after 30 s and the timer with it.
 */
import { ext as browser } from '../../shared/browser-api.ts'
import { offscreenClient } from '../../shared/background-messaging.ts'
import { clearClipboardLater, emptyClipboard, readClipboard } from '../../shared/clipboard-dom.ts'
import { SESSION } from '../../shared/storage-keys.ts'
import { offscreenApi, withOffscreen } from '../offscreen-document.ts'
import { CLIPBOARD_ALARM } from './clipboard-alarm.ts'

/** A SHA-256 of the code: the pending clear is kept without the code itself. */
async function digest(text: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('')
}

export async function clearClipboardAfter(code: string, delayMs: number): Promise<boolean> {
  const offscreen = offscreenApi()
  if (!offscreen) {
    if (typeof document === 'undefined') return false
    // The newest copy is the one to clear: the record names it (by hash), the alarm wakes a stopped page.
    await browser.storage.session.set({ [SESSION.clipboardClear]: { hash: await digest(code) } })
    await browser.alarms.create(CLIPBOARD_ALARM, { when: Date.now() + delayMs })
    return clearClipboardLater(document, code, delayMs)
  }
  // Closed again once no clearing (and no scan) is pending: offscreen-document.ts.
  return withOffscreen(offscreen, async () => (await offscreenClient('clearClipboard', { code, delayMs })).cleared, { close: true })
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
