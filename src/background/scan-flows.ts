/**
 * The ways into a scan: the element under a right-click, the visible part of a
 * tab, or an image file from the popup. Each decodes in the worker and answers
 * with the panel the person confirms.
 */
import { KeyfobError, isKeyfobError } from '../core/errors.ts'
import type { ScanPanel } from '../shared/protocol.ts'
import { tabClient } from '../shared/messaging.ts'
import { cropRgba, decodeQrCodes } from '../core/qr/index.ts'
import { decodeBlob, fetchImage, imageToPixels } from './qr-decoder.ts'
import type { Services } from './services.ts'

const dataUrlBlob = async (dataUrl: string) => {
  if (!/^data:image\//i.test(dataUrl)) throw new KeyfobError('INVALID_IMAGE', 'That is not an image Keyfob can read.')
  return (await fetch(dataUrl)).blob()
}

function failed(e: unknown): ScanPanel {
  const message = isKeyfobError(e) ? e.message : 'The scan failed.'
  return { scanId: crypto.randomUUID(), state: 'error', items: [], batch: null, site: null, message }
}

/** The visible part of a tab, as the person sees it (device pixels). */
export async function scanVisibleTab(s: Services, tabId: number, windowId: number | undefined): Promise<ScanPanel> {
  try {
    const png = await s.captureTab(windowId)
    const texts = await decodeBlob(await dataUrlBlob(png))
    const panel = await s.scans.interpret(texts, await s.tabUrl(tabId), tabId)
    // Nothing on the whole page: the person may point at the code (the region picker).
    return texts.length === 0 ? { ...panel, offerRegion: true } : panel
  } catch (e) {
    return failed(e)
  }
}

/** A box of the visible tab the person dragged (CSS pixels), cut from a fresh capture at full resolution. */
export async function scanVisibleRegion(
  s: Services, tabId: number, region: { x: number; y: number; width: number; height: number }, devicePixelRatio: number,
): Promise<ScanPanel> {
  try {
    const pixels = await imageToPixels(await dataUrlBlob(await s.captureTab(await s.windowOf(tabId))))
    // CSS pixels to the capture's device pixels.
    const box = cropRgba(pixels, {
      x: region.x * devicePixelRatio, y: region.y * devicePixelRatio,
      width: region.width * devicePixelRatio, height: region.height * devicePixelRatio,
    })
    if (box.width < 8 || box.height < 8) throw new KeyfobError('INVALID_IMAGE', 'That box is outside the visible page.')
    const texts = decodeQrCodes(box).map((r) => r.text)
    const panel = await s.scans.interpret(texts, await s.tabUrl(tabId), tabId)
    return texts.length === 0 ? { ...panel, message: 'No QR code was found in that box.' } : panel
  } catch (e) {
    return failed(e)
  }
}

/**
 * The image, canvas or SVG under the person's right-click, in frame `frameId` of tab
 * `tabId` (undefined: whichever frame saw the right-click answers).
 */
export async function scanElement(s: Services, tabId: number, frameId: number | undefined, srcUrl: string | undefined, pageUrl: string | undefined): Promise<ScanPanel> {
  try {
    const found = await tabClient(tabId, frameId)('elementImage', {}).catch(() => ({ none: true as const }))
    let blob: Blob
    if ('dataUrl' in found) blob = await dataUrlBlob(found.dataUrl)
    else if ('srcUrl' in found) blob = await fetchImage(found.srcUrl, pageUrl) // cross-origin: the page's canvas would be tainted
    else if (srcUrl) blob = await fetchImage(srcUrl, pageUrl)
    else return await scanVisibleTab(s, tabId, undefined)
    return await s.scans.interpret(await decodeBlob(blob), pageUrl ?? null, tabId)
  } catch (e) {
    return failed(e)
  }
}

/** An image file the person chose in the popup: no page, so no site to bind. */
export async function scanDataUrl(s: Services, dataUrl: string): Promise<ScanPanel> {
  try {
    return await s.scans.interpret(await decodeBlob(await dataUrlBlob(dataUrl)), null, null)
  } catch (e) {
    return failed(e)
  }
}

export async function showInTab(tabId: number, panel: ScanPanel): Promise<void> {
  await tabClient(tabId, 0)('showScan', { panel }).catch(() => undefined)
}
