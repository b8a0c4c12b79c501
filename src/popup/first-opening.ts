/**
 * openPopup as the page's first script sent it (opening.ts), as the session model takes it: the
 * answer unwrapped like any client's. When that request failed on its way (the worker stopped
 * before answering, which the client would have retried) it is asked again through the client.
 */
import { unwrap, type Client } from '../shared/messaging.ts'
import type { PopupOpening, PopupToBackground } from '../shared/protocol.ts'

/** What opening.ts leaves on the page: the browser's raw reply to its openPopup message. */
export type FirstRequest = Promise<unknown>

export async function takeFirstOpening(request: FirstRequest, client: Client<PopupToBackground>): Promise<PopupOpening> {
  const response = await request.catch(() => undefined)
  // No envelope: the browser's messaging failed (Keyfob's background always answers with one).
  return response === undefined ? client('openPopup', {}) : unwrap(response)
}
