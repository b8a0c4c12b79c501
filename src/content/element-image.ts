/**
 * The pixels of the image, canvas or inline SVG the person right-clicked, as a
 * PNG data URL (with an image's address, whose site the binding checks). A
 * cross-origin image taints the canvas; then its address and its place on screen
 * are returned: the extension downloads it without cookies, or reads that box of
 * what the page shows. Decoding never happens here.
 */
import type { ElementImage, ViewportBox } from '../shared/protocol.ts'

function canvasOf(width: number, height: number): [HTMLCanvasElement, CanvasRenderingContext2D] | null {
  if (width < 1 || height < 1 || width * height > 40_000_000) return null
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  // Transparency survives the PNG; the extension's pipeline composites it onto white.
  return [canvas, ctx]
}

function drawable(source: CanvasImageSource, width: number, height: number): string | null {
  const c = canvasOf(width, height)
  if (!c) return null
  c[1].drawImage(source, 0, 0, width, height)
  return c[0].toDataURL('image/png') // throws SecurityError when the source is cross-origin
}

async function svgImage(svg: SVGSVGElement): Promise<ElementImage> {
  const box = svg.getBoundingClientRect()
  // Render at least 4× so thin modules survive rasterisation.
  const scale = Math.max(4, Math.ceil(400 / Math.max(1, Math.min(box.width, box.height))))
  const clone = svg.cloneNode(true) as SVGSVGElement
  clone.setAttribute('width', String(box.width * scale))
  clone.setAttribute('height', String(box.height * scale))
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`
  const img = new Image()
  img.src = url
  await img.decode()
  const dataUrl = drawable(img, img.naturalWidth || box.width * scale, img.naturalHeight || box.height * scale)
  return dataUrl ? { dataUrl } : { none: true }
}

/**
 * Where `el` is in the top frame's viewport (CSS pixels), adding the offsets of the
 * frames it is in; null inside a frame of another origin, whose place this frame cannot see.
 */
function boxInTopViewport(el: Element): ViewportBox | null {
  const r = el.getBoundingClientRect()
  let x = r.left
  let y = r.top
  for (let w: Window = window; w !== w.top; w = w.parent) {
    let frame: Element | null = null
    try {
      frame = w.frameElement
    } catch {
      // another origin's window
    }
    if (!frame) return null
    const f = frame.getBoundingClientRect()
    const style = getComputedStyle(frame)
    x += f.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft)
    y += f.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop)
  }
  return { x, y, width: r.width, height: r.height }
}

export async function elementImage(target: Element | null): Promise<ElementImage> {
  const el = target?.closest('img, canvas, svg') ?? null
  try {
    if (el instanceof HTMLImageElement) {
      const srcUrl = el.currentSrc || el.src
      if (!el.complete) await el.decode().catch(() => undefined)
      try {
        const dataUrl = drawable(el, el.naturalWidth, el.naturalHeight)
        // Only an http(s) address says anything about the image's site (data: and blob: are this page's own).
        if (dataUrl) return /^https?:/i.test(srcUrl) ? { dataUrl, srcUrl } : { dataUrl }
      } catch {
        // Tainted: another origin's image.
      }
      // Tainted, or not drawn at all (refused without the person's cookies, say): the extension tries itself.
      return { srcUrl, box: boxInTopViewport(el), devicePixelRatio: window.devicePixelRatio }
    }
    if (el instanceof HTMLCanvasElement) return { dataUrl: drawable(el, el.width, el.height) ?? '' }
    if (el instanceof SVGSVGElement) return await svgImage(el)
  } catch {
    // A tainted canvas or an SVG that will not render: let the extension scan the screen instead.
  }
  return { none: true }
}
