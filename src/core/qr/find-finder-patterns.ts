import { BLOCK_SHIFT, computeBlockThresholds } from './block-thresholds.ts'
import { isFinderRatio } from './finder-ratio.ts'
import type { GreyImage, Polarity } from './types.ts'

/** The centre of something that crosses as a finder pattern horizontally, vertically and diagonally. */
export interface FinderPattern {
  x: number
  y: number
  /** Estimated module size in pixels (the smaller of the axis and diagonal estimates, so rotation does not inflate it). */
  moduleSize: number
  polarity: Polarity
  /** Scan rows that found it: a real pattern is met by several. */
  hits: number
}

export interface FindFinderPatternsOptions {
  /** Scan every n-th row; a finder's 3-module centre still meets several rows when modules are ≥ 2 px. Default 1. */
  rowStep?: number
  /** Stop collecting after this many distinct patterns (a page of noise cannot blow up the grouping step). Default 200. */
  maxPatterns?: number
}

interface Run {
  total: number
  /** Offset of the centre run's middle from the start point, in steps. */
  centre: number
}

/**
 * Finds finder patterns of both polarities in one pass, the way ZXing's
 * FinderPatternFinder does: scan rows for 1:1:3:1:1 runs, then confirm each hit
 * by scanning the column and the diagonal through its centre. The diagonal
 * check removes most text that happens to match along rows and columns.
 */
export function findFinderPatterns(image: GreyImage, opts: FindFinderPatternsOptions = {}): FinderPattern[] {
  const { data, width, height } = image
  const rowStep = Math.max(1, opts.rowStep ?? 1)
  const maxPatterns = opts.maxPatterns ?? 200
  const { cols, threshold } = computeBlockThresholds(image)
  const isDark = (x: number, y: number): boolean => data[y * width + x]! < threshold[(y >> BLOCK_SHIFT) * cols + (x >> BLOCK_SHIFT)]!
  const found: FinderPattern[] = []

  /** How many pixels from (x, y) on, stepping (dx, dy), have colour `dark`; stops at limit + 1. */
  const runLength = (x: number, y: number, dx: number, dy: number, dark: boolean, limit: number): number => {
    let n = 0
    while (n <= limit && x >= 0 && y >= 0 && x < width && y < height && isDark(x, y) === dark) {
      n++
      x += dx
      y += dy
    }
    return n
  }

  /** Five runs through (x, y) along (dx, dy), the middle one of colour `dark` containing (x, y). */
  const crossCheck = (x: number, y: number, dx: number, dy: number, dark: boolean, limit: number): Run | null => {
    const back = runLength(x, y, -dx, -dy, dark, limit)
    if (back === 0) return null
    const r1 = runLength(x - back * dx, y - back * dy, -dx, -dy, !dark, limit)
    const r0 = runLength(x - (back + r1) * dx, y - (back + r1) * dy, -dx, -dy, dark, limit)
    const ahead = runLength(x + dx, y + dy, dx, dy, dark, limit)
    const r3 = runLength(x + (ahead + 1) * dx, y + (ahead + 1) * dy, dx, dy, !dark, limit)
    const r4 = runLength(x + (ahead + 1 + r3) * dx, y + (ahead + 1 + r3) * dy, dx, dy, dark, limit)
    const r2 = back + ahead
    if (Math.max(r0, r1, r3, r4) > limit || Math.min(r0, r1, r3, r4) === 0) return null
    if (!isFinderRatio(r0, r1, r2, r3, r4)) return null
    // The centre run covers steps −(back − 1) … ahead from (x, y).
    return { total: r0 + r1 + r2 + r3 + r4, centre: (ahead - back + 1) / 2 }
  }

  const confirm = (cx: number, y: number, rowTotal: number, dark: boolean): void => {
    const limit = rowTotal
    const x0 = Math.round(cx)
    const v = crossCheck(x0, y, 0, 1, dark, limit)
    if (v === null || v.total < rowTotal / 2 || v.total > rowTotal * 2) return
    const y1 = Math.round(y + v.centre)
    const h = crossCheck(x0, y1, 1, 0, dark, limit)
    if (h === null) return
    const x1 = Math.round(x0 + h.centre)
    const d = crossCheck(x1, y1, 1, 1, dark, limit)
    if (d === null) return
    // Axis-aligned, the diagonal crosses √2 × the module per step; rotated 45°, the axes do.
    const moduleSize = Math.min((h.total + v.total) / 14, (d.total * Math.SQRT2) / 7)
    const polarity: Polarity = dark ? 'dark' : 'light'
    const px = x0 + h.centre
    const py = y + v.centre
    for (const f of found) {
      if (f.polarity !== polarity) continue
      const near = Math.max(f.moduleSize, moduleSize) * 2
      const ratio = f.moduleSize > moduleSize ? f.moduleSize / moduleSize : moduleSize / f.moduleSize
      if (Math.abs(f.x - px) <= near && Math.abs(f.y - py) <= near && ratio < 1.6) {
        const n = f.hits + 1
        f.x = (f.x * f.hits + px) / n
        f.y = (f.y * f.hits + py) / n
        f.moduleSize = (f.moduleSize * f.hits + moduleSize) / n
        f.hits = n
        return
      }
    }
    if (found.length < maxPatterns) found.push({ x: px, y: py, moduleSize, polarity, hits: 1 })
  }

  const runs = new Int32Array(5)
  const row = new Uint8Array(width + 1)
  for (let y = 0; y < height; y += rowStep) {
    // Binarise the row first: a tight loop V8 optimises well, then a run scan over bytes.
    const pixels = y * width
    const tiles = (y >> BLOCK_SHIFT) * cols
    for (let x = 0; x < width; x++) row[x] = data[pixels + x]! < threshold[tiles + (x >> BLOCK_SHIFT)]! ? 1 : 0
    let color = row[0]!
    row[width] = color ^ 1 // ends the last run
    let start = 0
    let seen = 0
    for (let x = 1; x <= width; x++) {
      const dark = row[x]!
      if (dark === color) continue
      runs[0] = runs[1]!
      runs[1] = runs[2]!
      runs[2] = runs[3]!
      runs[3] = runs[4]!
      runs[4] = x - start
      seen++
      if (seen >= 5 && isFinderRatio(runs[0], runs[1], runs[2], runs[3], runs[4])) {
        // The run that just ended is the outer ring, so its colour is the pattern's.
        const centreStart = x - runs[4] - runs[3] - runs[2]
        confirm(centreStart + runs[2] / 2, y, runs[0] + runs[1] + runs[2] + runs[3] + runs[4], color === 1)
      }
      color = dark
      start = x
    }
  }
  return found.sort((a, b) => b.hits - a.hits)
}
