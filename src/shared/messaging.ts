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

/**
 * Requests that are asked again when the background stopped before answering (Chrome
 * stops an idle worker, and may do so while a request is on its way): reads, and
 * changes that come out the same when repeated (a scan's Add finds the accounts it
 * already added, and answers with the first Add's result). Anything else (an unlock
 * that counts a wrong password, an HOTP code that advances the counter, a fill, a
 * delete) is never sent twice: the person is told it may not have been done.
 */
const REPEATABLE: ReadonlySet<string> = new Set([
  'getStatus', 'listAccounts', 'pendingScan', 'tabFillable', 'lock', 'updateSettings', 'updateAccount', 'moveAccount', 'confirmPendingScan',
  'fieldButtonEnabled', 'confirmScan', 'cancelScan',
] satisfies (keyof PopupToBackground | keyof ContentToBackground)[])

/** Waits before each new try: the browser needs a moment to start the worker again. */
const RETRY_DELAYS_MS = [150, 400, 1000]

/** A messaging failure, with its sentence from _locales (what happened, what to do), as the popup and the page panel show it. */
const failure = (code: 'BACKGROUND_STOPPED' | 'EXTENSION_RELOADED', cause: unknown) =>
  new KeyfobError(code, ext.i18n.getMessage(`error_${code}`) || code, { cause })

/**
 * A client of the background over runtime.sendMessage. The browser's own messaging errors
 * ("A listener indicated an asynchronous response…", "Could not establish connection…",
 * "The message port closed…") never reach the person: a repeatable request is asked
 * again, and anything else becomes a KeyfobError that says what happened and what to do.
 */
function runtimeClient<P>(channel: 'popup' | 'content'): Client<P> {
  return async (type, input) => {
    for (let attempt = 0; ; attempt++) {
      let response: unknown
      let cause: unknown
      try {
        response = await ext.runtime.sendMessage({ channel, type, input } satisfies RequestEnvelope)
      } catch (e) {
        // A content script whose extension was reloaded or updated is cut off for good: asking again cannot help.
        if (/context invalidated/i.test(String(e))) throw failure('EXTENSION_RELOADED', e)
        cause = e
      }
      // No envelope at all means the listener went away without answering: the same as an error.
      if (cause === undefined && response !== undefined) return unwrap(response)
      const delay = RETRY_DELAYS_MS[attempt]
      if (!REPEATABLE.has(type) || delay === undefined) throw failure('BACKGROUND_STOPPED', cause)
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}

/** Client for extension pages (popup, options). */
export const popupClient: Client<PopupToBackground> = runtimeClient('popup')

/** Client for the content script. */
export const contentClient: Client<ContentToBackground> = runtimeClient('content')

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
