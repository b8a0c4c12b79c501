/**
 * The serving side of runtime messaging, for every context that answers requests: the
 * background (the pages' and content scripts' requests), the content script (the
 * background's) and the offscreen document (the background's). The only place that
 * listens to runtime.onMessage. (Clients: messaging.ts for the pages and the content
 * script, background-messaging.ts for the background; kept apart so that neither a page
 * nor the popup loads what it does not use.)
 */
import type { Runtime } from 'webextension-polyfill'
import { KeyfobError, isKeyfobError } from '../core/errors.ts'
import { ext } from './browser-api.ts'
import type { Direction, Handlers, RequestEnvelope, ResponseEnvelope } from './protocol.ts'

/**
 * Decides from `sender` as the browser reports it (never from the message) whether the request
 * may be served, and what handlers learn of the sender: returns the context, throws (the sender
 * is told why, e.g. FORBIDDEN_SENDER), or returns null (not for this listener: no answer at all,
 * so that another listener or frame may answer).
 */
export type SenderCheck<Ctx> = (sender: Runtime.MessageSender, type: string) => Ctx | null

export function toErrorResponse(e: unknown): ResponseEnvelope<never> {
  if (isKeyfobError(e)) {
    const { code, message, field, values } = e
    return { ok: false, error: { code, message, ...(field === undefined ? {} : { field }), ...(values === undefined ? {} : { values }) } }
  }
  // Unknown failures are logged without their payload and reported generically,
  // so no internal detail (or secret) reaches another context.
  console.error('Keyfob: unexpected error', e instanceof Error ? e.name : typeof e)
  return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Keyfob.' } }
}

export interface ServeOptions {
  /** Runs after each request the sender check let through has been answered (or has failed). */
  settled?: (type: string) => Promise<void> | void
}

/**
 * The answer to `message` from the handlers of `direction`, or null when it is not this
 * listener's to answer (another channel, not an envelope, or a sender the check passes over).
 * The input reaches its handler only once the direction's schema has accepted it.
 */
export function answer<P, Ctx>(
  direction: Direction<P>,
  handlers: Handlers<P, Ctx>,
  check: SenderCheck<Ctx>,
  message: unknown,
  sender: Runtime.MessageSender,
  options: ServeOptions = {},
): Promise<ResponseEnvelope<unknown>> | null {
  const m = message as Partial<RequestEnvelope> | null
  if (typeof m !== 'object' || m === null || m.channel !== direction.channel || typeof m.type !== 'string') return null
  const type = m.type
  let ctx: Ctx | null
  try {
    ctx = check(sender, type)
  } catch (e) {
    return Promise.resolve(toErrorResponse(e))
  }
  if (ctx === null) return null
  const run = async (): Promise<ResponseEnvelope<unknown>> => {
    try {
      if (!Object.hasOwn(handlers, type)) throw new KeyfobError('INVALID_MESSAGE', `Unknown request '${type}'.`)
      const key = type as keyof P
      const input = direction.inputs[key](m.input, '')
      return { ok: true, value: await handlers[key](input, ctx) }
    } catch (e) {
      return toErrorResponse(e)
    } finally {
      // A failure here must not turn an answered request into an error.
      await Promise.resolve(options.settled?.(type)).catch(() => undefined)
    }
  }
  return run()
}

/**
 * Registers a context's listener for one direction of the protocol. Replies go through
 * sendResponse (and the listener returns true), which works in every MV3 browser;
 * returning a Promise from the listener needs a recent Chromium.
 */
export function serve<P, Ctx>(direction: Direction<P>, handlers: Handlers<P, Ctx>, check: SenderCheck<Ctx>, options?: ServeOptions): void {
  ext.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    const reply = answer(direction, handlers, check, message, sender, options)
    if (!reply) return false // not ours: let other listeners answer
    void reply.then(sendResponse)
    return true
  }) as unknown as Parameters<typeof ext.runtime.onMessage.addListener>[0])
}
