/**
 * The ways into a scan: the visible part of a tab, a box of it, or an image file
 * from the popup (the element under a right-click is in scan-element.ts). Each
 * decodes in the worker and answers with the panel the person confirms.
 */
import { KeyfobError } from '../core/errors.ts'
import type { ScanPanel, ViewportBox } from '../shared/protocol.ts'
import { scanFailure } from '../shared/sentence.ts'
import { tabClient } from '../shared/background-messaging.ts'
import { cropRgba, decodeQrCodes, type QrResult, type RgbaImage } from '../core/qr/index.ts'
import { clampRect } from '../core/qr/crop.ts'
import { commonSite } from '../core/site/index.ts'
import { decodeBlob, imageToPixels } from './qr-decoder.ts'
import type { Services } from './services.ts'

export const dataUrlBlob = async (dataUrl: string) => {
  if (!/^data:image\//i.test(dataUrl)) throw new KeyfobError('INVALID_IMAGE', 'That is not an image Keyfob can read.')
  return (await fetch(dataUrl)).blob()
}

export function failed(e: unknown): ScanPanel {
  return { scanId: crypto.randomUUID(), state: 'error', items: [], batch: null, message: scanFailure(e), note: null }
}

/** A fresh capture of the tab's visible part, as pixels (device pixels). */
export async function captureTabPixels(s: Services, tabId: number, windowId?: number): Promise<RgbaImage> {
  return imageToPixels(await dataUrlBlob(await s.captureTab(windowId ?? (await s.windowOf(tabId)))))
}

/** The box around a decoded code, in pixels of the capture (`dx`, `dy`: where the decoded crop sat in it). */
function boxOf({ corners }: QrResult, dx: number, dy: number): ViewportBox {
  const xs = [corners.topLeft.x, corners.topRight.x, corners.bottomRight.x, corners.bottomLeft.x]
  const ys = [corners.topLeft.y, corners.topRight.y, corners.bottomRight.y, corners.bottomLeft.y]
  return { x: Math.min(...xs) + dx, y: Math.min(...ys) + dy, width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) }
}

/**
 * Each code found in a capture of the tab, with the site that drew it: the one site
 * of every document and image under its box, as the top frame's content script sees
 * them. Another origin's frame there, or no answer, means Keyfob cannot tell: no site.
 */
async function codesWithSites(tabId: number, found: QrResult[], captureWidth: number, dx = 0, dy = 0) {
  if (found.length === 0) return []
  const boxes = found.map((r) => boxOf(r, dx, dy))
  const { sources } = await tabClient(tabId, 0)('drawnBy', { boxes, captureWidth }).catch(() => ({ sources: [] as unknown[] }))
  return found.map((r, i) => {
    const urls: unknown = Array.isArray(sources) ? sources[i] : null
    const site = Array.isArray(urls) && urls.every((u) => typeof u === 'string') ? commonSite(urls) : null
    return { text: r.text, site }
  })
}

/** The visible part of a tab, as the person sees it. */
export async function scanVisibleTab(s: Services, tabId: number, windowId: number | undefined): Promise<ScanPanel> {
  try {
    const pixels = await captureTabPixels(s, tabId, windowId)
    const found = decodeQrCodes(pixels)
    const panel = await s.scans.interpret(await codesWithSites(tabId, found, pixels.width), tabId)
    // Nothing on the whole page: the person may point at the code (the region picker).
    return found.length === 0 ? { ...panel, offerRegion: true } : panel
  } catch (e) {
    return failed(e)
  }
}

/** A box of the visible tab the person dragged (CSS pixels), cut from a fresh capture at full resolution. */
export async function scanVisibleRegion(s: Services, tabId: number, region: ViewportBox, devicePixelRatio: number): Promise<ScanPanel> {
  try {
    const pixels = await captureTabPixels(s, tabId)
    // CSS pixels to the capture's device pixels.
    const rect = { x: region.x * devicePixelRatio, y: region.y * devicePixelRatio, width: region.width * devicePixelRatio, height: region.height * devicePixelRatio }
    const box = cropRgba(pixels, rect)
    if (box.width < 8 || box.height < 8) throw new KeyfobError('REGION_OUTSIDE_PAGE', 'That box is outside the visible page.')
    const found = decodeQrCodes(box)
    const at = clampRect(rect, pixels.width, pixels.height)
    const panel = await s.scans.interpret(await codesWithSites(tabId, found, pixels.width, at.x, at.y), tabId)
    return found.length === 0 ? { ...panel, message: { key: 'scanNoCodeInBox' } } : panel
  } catch (e) {
    return failed(e)
  }
}

/** An image file the person chose in the popup: no page, so no site to bind. */
export async function scanDataUrl(s: Services, dataUrl: string): Promise<ScanPanel> {
  try {
    const texts = await decodeBlob(await dataUrlBlob(dataUrl))
    return await s.scans.interpret(texts.map((text) => ({ text, site: null })), null)
  } catch (e) {
    return failed(e)
  }
}

export async function showInTab(tabId: number, panel: ScanPanel): Promise<void> {
  await tabClient(tabId, 0)('showScan', { panel }).catch(() => undefined)
}
