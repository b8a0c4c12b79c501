/**
 * Runtime messaging for the extension's pages and the content script: typed clients of
 * the background. (The background's side, its listener and its client of the tabs, is
 * background-messaging.ts, so pages do not load it.) Errors cross the boundary as
 * `{ code, message }` and are re-thrown at the caller as the same KeyfobError.
 */
import { ext } from './browser-api.ts'
import { KeyfobError } from '../core/errors.ts'
import type { ContentToBackground, InputOf, OutputOf, PopupToBackground, RequestEnvelope, ResponseEnvelope } from './protocol.ts'

export type Client<P> = <K extends keyof P & string>(type: K, input: InputOf<P, K>) => Promise<OutputOf<P, K>>

export function unwrap<O>(response: unknown): O {
  const r = response as ResponseEnvelope<O> | undefined
  if (!r || typeof r !== 'object' || !('ok' in r)) {
    throw new KeyfobError('INTERNAL', 'Keyfob’s background did not answer.')
  }
  if (r.ok) return r.value
  const { code, message, ...rest } = r.error
  throw new KeyfobError(code, message, rest) // its field and values
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
  'openPopup',
  'getStatus',
  'listAccounts',
  'lock',
  'updateSettings',
  'updateAccount',
  'moveAccount',
  'confirmPendingScan',
  'fieldButtonEnabled',
  'confirmScan',
  'cancelScan',
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
