import { cornerLegs } from './corner-legs.ts'
import { halve } from './downscale.ts'
import { findFinderPatterns, type FinderPattern } from './find-finder-patterns.ts'
import { groupFinderPatterns } from './group-finder-patterns.ts'
import type { WorkBudget } from './work-budget.ts'
import type { GreyImage, Polarity, Quad } from './types.ts'

/** Where a symbol probably is, from its three finder patterns. */
export interface CandidateRegion {
  /** Estimated outer corners of the symbol, in the input image's pixels (the fourth corner assumes no perspective). */
  quad: Quad
  moduleSize: number
  polarity: Polarity
  /** From groupFinderPatterns: lower is a more convincing symbol. */
  score: number
}

export interface FindCandidateRegionsOptions {
  budget?: WorkBudget
  /** Pyramid levels to scan (full size, ½, ¼, …). Default 2. */
  maxLevels?: number
}

/**
 * Full size and half size. With thresholds carried into flat areas, the full
 * size alone found every code of the bench corpus and of modules up to 60 px;
 * the half-size level is cheap insurance (a quarter of the work) for large
 * modules under noise, where averaging helps.
 */
const DEFAULT_LEVELS = 2
/** Levels smaller than this hold no finder pattern worth scanning for. */
const MIN_LEVEL_SIDE = 48
/** Above this many pixels, scan every other row of the full-size level: 2 px modules still give a 3-module centre two rows. */
const SPARSE_ROWS_ABOVE = 1_000_000

/**
 * Finds likely QR symbols cheaply, so jsQR can run on small crops instead of a
 * whole screenshot: finder patterns on the full-size image (small codes on a
 * 4K page need every pixel) and on halved copies, merged, then grouped into
 * symbols whose outline is estimated from the three pattern centres. Also
 * says how many finder patterns it saw at all (met by two scan rows or more),
 * grouped or not.
 */
export function findCandidateRegions(
  image: GreyImage,
  opts: FindCandidateRegionsOptions = {},
): { regions: CandidateRegion[]; patterns: number } {
  const maxLevels = opts.maxLevels ?? DEFAULT_LEVELS
  const patterns: FinderPattern[] = []
  let level = image
  for (let i = 0; i < maxLevels; i++) {
    if (i > 0) {
      if (Math.min(level.width, level.height) / 2 < MIN_LEVEL_SIDE || opts.budget?.expired()) break
      level = halve(level)
    }
    // halve() drops an odd last row or column, so level pixels map back by exactly 2^i.
    const scale = 2 ** i
    const rowStep = i === 0 && level.width * level.height > SPARSE_ROWS_ABOVE ? 2 : 1
    for (const p of findFinderPatterns(level, { rowStep })) {
      mergeInto(patterns, { ...p, x: p.x * scale, y: p.y * scale, moduleSize: p.moduleSize * scale })
    }
  }
  const regions = groupFinderPatterns(patterns.sort((a, b) => b.hits - a.hits)).map((g): CandidateRegion => {
    const { topLeft: tl, topRight: tr, bottomLeft: bl, moduleSize } = g
    const { ux, uy, vx, vy, lu, lv } = cornerLegs(tl, tr, bl)
    // Finder centres sit 3.5 modules inside the symbol's edges.
    const ou = { x: (ux / lu) * 3.5 * moduleSize, y: (uy / lu) * 3.5 * moduleSize }
    const ov = { x: (vx / lv) * 3.5 * moduleSize, y: (vy / lv) * 3.5 * moduleSize }
    const quad: Quad = {
      topLeft: { x: tl.x - ou.x - ov.x, y: tl.y - ou.y - ov.y },
      topRight: { x: tr.x + ou.x - ov.x, y: tr.y + ou.y - ov.y },
      bottomRight: { x: tr.x + vx + ou.x + ov.x, y: tr.y + vy + ou.y + ov.y },
      bottomLeft: { x: bl.x - ou.x + ov.x, y: bl.y - ou.y + ov.y },
    }
    return { quad, moduleSize, polarity: g.polarity, score: g.score }
  })
  // One scan row through glyph gaps can look like a pattern; a real one meets several rows.
  return { regions, patterns: patterns.filter((p) => p.hits >= 2).length }
}

/** The same pattern seen at two pyramid levels is kept once; the finer level (scanned first) gives the position. */
function mergeInto(patterns: FinderPattern[], p: FinderPattern): void {
  for (const f of patterns) {
    if (f.polarity !== p.polarity) continue
    const near = Math.max(f.moduleSize, p.moduleSize) * 2
    const ratio = Math.max(f.moduleSize, p.moduleSize) / Math.min(f.moduleSize, p.moduleSize)
    if (Math.abs(f.x - p.x) <= near && Math.abs(f.y - p.y) <= near && ratio < 1.6) {
      f.hits += p.hits
      return
    }
  }
  patterns.push(p)
}
