import { clampRect, crop } from './crop.ts'
import { downscale } from './downscale.ts'
import { fillOutsideQuad } from './fill-quad.ts'
import type { CandidateRegion } from './find-candidate-regions.ts'
import { invert } from './invert.ts'
import { boundingRect, mapQuad } from './quad-geometry.ts'
import { runJsqr } from './run-jsqr.ts'
import { stretchContrast } from './stretch-contrast.ts'
import { upscale } from './upscale.ts'
import type { WorkBudget } from './work-budget.ts'
import type { GreyImage, QrResult } from './types.ts'

/**
 * Pixels per module to try, in order (0: as captured). Measured with jsQR on
 * the three corpus payloads at 33 module sizes from 1.3 to 12 px: drawn
 * smooth (area coverage, as a browser scales an SVG or an image), 6 then 4 px
 * read 96 of 99 codes, the capture as is 82; drawn pixel-exact, 6 then 4 px
 * read 84, as is 86, and all three 88. Failures are mostly dense codes under
 * 2 px a module.
 */
const TARGET_MODULE_SIZES = [6, 4, 0] as const
/** Quiet zone kept around the crop, in modules (the spec asks for 4). */
const QUIET_MODULES = 4
/** Scaled crops stay below this side (a version-40 code at 6 px a module, roughly), so one jsQR call stays cheap. */
const MAX_SCALED_SIDE = 1200
/** How far outside the estimated symbol the mask starts, in modules: the estimate is rough. */
const MASK_MARGIN_MODULES = 2.5

/**
 * Decodes one candidate from a full-resolution crop around it: light-on-dark
 * crops are inverted, everything outside the estimated symbol is blanked (so
 * a neighbouring code cannot mislead jsQR), and the crop is scaled so modules
 * come out at a size jsQR reads reliably.
 */
export function decodeRegion(image: GreyImage, region: CandidateRegion, budget?: WorkBudget): QrResult | null {
  const m = region.moduleSize
  const rect = clampRect(boundingRect(region.quad, QUIET_MODULES * m + 4), image.width, image.height)
  if (rect.width < 8 || rect.height < 8) return null
  let piece = crop(image, rect)
  if (region.polarity === 'light') piece = invert(piece)
  const local = mapQuad(region.quad, (p) => ({ x: p.x - rect.x, y: p.y - rect.y }))
  stretchContrast(piece)
  fillOutsideQuad(piece, local, 255, MASK_MARGIN_MODULES * m)

  const tried = new Set<number>()
  for (const target of TARGET_MODULE_SIZES) {
    if (budget?.expired()) break
    const scale = Math.min(scaleFor(m, target), MAX_SCALED_SIDE / Math.max(rect.width, rect.height))
    if (tried.has(scale)) continue
    tried.add(scale)
    const scaled = scale > 1 ? upscale(piece, scale) : scale < 1 ? downscale(piece, 1 / scale) : piece
    const hit = runJsqr(scaled)
    if (hit === null) continue
    const sx = rect.width / scaled.width
    const sy = rect.height / scaled.height
    return {
      text: hit.text,
      bytes: hit.bytes,
      version: hit.version,
      corners: mapQuad(hit.corners, (p) => ({ x: rect.x + p.x * sx, y: rect.y + p.y * sy })),
      polarity: region.polarity,
    }
  }
  return null
}

/** The factor that brings modules to about `target` px (1: leave as is, when that is close already or target is 0). */
function scaleFor(moduleSize: number, target: number): number {
  if (target === 0) return 1
  const f = target / moduleSize
  if (f >= 1.25) return Math.min(4, f)
  if (f <= 0.8) return f
  return 1
}
