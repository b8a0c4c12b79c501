/** Scan requests: from the popup (an image file, the tab it is over, the scan waiting after an unlock; openPopup shows it) and from the page's scan panel. */
import type { ContentToBackground, Handlers, PopupToBackground } from '../../shared/protocol.ts'
import type { ContentContext, ExtensionPageContext } from '../check-sender.ts'
import type { ScanFlows } from './scan-flows.ts'
import type { ScanService } from './scan-service.ts'

export function createScanPopupHandlers(scans: ScanService, flows: ScanFlows) {
  return {
    scanImage: ({ dataUrl }) => flows.dataUrl(dataUrl),
    scanActiveTab: ({ tabId }) => flows.visibleTab(tabId, undefined),
    confirmPendingScan: ({ scanId }) => scans.confirm(scanId, null),
  } satisfies Handlers<Pick<PopupToBackground, 'scanImage' | 'scanActiveTab' | 'confirmPendingScan'>, ExtensionPageContext>
}

export function createScanContentHandlers(scans: ScanService, flows: ScanFlows) {
  return {
    // Only the tab that was scanned can confirm or cancel its scan.
    confirmScan: ({ scanId }, ctx) => scans.confirm(scanId, ctx.tabId),
    cancelScan: async ({ scanId }, ctx) => {
      await scans.cancel(scanId, ctx.tabId)
      return {}
    },
    // The tab is the sender's own: a frame can only ask for a box of the tab it is in.
    scanRegion: ({ region, devicePixelRatio }, ctx) => flows.region(ctx.tabId, region, devicePixelRatio),
  } satisfies Handlers<Pick<ContentToBackground, 'confirmScan' | 'cancelScan' | 'scanRegion'>, ContentContext>
}
