/**
 * Scanning what the person points at: the visible tab, a box of it, the image under a
 * right-click (scan-element.ts), or an image file from the popup. The pixels are made here;
 * decoding happens off this thread (off-thread-qr.ts), and the result is a panel the
 * person confirms (ScanService).
 */
import { KeyfobError } from '../../core/errors.ts'
import type { ScanCode } from '../../core/qr/index.ts'
import { commonSite } from '../../core/site/index.ts'
import type { ScanPanel, ViewportBox } from '../../shared/protocol.ts'
import type { TabPort } from '../tab-port.ts'
import type { QrDecoder } from '../../shared/qr-worker-client.ts'
import { offThreadQr } from './off-thread-qr.ts'
import { dataUrlBlob, fetchImage } from './qr-decoder.ts'
import { scanElement } from './scan-element.ts'
import { failed, type ScanService } from './scan-service.ts'

export interface ScanFlowDeps {
  tabs: TabPort
  scans: Pick<ScanService, 'interpret'>
  /** Downloads an image the page could not hand over (qr-decoder.ts says how). */
  fetchImage?: typeof fetchImage
  /** Decodes an image, or a box of it, off the worker's thread (off-thread-qr.ts; tests pass their own). */
  decodeQr?: QrDecoder
}

/** The box around a decoded code, in pixels of the capture. */
function boxOf({ corners }: ScanCode): ViewportBox {
  const xs = [corners.topLeft.x, corners.topRight.x, corners.bottomRight.x, corners.bottomLeft.x]
  const ys = [corners.topLeft.y, corners.topRight.y, corners.bottomRight.y, corners.bottomLeft.y]
  return {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  }
}

export function createScanFlows(deps: ScanFlowDeps) {
  const { tabs, scans } = deps
  const decodeQr = deps.decodeQr ?? offThreadQr()
  const decodeBlob = async (blob: Blob) => (await decodeQr(blob, null)).codes.map((r) => r.text)

  /** A fresh capture of the tab's visible part, as an image (device pixels). */
  const capture = async (tabId: number, windowId?: number) => dataUrlBlob(await tabs.capture(tabId, windowId))

  /**
   * Each code found in a capture of the tab, with the site that drew it: the one site
   * of every document and image under its box, as the top frame's content script sees
   * them. Another origin's frame there, or no answer, means Keyfob cannot tell: no site.
   */
  async function codesWithSites(tabId: number, found: ScanCode[], captureWidth: number) {
    if (found.length === 0) return []
    const boxes = found.map(boxOf)
    const { sources } = await tabs.ask(tabId, 0, 'drawnBy', { boxes, captureWidth }).catch(() => ({ sources: [] as unknown[] }))
    return found.map((r, i) => {
      const urls: unknown = Array.isArray(sources) ? sources[i] : null
      const site = Array.isArray(urls) && urls.every((u) => typeof u === 'string') ? commonSite(urls) : null
      return { text: r.text, site }
    })
  }

  /** The visible part of a tab, as the person sees it. */
  async function visibleTab(tabId: number, windowId: number | undefined): Promise<ScanPanel> {
    try {
      const scan = await decodeQr(await capture(tabId, windowId), null)
      const found = scan.codes
      const panel = await scans.interpret(await codesWithSites(tabId, found, scan.width), tabId)
      // Nothing on the whole page: the person may point at the code (the region picker), read at full resolution.
      // A symbol seen but not read is not "no QR code" (issue #19): say so.
      if (found.length > 0) return panel
      return { ...panel, offerRegion: true, ...(scan.sawCandidates && { message: { key: 'scanSeenUnreadable' } }) }
    } catch (e) {
      return failed(e)
    }
  }

  const flows = {
    visibleTab,

    /** A box of the visible tab the person dragged (CSS pixels), cut from a fresh capture at full resolution. */
    async region(tabId: number, region: ViewportBox, devicePixelRatio: number): Promise<ScanPanel> {
      try {
        // CSS pixels to the capture's device pixels.
        const rect = {
          x: region.x * devicePixelRatio,
          y: region.y * devicePixelRatio,
          width: region.width * devicePixelRatio,
          height: region.height * devicePixelRatio,
        }
        // Cut from the capture at full resolution by the decoder, which says what was left inside the image.
        const scan = await decodeQr(await capture(tabId), rect)
        const box = scan.region ?? { width: 0, height: 0 }
        if (box.width < 8 || box.height < 8) throw new KeyfobError('REGION_OUTSIDE_PAGE', 'That box is outside the visible page.')
        const found = scan.codes
        const panel = await scans.interpret(await codesWithSites(tabId, found, scan.width), tabId)
        if (found.length > 0) return panel
        return { ...panel, message: { key: scan.sawCandidates ? 'scanSeenUnreadable' : 'scanNoCodeInBox' } }
      } catch (e) {
        return failed(e)
      }
    },

    /** "Scan QR code" on what was under a right-click (scan-element.ts). */
    element: (tabId: number, frameId: number | undefined, srcUrl: string | undefined, frameUrl: string | undefined) =>
      scanElement(
        { tabs, scans, decodeBlob, decodeQr, capture, visibleTab, fetchImage: deps.fetchImage ?? fetchImage },
        tabId,
        frameId,
        srcUrl,
        frameUrl,
      ),

    /** An image file the person chose in the popup: no page, so no site to bind. */
    async dataUrl(dataUrl: string): Promise<ScanPanel> {
      try {
        const texts = await decodeBlob(await dataUrlBlob(dataUrl))
        return await scans.interpret(
          texts.map((text) => ({ text, site: null })),
          null,
        )
      } catch (e) {
        return failed(e)
      }
    },

    /** Shows the panel in the tab's top frame, where the person is looking (a page that cannot show it: nothing to do). */
    async show(tabId: number, panel: ScanPanel): Promise<void> {
      await tabs.ask(tabId, 0, 'showScan', { panel }).catch(() => undefined)
    },
  }
  return flows
}

export type ScanFlows = ReturnType<typeof createScanFlows>
