import { assertRgbaImage } from './assert-rgba-image.ts'
import { decodeRegion } from './decode-region.ts'
import { detectPolarity } from './detect-polarity.ts'
import { downscale } from './downscale.ts'
import { fillQuad } from './fill-quad.ts'
import { findCandidateRegions } from './find-candidate-regions.ts'
import { mapQuad, quadCentre, quadContains } from './quad-geometry.ts'
import { runJsqr } from './run-jsqr.ts'
import { toLuminance } from './to-luminance.ts'
import { createWorkBudget, type WorkBudget } from './work-budget.ts'
import type { GreyImage, QrResult, RgbaImage } from './types.ts'

export interface DecodeQrOptions {
  /** Stop after this many codes. Default 16. */
  maxCodes?: number
  /**
   * Milliseconds after which no new step starts; codes found so far are
   * returned. A step in flight (finder search on one pyramid level, one jsQR
   * call on a crop or on a ≤ 480 px copy) finishes first; every step is
   * bounded in size, so the overrun is too. Default 2000: a 4K capture takes
   * a few hundred ms on a slow 2-core machine, and cutting a scan short on a
   * busy one would miss codes that are plainly there.
   */
  timeBudgetMs?: number
  /** The clock behind the budget; tests pass a fake one. Default `performance.now`. */
  now?: () => number
}

const DEFAULT_MAX_CODES = 16
/**
 * Larger images are shrunk to this long side first. A 4K capture passes
 * untouched (its small codes need every pixel); a 8K or a huge pasted image
 * would otherwise cost seconds, and a code in it is big enough to survive.
 */
const MAX_SIDE = 4096
const DEFAULT_BUDGET_MS = 2000
/**
 * Longest side of the whole-image pass: enough for a code with modules of
 * 2 px or more at that size (a third of a 1080p screen wide, say).
 */
const OVERVIEW_SIDE = 480
/** A decoded symbol is blanked this many pixels beyond its corners before the next pass. */
const BLANK_MARGIN = 3

/**
 * Finds and decodes every QR code in an image (a tab capture, an `<img>`, a
 * pasted screenshot), as `{ data, width, height }` RGBA pixels.
 *
 * 1. Finder patterns of both polarities are searched at full and half size,
 *    grouped into symbols, and each symbol is decoded by jsQR from a
 *    full-resolution crop: contrast-stretched, masked to that one symbol,
 *    inverted when light-on-dark and scaled to the module size jsQR reads
 *    best. This reads several codes on one page, small codes on a 4K capture
 *    and huge modules on a high-DPI one, at a fraction of the cost of jsQR
 *    over the whole image.
 * 2. Only if step 1 saw finder patterns but decoded nothing: jsQR on the
 *    whole image shrunk to at most 480 px, both polarities, painting over
 *    each code it reads and trying again until it finds nothing new. A
 *    safety net for codes step 1 located badly; on the corpus in bench/qr it
 *    found nothing step 1 did not, and on a page of text it costs more than
 *    step 1, hence the conditions.
 *
 * Results come in reading order (top to bottom, then left to right).
 */
export function decodeQrCodes(image: RgbaImage, opts: DecodeQrOptions = {}): QrResult[] {
  return decodeQrScan(image, opts).codes
}

/** What one scan of an image saw: the codes it read, and whether it saw anything shaped like a QR code at all. */
export interface QrScan {
  codes: QrResult[]
  /**
   * Three finder patterns that group into a symbol were seen (whether or not it was read). With no
   * code read, this tells "a code is there but unreadable" (blurred, damaged, cut off) from "no code
   * here", so the person is told which (issue #19): lone patterns are not enough, glyphs make them.
   */
  sawCandidates: boolean
}

