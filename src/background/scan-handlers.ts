/** Scans started from the popup, and the scan waiting there after an unlock. */
import { KeyfobError } from '../core/errors.ts'
import type { Handlers, PopupToBackground } from '../shared/protocol.ts'
import { empty, integer, object, string } from '../shared/validate.ts'
import type { ExtensionPageContext } from './check-sender.ts'
import { scanDataUrl, scanVisibleTab } from './scan-flows.ts'
import type { Services } from './services.ts'

export function createScanHandlers(s: Services) {
  return {
    scanImage: {
      parse: (i) => {
        const dataUrl = string(object(i, ['dataUrl']), 'dataUrl', { max: 30_000_000 })
        if (!/^data:image\//.test(dataUrl)) throw new KeyfobError('INVALID_MESSAGE', "'dataUrl' must be an image.")
        return { dataUrl }
      },
      handle: ({ dataUrl }) => scanDataUrl(s, dataUrl),
    },
    scanActiveTab: {
      parse: (i) => ({ tabId: integer(object(i, ['tabId']), 'tabId', 0, 2 ** 31) }),
      handle: ({ tabId }) => scanVisibleTab(s, tabId, undefined),
    },
    pendingScan: { parse: empty, handle: async () => ({ panel: await s.scans.latest() }) },
    confirmPendingScan: {
      parse: (i) => ({ scanId: string(object(i, ['scanId']), 'scanId', { max: 100 }) }),
      handle: ({ scanId }) => s.scans.confirm(scanId, null),
    },
  } satisfies Handlers<Pick<PopupToBackground, 'scanImage' | 'scanActiveTab' | 'pendingScan' | 'confirmPendingScan'>, ExtensionPageContext>
}
