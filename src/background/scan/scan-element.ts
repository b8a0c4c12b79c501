/**
 * "Scan QR code" on the image, canvas or SVG under a right-click, in frame `frameId`
 * of tab `tabId` (undefined: whichever frame saw the right-click answers). The code
 * is bound only to the site of that frame, and only if the image came from that
 * site too (see bindScannedAccounts for the rest of the rule).
 */
import { commonSite } from '../../core/site/index.ts'
import type { QrDecoder } from '../../shared/qr-worker-client.ts'
import type { ScanPanel, ViewportBox } from '../../shared/protocol.ts'
import type { TabPort } from '../tab-port.ts'
import { dataUrlBlob, type fetchImage } from './qr-decoder.ts'
import { failed, type ScanService } from './scan-service.ts'

export interface ScanElementDeps {
  tabs: TabPort
  scans: Pick<ScanService, 'interpret'>
  decodeBlob: (blob: Blob) => Promise<string[]>
  decodeQr: QrDecoder
  /** A fresh capture of the tab's visible part. */
  capture: (tabId: number) => Promise<Blob>
  visibleTab: (tabId: number, windowId: number | undefined) => Promise<ScanPanel>
  fetchImage: typeof fetchImage
}

const isHttp = (u: string) => /^https?:/i.test(u)

/** The frame's site, if every http(s) address the pixels came from is on it; data: and blob: images are the frame's own. */
const siteOf = (frameUrl: string | undefined, urls: readonly (string | undefined)[]) =>
  frameUrl && isHttp(frameUrl) ? commonSite([frameUrl, ...urls.filter((u): u is string => typeof u === 'string' && isHttp(u))]) : null

const finite = (...n: unknown[]) => n.every((v) => typeof v === 'number' && Number.isFinite(v))

export async function scanElement(
  deps: ScanElementDeps,
  tabId: number,
  frameId: number | undefined,
  srcUrl: string | undefined,
  frameUrl: string | undefined,
): Promise<ScanPanel> {
  try {
    const found = await deps.tabs.ask(tabId, frameId, 'elementImage', {}).catch(() => ({ none: true as const }))
    if ('dataUrl' in found) {
      // Pixels the page could hand over: its own, or another origin's that allowed it (CORS), which binds nothing.
      const texts = await deps.decodeBlob(await dataUrlBlob(found.dataUrl))
      const site = siteOf(frameUrl, [found.srcUrl])
      return await deps.scans.interpret(
        texts.map((text) => ({ text, site })),
        tabId,
      )
    }
    const image = 'srcUrl' in found ? found : srcUrl ? { srcUrl, box: null, devicePixelRatio: 1 } : null
    if (!image) return await deps.visibleTab(tabId, undefined)
    const { texts, urls } = await readCrossOriginImage(deps, tabId, image)
    const site = siteOf(frameUrl, urls)
    return await deps.scans.interpret(
      texts.map((text) => ({ text, site })),
      tabId,
    )
  } catch (e) {
    return failed(e)
  }
}

/**
 * An image the page cannot hand over: downloaded without cookies (fetchImage says why);
 * when that fails or finds nothing (the image needs the person's cookies), read from what
 * the page shows, a capture of its box: the right-click granted activeTab for that.
 * `urls`: every address the pixels came from, for the site check.
 */
async function readCrossOriginImage(
  deps: ScanElementDeps,
  tabId: number,
  image: { srcUrl: string; box: ViewportBox | null; devicePixelRatio: number },
) {
  let failure: unknown = null
  try {
    const { blob, url } = await deps.fetchImage(image.srcUrl)
    const texts = await deps.decodeBlob(blob)
    if (texts.length > 0) return { texts, urls: [image.srcUrl, url] }
  } catch (e) {
    failure = e
  }
  const { box, devicePixelRatio: dpr } = image
  if (box && finite(box.x, box.y, box.width, box.height, dpr) && dpr > 0) {
    try {
      const scan = await deps.decodeQr(await deps.capture(tabId), {
        x: box.x * dpr,
        y: box.y * dpr,
        width: box.width * dpr,
        height: box.height * dpr,
      })
      const texts = scan.codes.map((r) => r.text) // none when the box was (nearly) outside the capture
      if (texts.length > 0) return { texts, urls: [image.srcUrl] }
    } catch {
      // No capture here (no activeTab, the tab is not in front): the download's own failure says more.
    }
  }
  // The download's own error, rethrown as it was caught (a KeyfobError or what fetch threw).
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (failure !== null) throw failure
  return { texts: [], urls: [image.srcUrl] }
}
