import type { Point, Quad, Rect } from './types.ts'

function quadCorners(quad: Quad): [Point, Point, Point, Point] {
  return [quad.topLeft, quad.topRight, quad.bottomRight, quad.bottomLeft]
}

export function mapQuad(quad: Quad, f: (p: Point) => Point): Quad {
  return { topLeft: f(quad.topLeft), topRight: f(quad.topRight), bottomRight: f(quad.bottomRight), bottomLeft: f(quad.bottomLeft) }
}

/**
 * A point given in symbol coordinates (0…1 across, 0…1 down from the top-left
 * corner), by bilinear interpolation of the corners: exact for the affine
 * distortions of a screenshot, close enough under mild perspective.
 */
export function symbolPoint(quad: Quad, u: number, v: number): Point {
  const top = { x: quad.topLeft.x + (quad.topRight.x - quad.topLeft.x) * u, y: quad.topLeft.y + (quad.topRight.y - quad.topLeft.y) * u }
  const bottom = {
    x: quad.bottomLeft.x + (quad.bottomRight.x - quad.bottomLeft.x) * u,
    y: quad.bottomLeft.y + (quad.bottomRight.y - quad.bottomLeft.y) * u,
  }
  return { x: top.x + (bottom.x - top.x) * v, y: top.y + (bottom.y - top.y) * v }
}

export function quadCentre(quad: Quad): Point {
  return symbolPoint(quad, 0.5, 0.5)
}

/** Whether `p` lies inside the convex quad (either winding). */
export function quadContains(quad: Quad, p: Point): boolean {
  const c = quadCorners(quad)
  let sign = 0
  for (let i = 0; i < 4; i++) {
    const a = c[i]!
    const b = c[(i + 1) % 4]!
    const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
    if (cross === 0) continue
    if (sign === 0) sign = Math.sign(cross)
    else if (Math.sign(cross) !== sign) return false
  }
  return true
}

/** The smallest axis-aligned rectangle around the quad, grown by `margin` on every side. */
export function boundingRect(quad: Quad, margin = 0): Rect {
  const c = quadCorners(quad)
  const xs = c.map((p) => p.x)
  const ys = c.map((p) => p.y)
  const x = Math.min(...xs) - margin
  const y = Math.min(...ys) - margin
  return { x, y, width: Math.max(...xs) + margin - x, height: Math.max(...ys) + margin - y }
}
