/** Filling from the popup: the account the person clicked, into the tab it is over. */
import type { Handlers, PopupToBackground } from '../shared/protocol.ts'
import { boolean, integer, object, string } from '../shared/validate.ts'
import { registrableDomain } from '../core/site/index.ts'
import { tabClient } from '../shared/background-messaging.ts'
import type { ExtensionPageContext } from './check-sender.ts'
import type { Services } from './services.ts'

const tabOnly = (i: unknown) => ({ tabId: integer(object(i, ['tabId']), 'tabId', 0, 2 ** 31) })

export function createFillHandlers(s: Services) {
  return {
    fillFromPopup: {
      parse: (i) => {
        const o = object(i, ['id', 'tabId', 'confirmMismatch'])
        return {
          id: string(o, 'id', { max: 100 }),
          tabId: integer(o, 'tabId', 0, 2 ** 31),
          confirmMismatch: 'confirmMismatch' in o ? boolean(o, 'confirmMismatch') : false,
        }
      },
      handle: ({ id, tabId, confirmMismatch }) => s.autofill.fromPopup(id, tabId, confirmMismatch ?? false),
    },
    pendingFramedFill: { parse: tabOnly, handle: async ({ tabId }) => ({ framed: await s.autofill.pendingFramed(tabId) }) },
    confirmFramedFill: {
      parse: (i) => {
        const o = object(i, ['tabId', 'index'])
        return { tabId: integer(o, 'tabId', 0, 2 ** 31), index: integer(o, 'index', 0, 100) }
      },
      handle: async ({ tabId, index }) => ({ filled: await s.autofill.confirmFramed(tabId, index) }),
    },
    cancelFramedFill: {
      parse: tabOnly,
      handle: ({ tabId }) => {
        s.autofill.cancelFramed(tabId)
        return {}
      },
    },
    tabFillable: {
      parse: tabOnly,
      handle: async ({ tabId }) => {
        const url = await s.tabUrl(tabId)
        if (!url) return { fillable: false, site: null }
        const { fillable } = await tabClient(tabId, 0)('otpFieldStatus', {}).catch(() => ({ fillable: false }))
        return { fillable, site: registrableDomain(url) }
      },
    },
  } satisfies Handlers<Pick<PopupToBackground, 'fillFromPopup' | 'tabFillable' | 'pendingFramedFill' | 'confirmFramedFill' | 'cancelFramedFill'>, ExtensionPageContext>
}
