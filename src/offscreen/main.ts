/**
 * Chromium's offscreen document (reason CLIPBOARD): it outlives the popup, so a
 * copied code can be cleared after the delay even when the popup has closed.
 * It answers only the extension's own background, and only this one request.
 */
import { ext } from '../shared/browser-api.ts'
import { clearClipboardLater } from '../shared/clipboard-dom.ts'
import { TO_OFFSCREEN } from '../shared/protocol.ts'
import { serve } from '../shared/serve.ts'

serve(
  TO_OFFSCREEN,
  {
    clearClipboard: async ({ code, delayMs }) => ({ cleared: await clearClipboardLater(document, code, delayMs) }),
  },
  (sender) =>
    // The worker has no URL in some browsers' reports; any other sender must be one of Keyfob's own pages.
    sender.id !== ext.runtime.id || (sender.url !== undefined && !sender.url.startsWith(ext.runtime.getURL('/'))) ? null : {},
)
