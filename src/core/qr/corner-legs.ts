import type { Point } from './types.ts'

/** The two sides of a finder triangle that meet at its corner: u towards one pattern, v towards the other. */
export interface CornerLegs {
  ux: number
  uy: number
  vx: number
  vy: number
  /** The lengths of u and v. */
  lu: number
  lv: number
}

/**
 * The legs from `corner` to `a` and to `b`. Grouping judges a triple by them
 * (right angle, equal lengths), and the region estimate extends the symbol
 * along them, so both read the triangle the same way.
 */
export function cornerLegs(corner: Point, a: Point, b: Point): CornerLegs {
  const ux = a.x - corner.x
  const uy = a.y - corner.y
  const vx = b.x - corner.x
  const vy = b.y - corner.y
  return { ux, uy, vx, vy, lu: Math.hypot(ux, uy), lv: Math.hypot(vx, vy) }
}
