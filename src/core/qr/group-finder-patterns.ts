import { cornerLegs } from './corner-legs.ts'
import type { FinderPattern } from './find-finder-patterns.ts'
import type { Polarity } from './types.ts'

/** Three finder patterns that can be the corners of one QR symbol. */
export interface FinderGroup {
  topLeft: FinderPattern
  topRight: FinderPattern
  bottomLeft: FinderPattern
  moduleSize: number
  polarity: Polarity
  /** 0 for a perfect right isosceles triangle of equal patterns; lower is better. */
  score: number
}

/** Patterns considered for grouping; triples grow with the cube, so the rest (fewest hits) are dropped. */
const MAX_PATTERNS = 48
/** Finder centres are (version × 4 + 10) modules apart: 14 for version 1, 170 for 40; with slack for a rough module estimate. */
const MIN_LEG_MODULES = 9
const MAX_LEG_MODULES = 200

/**
 * Groups finder patterns into symbols. jsQR pairs its best pattern with the two
 * of most similar size anywhere in the image, so three codes of one size on a
 * page make it mix their patterns; here each triple must form the right
 * isosceles triangle of one symbol (rotation allowed), and the best triples win,
 * each pattern used once.
 */
export function groupFinderPatterns(patterns: readonly FinderPattern[]): FinderGroup[] {
  const list = patterns.slice(0, MAX_PATTERNS)
  const options: FinderGroup[] = []
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      for (let k = j + 1; k < list.length; k++) {
        const group = bestCorner(list[i]!, list[j]!, list[k]!)
        if (group !== null) options.push(group)
      }
    }
  }
  options.sort((a, b) => a.score - b.score)
  const used = new Set<FinderPattern>()
  const groups: FinderGroup[] = []
  for (const g of options) {
    if (used.has(g.topLeft) || used.has(g.topRight) || used.has(g.bottomLeft)) continue
    used.add(g.topLeft).add(g.topRight).add(g.bottomLeft)
    groups.push(g)
  }
  return groups
}

function bestCorner(a: FinderPattern, b: FinderPattern, c: FinderPattern): FinderGroup | null {
  if (a.polarity !== b.polarity || a.polarity !== c.polarity) return null
  const sizes = [a.moduleSize, b.moduleSize, c.moduleSize]
  const sizeSpread = Math.max(...sizes) / Math.min(...sizes)
  if (sizeSpread > 1.6) return null
  const moduleSize = (a.moduleSize + b.moduleSize + c.moduleSize) / 3
  let best: FinderGroup | null = null
  for (const [corner, p, q] of [
    [a, b, c],
    [b, a, c],
    [c, a, b],
  ] as const) {
    const { ux, uy, vx, vy, lu, lv } = cornerLegs(corner, p, q)
    if (lu === 0 || lv === 0) continue
    const legRatio = Math.max(lu, lv) / Math.min(lu, lv)
    const cos = (ux * vx + uy * vy) / (lu * lv)
    const legModules = (lu + lv) / 2 / moduleSize
    if (legRatio > 1.25 || Math.abs(cos) > 0.2 || legModules < MIN_LEG_MODULES || legModules > MAX_LEG_MODULES) continue
    const score = Math.abs(cos) + (legRatio - 1) + (sizeSpread - 1) / 2
    if (best !== null && best.score <= score) continue
    // With y pointing down, top-right → bottom-left turns clockwise from the top-left corner (positive cross product).
    const clockwise = ux * vy - uy * vx > 0
    best = { topLeft: corner, topRight: clockwise ? p : q, bottomLeft: clockwise ? q : p, moduleSize, polarity: a.polarity, score }
  }
  return best
}
