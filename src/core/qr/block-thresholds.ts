import type { GreyImage } from './types.ts'

/** Threshold tiles are 8 × 8 pixels; each threshold is the mean of the 5 × 5 tiles around it (40 px), as in jsQR's and ZXing's hybrid binarisers. */
export const BLOCK_SHIFT = 3
const BLOCK_SIZE = 1 << BLOCK_SHIFT
const RADIUS = 2
/**
 * Below this spread between the darkest and lightest pixel around a tile, the
 * area is taken to be flat (all light). Otherwise compression noise on an
 * empty background would binarise into random specks that look like patterns.
 */
const MIN_RANGE = 24

/** A local threshold per 8 × 8 tile: a pixel is dark when its luminance is below it. −1 marks flat areas. */
export interface BlockThresholds {
  cols: number
  rows: number
  threshold: Int16Array
}

/** A local-mean binarisation: robust to uneven lighting and to low contrast, cheap enough for a 4K capture. */
export function computeBlockThresholds(image: GreyImage): BlockThresholds {
  const { data, width, height } = image
  const cols = Math.ceil(width / BLOCK_SIZE)
  const rows = Math.ceil(height / BLOCK_SIZE)
  const tiles = newTileStats(cols * rows)
  for (let by = 0; by < rows; by++) {
    const y0 = by * BLOCK_SIZE
    const y1 = Math.min(height, y0 + BLOCK_SIZE)
    for (let bx = 0; bx < cols; bx++) {
      const x0 = bx * BLOCK_SIZE
      const x1 = Math.min(width, x0 + BLOCK_SIZE)
      let s = 0
      let lo = 255
      let hi = 0
      for (let y = y0; y < y1; y++) {
        for (let i = y * width + x0, end = y * width + x1; i < end; i++) {
          const v = data[i]!
          s += v
          if (v < lo) lo = v
          if (v > hi) hi = v
        }
      }
      const b = by * cols + bx
      tiles.sum[b] = s
      tiles.count[b] = (x1 - x0) * (y1 - y0)
      tiles.min[b] = lo
      tiles.max[b] = hi
    }
  }
  // The 5 × 5 neighbourhood, separably: horizontal window, then vertical.
  const around = windowAlong(windowAlong(tiles, cols, rows, 'row'), cols, rows, 'column')
  const threshold = new Int16Array(cols * rows)
  for (let i = 0; i < threshold.length; i++) {
    threshold[i] = around.max[i]! - around.min[i]! < MIN_RANGE ? -1 : Math.round(around.sum[i]! / around.count[i]!)
  }
  propagateIntoFlatAreas(threshold, cols, rows)
  return { cols, rows, threshold }
}

/** Per tile: the sum, count, darkest and lightest of the pixels it covers (or, after windowAlong, of its neighbourhood). */
interface TileStats {
  sum: Float64Array
  count: Int32Array
  min: Uint8Array
  max: Uint8Array
}

function newTileStats(length: number): TileStats {
  return { sum: new Float64Array(length), count: new Int32Array(length), min: new Uint8Array(length), max: new Uint8Array(length) }
}

/**
 * Each tile's stats merged with those of the tiles up to RADIUS away along one
 * axis, clipped at the image's edges. A row pass then a column pass gives the
 * (2·RADIUS + 1)² neighbourhood for 2·(2·RADIUS + 1) reads a tile instead of its square.
 */
function windowAlong(tiles: TileStats, cols: number, rows: number, axis: 'row' | 'column'): TileStats {
  const out = newTileStats(cols * rows)
  const length = axis === 'row' ? cols : rows
  const stride = axis === 'row' ? 1 : cols
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const at = axis === 'row' ? bx : by
      const i = by * cols + bx
      let s = 0
      let c = 0
      let lo = 255
      let hi = 0
      for (let k = Math.max(0, at - RADIUS); k <= Math.min(length - 1, at + RADIUS); k++) {
        const j = i + (k - at) * stride
        s += tiles.sum[j]!
        c += tiles.count[j]!
        lo = Math.min(lo, tiles.min[j]!)
        hi = Math.max(hi, tiles.max[j]!)
      }
      out.sum[i] = s
      out.count[i] = c
      out.min[i] = lo
      out.max[i] = hi
    }
  }
  return out
}

/**
 * Gives flat tiles the threshold of the edges around them, as ZXing's and
 * jsQR's binarisers do, so the inside of a large dark area (the 3 × 3-module
 * centre of a finder pattern in a high-DPI capture) stays dark instead of
 * turning light and flipping the pattern's polarity. One pass from the top
 * left, one from the bottom right; tiles no edge reaches stay −1 (light).
 */
function propagateIntoFlatAreas(threshold: Int16Array, cols: number, rows: number): void {
  const flat = new Uint8Array(threshold.length)
  for (let i = 0; i < threshold.length; i++) flat[i] = threshold[i]! < 0 ? 1 : 0
  for (const step of [1, -1]) {
    const startY = step === 1 ? 0 : rows - 1
    const startX = step === 1 ? 0 : cols - 1
    for (let by = startY; by >= 0 && by < rows; by += step) {
      const py = by - step
      for (let bx = startX; bx >= 0 && bx < cols; bx += step) {
        const i = by * cols + bx
        if (flat[i] === 0) continue
        // The neighbours this pass has already visited: beside, above (or below) and diagonally.
        const px = bx - step
        const xIn = px >= 0 && px < cols
        const yIn = py >= 0 && py < rows
        const beside = xIn ? threshold[i - step]! : -1
        const above = yIn ? threshold[py * cols + bx]! : -1
        const corner = xIn && yIn ? threshold[py * cols + px]! : -1
        const n = (beside >= 0 ? 1 : 0) + (above >= 0 ? 1 : 0) + (corner >= 0 ? 1 : 0)
        const sum = Math.max(0, beside) + Math.max(0, above) + Math.max(0, corner)
        if (n > 0) threshold[i] = Math.round(sum / n)
      }
    }
  }
}
