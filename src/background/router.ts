import type { Runtime } from 'webextension-polyfill'
import { KeyfobError } from '../core/errors.ts'
import { dispatch } from '../shared/background-messaging.ts'
import type { RequestEnvelope, ResponseEnvelope } from '../shared/protocol.ts'
import { checkContentScript, checkExtensionPage } from './check-sender.ts'
import { createContentHandlers } from './content-handlers.ts'
import { countsAsUse } from './counts-as-use.ts'
import { createPopupHandlers } from './popup-handlers.ts'
import type { Services } from './services.ts'

/** Routes a message to the handler table its channel names, after checking the sender may use it. */
export function createRouter(services: Services) {
  const popupHandlers = createPopupHandlers(services)
  const contentHandlers = createContentHandlers(services)
  return async function route(message: RequestEnvelope, sender: Runtime.MessageSender): Promise<ResponseEnvelope<unknown>> {
    switch (message.channel) {
      case 'popup': {
        const response = await dispatch(popupHandlers, message, checkExtensionPage(sender))
        // Auto-lock's clock: only what a person did moves it (counts-as-use.ts). A failed
        // touch must not turn an answered request into an error.
        if (countsAsUse(message.type)) await services.vault.touch().catch(() => undefined)
        return response
      }
      case 'content':
        return dispatch(contentHandlers, message, checkContentScript(sender))
      default:
        throw new KeyfobError('FORBIDDEN_SENDER', 'This request is not allowed from here.')
    }
  }
}
