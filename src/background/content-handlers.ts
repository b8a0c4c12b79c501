import type { ContentToBackground, Handlers } from '../shared/protocol.ts'
import { empty } from '../shared/validate.ts'
import type { ContentContext } from './check-sender.ts'

export const contentHandlers = {
  contentReady: {
    parse: empty,
    handle: () => ({ ok: true as const }),
  },
} satisfies Handlers<ContentToBackground, ContentContext>
