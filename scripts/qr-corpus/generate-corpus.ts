/**
 * The benchmark corpus: every category of image a user might scan, each with
 * the texts it must decode to. Deterministic (seeded), generated in memory.
 */
import type { RgbaImage } from '../../src/core/qr/types.ts'
import { createPage, placeImage } from './compose-page.ts'
import { boxBlur, compressContrast, gaussianBlur, invertRgba, rotateImage } from './distort.ts'
import { jpegArtifacts } from './jpeg-artifacts.ts'
import { LONG_OTPAUTH, SHORT_OTPAUTH, migrationUri } from './payloads.ts'
import { renderQr, renderQrAtSize } from './render-qr.ts'

export type CorpusCategory =
  | 'clean'
  | 'screenshot 1080p'
  | 'screenshot 4K'
  | 'high DPI'
  | 'rotated'
  | 'inverted'
  | 'low contrast'
  | 'blurred'
  | 'JPEG'
  | 'dense export'
  | 'several codes'
  | 'no code'

export interface CorpusCase {
  id: string
  category: CorpusCategory
  /** Which payload: 'short' or 'long' otpauth, or the 10-account 'migration' export. */
  payload: string
  image: RgbaImage
  /** Every text the image holds, in any order. */
  expected: string[]
}

export interface CorpusOptions {
  /** Leave out 4K and high-DPI pages (the slowest to make and to decode). */
  small?: boolean
}

function payloads(): { name: string; text: string }[] {
  return [
    { name: 'short', text: SHORT_OTPAUTH },
    { name: 'long', text: LONG_OTPAUTH },
    { name: 'migration', text: migrationUri(10) },
  ]
}

/** A page with one code of `side` px (quiet zone included) placed in the text column. */
function onPage(
  text: string,
  width: number,
  height: number,
  side: number,
  seed: number,
  opts: { dpr?: number; x?: number; y?: number } = {},
): RgbaImage {
  const page = createPage({ width, height, seed, dpr: opts.dpr ?? 1 })
  placeImage(page, renderQrAtSize(text, side), opts.x ?? Math.round(width * 0.3), opts.y ?? Math.round(height * 0.35))
  return page
}

export function generateCorpus(opts: CorpusOptions = {}): CorpusCase[] {
  const cases: CorpusCase[] = []
  const add = (category: CorpusCategory, payload: string, id: string, image: RgbaImage, expected: string[]) =>
    cases.push({ id: `${category} / ${payload} / ${id}`, category, payload, image, expected })

  payloads().forEach(({ name, text }, n) => {
    const seed = 100 + n
    for (const m of [2, 3, 4.5, 8, 16]) add('clean', name, `${m} px modules`, renderQr(text, { moduleSize: m }), [text])
    for (const side of [150, 220, 300]) add('screenshot 1080p', name, `${side} px`, onPage(text, 1920, 1080, side, seed), [text])
    if (!opts.small) {
      for (const side of [150, 220, 300]) add('screenshot 4K', name, `${side} px`, onPage(text, 3840, 2160, side, seed), [text])
      // A 1280 × 720 CSS viewport at devicePixelRatio 2 and 3, with a 200 CSS px code.
      for (const dpr of [2, 3]) add('high DPI', name, `DPR ${dpr}`, onPage(text, 1280 * dpr, 720 * dpr, 200 * dpr, seed, { dpr }), [text])
    }
    // Issue #15: codes rotated 10–30° were a large share of the misses (a photo or a tilted window).
    for (const degrees of [10, 20, 30, 45, 90]) {
      const page = createPage({ width: 1280, height: 720, seed })
      placeImage(page, rotateImage(renderQrAtSize(text, 300), degrees), 400, 200)
      add('rotated', name, `${degrees}°`, page, [text])
    }
    // A dark-mode page: the whole page inverted, code included (light modules on a dark background).
    add('inverted', name, 'dark page', invertRgba(onPage(text, 1280, 720, 300, seed)), [text])
    add('low contrast', name, 'grey 100…160', compressContrast(onPage(text, 1280, 720, 300, seed), 100, 160), [text])
    // Contrast Δ40 and Δ20 between dark and light (a dimmed or washed-out screen photographed).
    for (const [low, high] of [
      [110, 150],
      [120, 140],
    ] as const)
      add('low contrast', name, `grey ${low}…${high}`, compressContrast(onPage(text, 1280, 720, 300, seed), low, high), [text])
    for (const radius of [1, 2]) add('blurred', name, `box radius ${radius}`, boxBlur(onPage(text, 1280, 720, 300, seed), radius), [text])
    for (const sigma of [1, 2]) {
      const blurred = gaussianBlur(onPage(text, 1280, 720, 300, seed), sigma)
      add('blurred', name, `gaussian σ ${blurred.sigma.toFixed(2)}`, blurred.image, [text])
    }
    for (const quality of [75, 50, 40, 30, 20])
      add('JPEG', name, `quality ${quality}`, jpegArtifacts(onPage(text, 1280, 720, 300, seed), quality), [text])
  })

  // Google Authenticator exports of 10 and 50 accounts, 200–800 px on a 1080p screen: the densest codes a person meets.
  const exports = [
    { name: '10 accounts', text: migrationUri(10), level: 'M' as const },
    { name: '50 accounts', text: migrationUri(50, true), level: 'L' as const },
  ]
  exports.forEach(({ name, text, level }, n) => {
    for (const side of [200, 400, 800]) {
      const page = createPage({ width: 1920, height: 1080, seed: 20 + n })
      placeImage(page, renderQrAtSize(text, side, { errorCorrectionLevel: level }), 560, Math.round((1080 - side) / 2))
      add('dense export', name, `${side} px`, page, [text])
    }
  })

  // Three codes side by side at one size: jsQR mixes up their finder patterns.
  const three = createPage({ width: 1920, height: 1080, seed: 7 })
  const texts = [SHORT_OTPAUTH, LONG_OTPAUTH.replace('alice', 'bob'), SHORT_OTPAUTH.replace('alice', 'carol')]
  texts.forEach((t, i) => placeImage(three, renderQrAtSize(t, 260), 200 + i * 320, 400))
  add('several codes', 'mixed', 'three in a row', three, texts)
  const batch = [migrationUri(3), migrationUri(4), migrationUri(5)]
  const grid = createPage({ width: 1920, height: 1080, seed: 8 })
  batch.forEach((t, i) => placeImage(grid, renderQrAtSize(t, 300), 150 + i * 420, 300 + (i % 2) * 200))
  add('several codes', 'migration', 'export batches', grid, batch)

  add('no code', 'none', '1280 × 720', createPage({ width: 1280, height: 720, seed: 9 }), [])
  add('no code', 'none', '1920 × 1080', createPage({ width: 1920, height: 1080, seed: 10 }), [])
  if (!opts.small) add('no code', 'none', '3840 × 2160', createPage({ width: 3840, height: 2160, seed: 11 }), [])
  return cases
}
