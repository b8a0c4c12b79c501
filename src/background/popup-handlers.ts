import browser from 'webextension-polyfill'
import type { Handlers, PopupToBackground } from '../shared/protocol.ts'
import { empty } from '../shared/validate.ts'
import type { ExtensionPageContext } from './check-sender.ts'

export const popupHandlers = {
  getStatus: {
    parse: empty,
    handle: () => ({ state: 'uninitialized' as const, version: browser.runtime.getManifest().version }),
  },
} satisfies Handlers<PopupToBackground, ExtensionPageContext>
