import type { GreyImage, Point, Quad } from './types.ts'

/**
 * Paints a symbol's area (grown by `margin` pixels on every side) with `value`,
 * in place. Blanking a decoded code this way lets the next jsQR pass find the
 * next code instead of the same one again.
 */
export function fillQuad(image: GreyImage, quad: Quad, value: number, margin = 0): void {
  const poly = grow(quad, margin)
  forEachRow(image, poly, (row, x0, x1) => image.data.fill(value, row + x0, row + x1))
}

/**
 * Paints everything outside the quad (grown by `margin`) with `value`, in place,
 * so that a crop holds one symbol only: jsQR combines finder patterns of
 * similar size wherever they are, and a neighbouring code's would confuse it.
 */
export function fillOutsideQuad(image: GreyImage, quad: Quad, value: number, margin = 0): void {
  const poly = grow(quad, margin)
  const { width, height, data } = image
  let done = 0
  forEachRow(image, poly, (row, x0, x1, y) => {
    data.fill(value, done * width, y * width) // rows above, or between, with no span
    data.fill(value, row, row + x0)
    data.fill(value, row + x1, row + width)
    done = y + 1
  })
  data.fill(value, done * width, height * width)
}

/** The quad's corners pushed `margin` pixels outwards from its centre along each diagonal (√2 × margin for a square). */
function grow(quad: Quad, margin: number): Point[] {
  const corners = [quad.topLeft, quad.topRight, quad.bottomRight, quad.bottomLeft]
  const cx = corners.reduce((s, p) => s + p.x, 0) / 4
  const cy = corners.reduce((s, p) => s + p.y, 0) / 4
  return corners.map((p) => {
    const d = Math.hypot(p.x - cx, p.y - cy) || 1
    const k = (d + margin * Math.SQRT2) / d
    return { x: cx + (p.x - cx) * k, y: cy + (p.y - cy) * k }
  })
}

/** Calls `fill(rowOffset, x0, x1, y)` for each image row the convex polygon covers, with its span [x0, x1) clipped to the image. */
function forEachRow(image: GreyImage, poly: readonly Point[], fill: (row: number, x0: number, x1: number, y: number) => void): void {
  const ys = poly.map((p) => p.y)
  const y0 = Math.max(0, Math.floor(Math.min(...ys)))
  const y1 = Math.min(image.height - 1, Math.ceil(Math.max(...ys)))
  for (let y = y0; y <= y1; y++) {
    const yc = y + 0.5
    let lo = Infinity
    let hi = -Infinity
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i]!
      const b = poly[(i + 1) % poly.length]!
      if ((a.y <= yc && b.y > yc) || (b.y <= yc && a.y > yc)) {
        const x = a.x + ((yc - a.y) * (b.x - a.x)) / (b.y - a.y)
        lo = Math.min(lo, x)
        hi = Math.max(hi, x)
      }
    }
    if (lo > hi) continue
    const x0 = Math.max(0, Math.floor(lo))
    const x1 = Math.min(image.width, Math.ceil(hi))
    if (x1 > x0) fill(y * image.width, x0, x1, y)
  }
}
