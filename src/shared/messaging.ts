/**
 * The one module that touches runtime messaging. Callers get typed clients;
 * the background registers typed handlers. Errors cross the boundary as
 * `{ code, message }` and are re-thrown at the caller as the same KeyfobError.
 */
import type { Runtime } from 'webextension-polyfill'
import { ext } from './browser-api.ts'
import { KeyfobError, isKeyfobError } from '../core/errors.ts'
import type {
  BackgroundToContent,
  Channel,
  ContentToBackground,
  InputOf,
  OutputOf,
  PopupToBackground,
  RequestEnvelope,
  ResponseEnvelope,
} from './protocol.ts'

export type Client<P> = <K extends keyof P & string>(type: K, input: InputOf<P, K>) => Promise<OutputOf<P, K>>

function unwrap<O>(response: unknown): O {
  const r = response as ResponseEnvelope<O> | undefined
  if (!r || typeof r !== 'object' || !('ok' in r)) {
    throw new KeyfobError('INTERNAL', 'Keyfob’s background did not answer.')
  }
  if (r.ok) return r.value
  throw new KeyfobError(r.error.code, r.error.message, r.error.field === undefined ? undefined : { field: r.error.field })
}

function send<P>(channel: Channel, post: (m: RequestEnvelope) => Promise<unknown>): Client<P> {
  return async (type, input) => unwrap(await post({ channel, type, input }))
}

/** Client for extension pages (popup, options). */
export const popupClient: Client<PopupToBackground> = send('popup', (m) => ext.runtime.sendMessage(m))

/** Client for the content script. */
export const contentClient: Client<ContentToBackground> = send('content', (m) => ext.runtime.sendMessage(m))

/** Client the background uses to reach one frame of a tab, or every frame when `frameId` is undefined. */
export function tabClient(tabId: number, frameId?: number): Client<BackgroundToContent> {
  return send('background', (m) => (frameId === undefined ? ext.tabs.sendMessage(tabId, m) : ext.tabs.sendMessage(tabId, m, { frameId })))
}

export function toErrorResponse(e: unknown): ResponseEnvelope<never> {
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
    route(message, sender).catch(toErrorResponse).then(sendResponse)
    return true
  }) as unknown as Parameters<typeof ext.runtime.onMessage.addListener>[0])
}
