/**
 * The background's side of runtime messaging: the one onMessage listener that serves the
 * handler tables, and the client of the tabs' content scripts. Kept apart from the
 * pages' clients (messaging.ts) so the popup does not load it.
 */
import type { Runtime } from 'webextension-polyfill'
import { ext } from './browser-api.ts'
import { KeyfobError, isKeyfobError } from '../core/errors.ts'
import { unwrap, type Client } from './messaging.ts'
import type { BackgroundToContent, RequestEnvelope, ResponseEnvelope } from './protocol.ts'

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

function toErrorResponse(e: unknown): ResponseEnvelope<never> {
  if (isKeyfobError(e)) {
    return { ok: false, error: { code: e.code, message: e.message, ...(e.field === undefined ? {} : { field: e.field }) } }
  }
  // Unknown failures are logged without their payload and reported generically,
  // so no internal detail (or secret) reaches another context.
  console.error('Keyfob: unexpected error', e instanceof Error ? e.name : typeof e)
  return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Keyfob.' } }
}

function isEnvelope(m: unknown): m is RequestEnvelope {
  if (typeof m !== 'object' || m === null) return false
  const { channel, type } = m as Record<string, unknown>
  return (channel === 'popup' || channel === 'content' || channel === 'background') && typeof type === 'string'
}

/** Any handler table built with `satisfies Handlers<P, Ctx>`. */
type HandlerTable<Ctx> = Record<string, { parse: (input: unknown) => unknown; handle: (input: never, ctx: Ctx) => unknown }>

export async function dispatch<Ctx>(
  handlers: HandlerTable<Ctx>,
  message: RequestEnvelope,
  ctx: Ctx,
): Promise<ResponseEnvelope<unknown>> {
  try {
    const handler = Object.hasOwn(handlers, message.type) ? handlers[message.type] : undefined
    if (!handler) throw new KeyfobError('INVALID_MESSAGE', `Unknown request '${message.type}'.`)
    const input = handler.parse(message.input) as never
    return { ok: true, value: await handler.handle(input, ctx) }
  } catch (e) {
    return toErrorResponse(e)
  }
}

/**
 * Registers the single runtime.onMessage listener of a context. `route` decides,
 * from the sender alone, which handler table may serve the message, and throws
 * FORBIDDEN_SENDER otherwise.
 */
export function listen(
  route: (message: RequestEnvelope, sender: Runtime.MessageSender) => Promise<ResponseEnvelope<unknown>>,
): void {
  // Replying through sendResponse (and returning true) works in every MV3 browser;
  // returning a Promise from the listener needs a recent Chromium.
  ext.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    if (!isEnvelope(message)) return false // not ours: let other listeners answer
    // Errors are answered as responses (toErrorResponse); nothing is left to await.
    void route(message, sender).catch(toErrorResponse).then(sendResponse)
    return true
  }) as unknown as Parameters<typeof ext.runtime.onMessage.addListener>[0])
}
