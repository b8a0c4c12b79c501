/**
 * Fill requests: from the popup (the account the person clicked, the framed fill it confirms), and
 * from content scripts (the field button, the picker), whose tab, frame and URL come from the sender.
 * Each goes to the one fill service.
 */
import type { ContentToBackground, Handlers, PopupToBackground } from '../../shared/protocol.ts'
import type { ContentContext, ExtensionPageContext } from '../check-sender.ts'
import type { FillService } from './fill-service.ts'

export function createFillPopupHandlers(fill: FillService) {
  return {
    fillFromPopup: ({ id, tabId, confirmMismatch }) => fill.fromPopup(id, tabId, confirmMismatch ?? false),
    confirmFramedFill: async ({ tabId, index }) => ({ filled: await fill.confirmFramed(tabId, index) }),
    cancelFramedFill: async ({ tabId }) => {
      await fill.cancelFramed(tabId)
      return {}
    },
  } satisfies Handlers<Pick<PopupToBackground, 'fillFromPopup' | 'confirmFramedFill' | 'cancelFramedFill'>, ExtensionPageContext>
}

export function createFillContentHandlers(fill: FillService) {
  return {
    // The frame and its URL are the sender's own, as the browser reports them.
    fillRequest: async (_, ctx) => {
      await fill.fromPage({ from: 'button', tabId: ctx.tabId, frameId: ctx.frameId, url: ctx.url })
      return {}
    },
    fillChosen: async ({ choiceId, index }, ctx) => ({
      filled: await fill.fromPage({ from: 'picker', tabId: ctx.tabId, frameId: ctx.frameId, choiceId, index }),
    }),
  } satisfies Handlers<Pick<ContentToBackground, 'fillRequest' | 'fillChosen'>, ContentContext>
}
