/**
 * The QR corpus as the Chromium benchmark needs it (bench/qr-bench.mjs loads this
 * module through Vite's module runner, since the bench itself is plain Node):
 * raw RGBA pixels, the texts each image holds, and what Keyfob's scan panel
 * should list for it. The expected panel comes from the same interpreter the
 * service worker runs on the texts it decodes (src/core/scan), so a scan
 * through the built extension is scored on exactly what the person would see.
 */
import { generateCorpus, type CorpusCategory, type CorpusOptions } from '../../scripts/qr-corpus/generate-corpus.ts'
import type { RgbaImage } from '../../src/core/qr/types.ts'
import { interpretQrTexts } from '../../src/core/scan/interpret-qr-texts.ts'

export interface BenchCase {
  id: string
  category: CorpusCategory
  /** The group the decode-time table puts this image in. */
  size: string
  width: number
  height: number
  pixels: Uint8ClampedArray
  /** Every text the image holds. */
  expected: string[]
  /** The scan panel's items for those texts, as `type|issuer|account` (order free, repeats count). */
  expectedItems: string[]
}

/** Image sizes as the decode-time table groups them: a code alone, or the page size. */
export function sizeLabel(image: RgbaImage): string {
  const { width, height } = image
  if (width === height && width <= 2000) return 'code alone (≤ 2000² px)'
  return `${width} × ${height}`
}

export function itemKey(a: { type: string; issuer: string; account: string }): string {
  return `${a.type}|${a.issuer}|${a.account}`
}

export function benchCorpus(opts: CorpusOptions = {}): BenchCase[] {
  return generateCorpus(opts).map((c) => ({
    id: c.id,
    category: c.category,
    size: sizeLabel(c.image),
    width: c.image.width,
    height: c.image.height,
    pixels: c.image.data,
    expected: c.expected,
    expectedItems: interpretQrTexts(c.expected, []).result.accounts.map(itemKey),
  }))
}
