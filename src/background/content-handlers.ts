/** Requests from content scripts: the tab and site come from the sender, never from the message. */
import type { ContentToBackground, Handlers } from '../shared/protocol.ts'
import { KeyfobError } from '../core/errors.ts'
import { empty, integer, object, string } from '../shared/validate.ts'
import { scanVisibleRegion } from './scan-flows.ts'
import type { ContentContext } from './check-sender.ts'
import type { Services } from './services.ts'

const scanId = (i: unknown) => ({ scanId: string(object(i, ['scanId']), 'scanId', { max: 100 }) })

export function createContentHandlers(s: Services) {
  return {
    fieldButtonEnabled: { parse: empty, handle: async () => ({ enabled: (await s.settings.get()).fieldButton }) },
    // The frame and its URL are the sender's own, as the browser reports them.
    fillRequest: {
      parse: empty,
      handle: async (_, ctx) => {
        await s.autofill.fillInFrame(ctx.tabId, ctx.frameId, ctx.url)
        return {}
      },
    },
    // Only the tab that was scanned can confirm or cancel its scan.
    confirmScan: { parse: scanId, handle: ({ scanId }, ctx) => s.scans.confirm(scanId, ctx.tabId) },
    cancelScan: {
      parse: scanId,
      handle: async ({ scanId }, ctx) => {
        await s.scans.cancel(scanId, ctx.tabId)
        return {}
      },
    },
    fillChosen: {
      parse: (i) => {
        const o = object(i, ['choiceId', 'index'])
        return { choiceId: string(o, 'choiceId', { max: 100 }), index: integer(o, 'index', 0, 100) }
      },
      handle: async ({ choiceId, index }, ctx) => ({ filled: await s.autofill.chosen(choiceId, index, ctx.tabId, ctx.frameId) }),
    },
    scanRegion: {
      parse: (i) => {
        const o = object(i, ['region', 'devicePixelRatio'])
        const r = object(o.region, ['x', 'y', 'width', 'height'])
        const num = (v: unknown, min: number, max: number) => {
          if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new KeyfobError('INVALID_MESSAGE', 'The region is not a box on the screen.')
          return v
        }
        return {
          region: { x: num(r.x, 0, 20_000), y: num(r.y, 0, 20_000), width: num(r.width, 8, 20_000), height: num(r.height, 8, 20_000) },
          devicePixelRatio: num(o.devicePixelRatio, 0.25, 8),
        }
      },
      // The tab is the sender's own: a frame can only ask for a box of the tab it is in.
      handle: ({ region, devicePixelRatio }, ctx) => scanVisibleRegion(s, ctx.tabId, region, devicePixelRatio),
    },
  } satisfies Handlers<ContentToBackground, ContentContext>
}
