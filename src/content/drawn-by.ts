/**
 * Top frame: what draws each box of a capture of the tab, so a code read from a
 * page capture is bound only to the site that drew it. For each box, the http(s)
 * URLs of the documents and images whose elements overlap it (CSS backgrounds
 * included); null when this frame cannot tell: another origin's frame (its site, and
 * whatever it shows, is out of sight here) or a canvas holding another origin's pixels.
 * Overlap, not hit testing: a frame or image made `pointer-events: none` still counts.
 */
import type { ViewportBox } from '../shared/protocol.ts'

const FRAMES = new Set(['iframe', 'frame', 'object', 'embed', 'portal', 'fencedframe'])
const URL_IN_CSS = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g

/** Closed shadow roots too (Chromium's chrome.dom, Firefox's openOrClosedShadowRoot): a page can hide a frame in one. */
function shadowOf(el: Element): ShadowRoot | null {
  const g = globalThis as unknown as { chrome?: { dom?: { openOrClosedShadowRoot?: (e: Element) => ShadowRoot | null } } }
  const ff = (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot
  try {
    return g.chrome?.dom?.openOrClosedShadowRoot?.(el) ?? ff ?? el.shadowRoot
  } catch {
    return el.shadowRoot
  }
}

function* elementsOf(root: Document | ShadowRoot): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el
    const shadow = shadowOf(el)
    if (shadow) yield* elementsOf(shadow)
  }
}

const overlaps = (r: DOMRect, b: ViewportBox) =>
  r.width > 0 && r.height > 0 && r.right > b.x && r.left < b.x + b.width && r.bottom > b.y && r.top < b.y + b.height

/** Addresses an element draws pixels from (images, posters, CSS images of it and its ::before/::after). */
function resourcesOf(el: Element, base: string): string[] {
  const urls: string[] = []
  const add = (u: string | null | undefined) => {
    if (!u) return
    try {
      urls.push(new URL(u, base).href)
    } catch {
      // not a URL
    }
  }
  const tag = el.localName
  if (tag === 'img' || tag === 'input') add((el as HTMLImageElement).currentSrc || el.getAttribute('src'))
  if (tag === 'video') add((el as HTMLVideoElement).currentSrc || el.getAttribute('poster'))
  if (tag === 'image') add(el.getAttribute('href') ?? el.getAttribute('xlink:href'))
  const win = el.ownerDocument.defaultView
  for (const pseudo of [null, '::before', '::after']) {
    const style = win?.getComputedStyle(el, pseudo)
    if (!style) continue
    for (const value of [style.backgroundImage, style.borderImageSource, style.listStyleImage, style.maskImage, style.content]) {
      for (const m of (value ?? '').matchAll(URL_IN_CSS)) add(m[1] ?? m[2] ?? m[3])
    }
  }
  return urls
}

/** A canvas that holds another origin's pixels refuses to be read. */
function tainted(canvas: HTMLCanvasElement): boolean {
  if (canvas.width * canvas.height > 16_000_000) return true // too big to check: cannot tell
  try {
    canvas.toDataURL()
    return false
  } catch {
    return true
  }
}

/** Sources in `doc` (at `url`) overlapping `box`, or every source in it when `box` is null. */
function sourcesIn(doc: Document, url: string, box: ViewportBox | null): string[] | null {
  const out = [url]
  for (const el of elementsOf(doc)) {
    if (box && !overlaps(el.getBoundingClientRect(), box)) continue
    if (FRAMES.has(el.localName)) {
      let inner: Document | null = null
      try {
        inner = (el as HTMLIFrameElement).contentDocument
      } catch {
        // another origin
      }
      if (!inner) return null
      // A frame of this origin: everything in it counts (its own coordinates are not worth the risk of a miss).
      const innerUrl = /^https?:/i.test(inner.URL) ? inner.URL : url
      const nested = sourcesIn(inner, innerUrl, null)
      if (nested === null) return null
      out.push(...nested)
      continue
    }
    if (el.localName === 'canvas' && tainted(el as HTMLCanvasElement)) return null
    out.push(...resourcesOf(el, doc.baseURI))
  }
  // data: URLs are the document's own; blob: URLs belong to the origin that made them.
  return out.flatMap((u) => (u.startsWith('blob:') ? [u.slice(5)] : /^https?:/i.test(u) ? [u] : []))
}

/** `boxes` are in pixels of a capture `captureWidth` wide (the viewport at device resolution). */
export function drawnBy(boxes: readonly ViewportBox[], captureWidth: number): (string[] | null)[] {
  const scale = captureWidth > 0 ? window.innerWidth / captureWidth : 1
  return boxes.map((b) =>
    sourcesIn(document, location.href, { x: b.x * scale, y: b.y * scale, width: b.width * scale, height: b.height * scale }),
  )
}
