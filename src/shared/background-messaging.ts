/**
 * The background's clients: of the tabs' content scripts, and of the offscreen document.
 * (Its listener is serve.ts.) Kept apart from the pages' clients (messaging.ts) so the
 * popup does not load it.
 */
import { ext } from './browser-api.ts'
import { unwrap, type Client } from './messaging.ts'
import type { BackgroundToContent, BackgroundToOffscreen, RequestEnvelope } from './protocol.ts'

/**
 * Client the background uses to reach one frame of a tab, or every frame when `frameId` is undefined.
 * Its callers decide what a page that does not answer means (no content script there, a frame gone).
 */
export function tabClient(tabId: number, frameId?: number): Client<BackgroundToContent> {
  return async (type, input) => {
    const m: RequestEnvelope = { channel: 'background', type, input }
    return unwrap(await (frameId === undefined ? ext.tabs.sendMessage(tabId, m) : ext.tabs.sendMessage(tabId, m, { frameId })))
  }
}

/** Client of the offscreen document (Chromium), once it has been created. */
export const offscreenClient: Client<BackgroundToOffscreen> = async (type, input) =>
  unwrap(await ext.runtime.sendMessage({ channel: 'offscreen', type, input } satisfies RequestEnvelope))
