/** Scan requests: from the popup (an image file, the tab it is over, the scan waiting after an unlock; openPopup shows it) and from the page's scan panel. */
import { KeyfobError } from '../../core/errors.ts'
import type { ContentToBackground, Handlers, PopupToBackground, ScanPanel } from '../../shared/protocol.ts'
import type { ContentContext, ExtensionPageContext } from '../check-sender.ts'
import type { TabPort } from '../tab-port.ts'
import type { ScanFlows } from './scan-flows.ts'
import type { ScanService } from './scan-service.ts'

/**
 * What the popup says when its scan of the tab read nothing (issue #19). A code seen but not read
 * already says so (scan-flows.ts); "no QR code" becomes "none on the visible part", since only that
 * was captured, and when the page has something QR-shaped out of view, the person is told to scroll.
 * A page that cannot be asked (no content script) just gets no hint. The panel names the tab, where
 * the popup offers the page's region picker.
 */
async function nothingReadInTab(tabs: Pick<TabPort, 'ask'>, tabId: number, panel: ScanPanel): Promise<ScanPanel> {
  if (!panel.offerRegion) return panel
  if (panel.message?.key !== 'scanNoCode') return { ...panel, tabId }
  const { outside } = await tabs.ask(tabId, 0, 'qrOutsideView', {}).catch(() => ({ outside: false }))
  return { ...panel, tabId, message: { key: 'scanNoCodeVisible' }, ...(outside && { hint: 'scanMaybeBelow' as const }) }
}

export function createScanPopupHandlers(scans: ScanService, flows: ScanFlows, tabs: Pick<TabPort, 'ask'>) {
  return {
    scanImage: ({ dataUrl }) => flows.dataUrl(dataUrl),
    scanActiveTab: async ({ tabId }) => nothingReadInTab(tabs, tabId, await flows.visibleTab(tabId, undefined)),
    confirmPendingScan: ({ scanId }) => scans.confirm(scanId, null),
    // The page draws the picker, reads the box (scanRegion, from the tab itself) and shows the result in its own panel.
    pickScanRegion: async ({ tabId }) => {
      await tabs.ask(tabId, 0, 'pickRegion', {}).catch(() => {
        throw new KeyfobError('PICKER_UNAVAILABLE', 'Keyfob does not run on this page, so the code cannot be selected here.')
      })
      return {}
    },
  } satisfies Handlers<
    Pick<PopupToBackground, 'scanImage' | 'scanActiveTab' | 'confirmPendingScan' | 'pickScanRegion'>,
    ExtensionPageContext
  >
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
