/**
 * Chromium's offscreen document (reason CLIPBOARD): it outlives the popup, so a
 * copied code can be cleared after the delay even when the popup has closed.
 * It answers only the extension's own background, and only this one request.
 */
import type { Runtime } from 'webextension-polyfill'
import { ext } from '../shared/browser-api.ts'
import { clearClipboardLater } from '../shared/clipboard-dom.ts'

interface ClearRequest {
  channel: 'offscreen'
  type: 'clearClipboard'
  input: { code: string; delayMs: number }
}

function isClearRequest(m: unknown): m is ClearRequest {
  const r = m as ClearRequest | null
  return r?.channel === 'offscreen' && r.type === 'clearClipboard' && typeof r.input?.code === 'string' &&
    r.input.code.length <= 16 && Number.isInteger(r.input.delayMs) && r.input.delayMs >= 0 && r.input.delayMs <= 600_000
}

ext.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender, sendResponse: (r: unknown) => void) => {
  if (sender.id !== ext.runtime.id || sender.url !== undefined && !sender.url.startsWith(ext.runtime.getURL('/')) || !isClearRequest(message)) return false
  void clearClipboardLater(document, message.input.code, message.input.delayMs).then((cleared) => sendResponse({ ok: true, value: { cleared } }))
  return true
}) as unknown as Parameters<typeof ext.runtime.onMessage.addListener>[0])
