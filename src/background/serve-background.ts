/**
 * The two directions the background serves, each with its sender check: requests from the
 * extension's own pages (popup, options) and from content scripts. index.ts registers them
 * (serveBackground); unit tests call the same table directly (routeFor).
 */
import type { Runtime } from 'webextension-polyfill'
import { CONTENT, POPUP, type ResponseEnvelope } from '../shared/protocol.ts'
import { answer, serve } from '../shared/serve.ts'
import type { Background } from './background.ts'
import { checkContentScript, checkExtensionPage } from './check-sender.ts'
import { recordUse } from './counts-as-use.ts'

/** Auto-lock's clock: only what a person did moves it (counts-as-use.ts). */
const popupOptions = (bg: Background) => ({
  settled: (type: string) => recordUse(type, () => bg.vault.touch()),
})

export function serveBackground(bg: Background): void {
  serve(POPUP, bg.popupHandlers, checkExtensionPage, popupOptions(bg))
  serve(CONTENT, bg.contentHandlers, checkContentScript)
}

/**
 * What the background's listeners answer to `message` from `sender`; rejects when none of them
 * answers, as the browser does ("Receiving end does not exist").
 */
export function routeFor(bg: Background) {
  const options = popupOptions(bg)
  return (message: unknown, sender: Runtime.MessageSender): Promise<ResponseEnvelope<unknown>> =>
    answer(POPUP, bg.popupHandlers, checkExtensionPage, message, sender, options) ??
    answer(CONTENT, bg.contentHandlers, checkContentScript, message, sender) ??
    Promise.reject(new Error('No listener answers this message.'))
}
