/** Requests from content scripts: the tab and site come from the sender, never from the message. */
import type { ContentToBackground, Handlers } from '../shared/protocol.ts'
import { empty, object, string } from '../shared/validate.ts'
import type { ContentContext } from './check-sender.ts'
import type { Services } from './services.ts'

const scanId = (i: unknown) => ({ scanId: string(object(i, ['scanId']), 'scanId', { max: 100 }) })

export function createContentHandlers(s: Services) {
  return {
    contentReady: { parse: empty, handle: () => ({ ok: true as const }) },
    // Only the tab that was scanned can confirm or cancel its scan.
    confirmScan: { parse: scanId, handle: ({ scanId }, ctx) => s.scans.confirm(scanId, ctx.tabId) },
    cancelScan: {
      parse: scanId,
      handle: ({ scanId }, ctx) => {
        s.scans.cancel(scanId, ctx.tabId)
        return {}
      },
    },
  } satisfies Handlers<ContentToBackground, ContentContext>
}