/** decodeQrCodes, also saying whether a QR symbol was seen at all (QrScan.sawCandidates). */
export function decodeQrScan(image: RgbaImage, opts: DecodeQrOptions = {}): QrScan {
  assertRgbaImage(image)
  const budget = createWorkBudget(opts.timeBudgetMs ?? DEFAULT_BUDGET_MS, opts.now)
  const maxCodes = opts.maxCodes ?? DEFAULT_MAX_CODES
  let luminance = toLuminance(image)
  const longSide = Math.max(image.width, image.height)
  if (longSide > MAX_SIDE) luminance = downscale(luminance, longSide / MAX_SIDE)
  const found: QrResult[] = []

  const { regions, patterns } = findCandidateRegions(luminance, { budget })
  for (const region of regions) {
    if (found.length >= maxCodes || budget.expired()) break
    if (found.some((f) => quadContains(f.corners, quadCentre(region.quad)))) continue
    const hit = decodeRegion(luminance, region, budget)
    if (hit !== null && !found.some((f) => sameSymbol(f, hit))) found.push(hit)
  }

  // jsQR over a whole page is slow wherever there is text (its locator weighs
  // every run of glyph edges), so the whole-image pass is only a fallback, and
  // only where step 1 saw finder patterns: jsQR's locator looks for the same
  // 1:1:3:1:1 runs, so on an image without any it would find nothing either.
  if (found.length === 0 && patterns > 0 && !budget.expired()) overview(luminance, found, maxCodes, budget)
  const toImage = mapper(image.width / luminance.width, image.height / luminance.height)
  const codes = found.map((r) => ({ ...r, corners: mapQuad(r.corners, toImage) })).sort(readingOrder)
  return { codes, sawCandidates: regions.length > 0 || codes.length > 0 }
}

/** Step 2: repeated whole-image jsQR on a shrunk copy, painting out each code it reads. */
function overview(luminance: GreyImage, found: QrResult[], maxCodes: number, budget: WorkBudget): void {
  const factor = Math.max(luminance.width, luminance.height) / OVERVIEW_SIDE
  // Always a copy: the blanking below must not touch the caller's luminance.
  const small = factor > 1 ? downscale(luminance, factor) : { ...luminance, data: luminance.data.slice() }
  const sx = luminance.width / small.width
  const sy = luminance.height / small.height
  const toSmall = mapper(1 / sx, 1 / sy)
  for (const f of found) fillQuad(small, mapQuad(f.corners, toSmall), 255, BLANK_MARGIN)
  // Each pass either adds a code or paints over a repeat, so this ends; the bound is a backstop.
  for (let pass = 0; pass < maxCodes * 2 && found.length < maxCodes && !budget.expired(); pass++) {
    const hit = runJsqr(small, 'attemptBoth')
    if (hit === null) return
    fillQuad(small, hit.corners, 255, BLANK_MARGIN)
    const corners = mapQuad(hit.corners, mapper(sx, sy))
    const result: QrResult = {
      text: hit.text,
      bytes: hit.bytes,
      version: hit.version,
      corners,
      polarity: detectPolarity(luminance, corners, hit.version),
    }
    if (!found.some((f) => sameSymbol(f, result))) found.push(result)
  }
}

function mapper(sx: number, sy: number) {
  return (p: { x: number; y: number }) => ({ x: p.x * sx, y: p.y * sy })
}

/** Two readings of one symbol: each one's centre lies inside the other. */
function sameSymbol(a: QrResult, b: QrResult): boolean {
  return quadContains(a.corners, quadCentre(b.corners)) || quadContains(b.corners, quadCentre(a.corners))
}

function readingOrder(a: QrResult, b: QrResult): number {
  const ca = quadCentre(a.corners)
  const cb = quadCentre(b.corners)
  // Codes side by side rarely share a centre line to the pixel: treat half a code's height as "the same row".
  const rowTolerance = Math.min(height(a), height(b)) / 2
  return Math.abs(ca.y - cb.y) > rowTolerance ? ca.y - cb.y : ca.x - cb.x
}

function height(r: QrResult): number {
  const ys = [r.corners.topLeft.y, r.corners.topRight.y, r.corners.bottomRight.y, r.corners.bottomLeft.y]
  return Math.max(...ys) - Math.min(...ys)
}
