/**
 * The scan engine as the extension runs it, off the service worker's thread (in the
 * offscreen document's worker, or the Firefox background page's worker): ZXing-C++
 * first, Keyfob's own jsQR pipeline (decodeQrScan) when ZXing read nothing.
 *
 * Why two engines (measured on bench/qr's corpus, docs/architecture.md "QR decoding"):
 * ZXing reads more (dense exports, rotation 10–30°, blur) and is 5–20× faster, so it
 * goes first and settles most scans in tens of milliseconds. Keyfob's pipeline reads
 * some images ZXing misses, so it runs when ZXing found nothing, and it is the whole
 * engine when the WebAssembly cannot be loaded (a browser that refuses it).
 */
import { clampRect, cropRgba } from './crop.ts'
import { decodeQrScan } from './decode-qr-codes.ts'
import { mapQuad, quadCentre } from './quad-geometry.ts'
import type { Quad, Rect, RgbaImage } from './types.ts'

/** A code read from a scan: its text, and where it is in the image's pixels (the site check needs its box). */
export interface ScanCode {
  text: string
  corners: Quad
}

/** What a scan saw. `sawCandidates`: something looked like a QR code (read or not), so "no code found" would be wrong. */
export interface QrScan {
  codes: ScanCode[]
  sawCandidates: boolean
}

/**
 * A scan of an image, or of a box of it: the codes (corners in the whole image's pixels), the
 * image's size (the site check needs the capture's width), and the box as it was read (`crop`
 * clamped to the image), null when the whole image was.
 */
export interface ImageScan extends QrScan {
  width: number
  height: number
  region: Rect | null
}

/** One symbol ZXing's detector found; `valid` false: located but not decoded (damaged, too blurred). */
export interface ZxingHit {
  text: string
  corners: Quad
  valid: boolean
}

export type ZxingReader = (image: RgbaImage) => Promise<ZxingHit[]>

/** Top to bottom, then left to right (half a code's height counts as one row), as decodeQrCodes orders its results. */
function readingOrder(a: ScanCode, b: ScanCode): number {
  const ca = quadCentre(a.corners)
  const cb = quadCentre(b.corners)
  const rowTolerance = Math.min(heightOf(a.corners), heightOf(b.corners)) / 2
  return Math.abs(ca.y - cb.y) > rowTolerance ? ca.y - cb.y : ca.x - cb.x
}

function heightOf(q: Quad): number {
  const ys = [q.topLeft.y, q.topRight.y, q.bottomRight.y, q.bottomLeft.y]
  return Math.max(...ys) - Math.min(...ys)
}

/**
 * Every QR code in `image`. `zxing` null, or failing (its WebAssembly refused or broken):
 * Keyfob's own pipeline alone, so a scan never fails for want of the faster engine.
 */
export async function readQrScan(image: RgbaImage, zxing: ZxingReader | null): Promise<QrScan> {
  let hits: ZxingHit[] = []
  if (zxing) {
    try {
      hits = await zxing(image)
    } catch {
      hits = []
    }
  }
  const read = hits.filter((h) => h.valid && h.text !== '')
  if (read.length > 0) return { codes: read.map(({ text, corners }) => ({ text, corners })).sort(readingOrder), sawCandidates: true }
  // Nothing read by ZXing: Keyfob's pipeline, which also says whether three finder patterns made a
  // plausible symbol it could not read (a lone 1:1:3:1:1 run in text is not enough).
  const own = decodeQrScan(image)
  const codes = own.codes.map(({ text, corners }) => ({ text, corners }))
  return { codes, sawCandidates: codes.length > 0 || hits.length > 0 || own.sawCandidates }
}

/** Boxes smaller than this (a slip of the mouse, or outside the image) are not read. */
const MIN_REGION_SIDE = 8

/** readQrScan on the whole image, or on the box `crop` of it (a box the person dragged, an element's box in a capture). */
export async function readQrScanIn(image: RgbaImage, crop: Rect | null, zxing: ZxingReader | null): Promise<ImageScan> {
  const { width, height } = image
  if (crop === null) return { ...(await readQrScan(image, zxing)), width, height, region: null }
  const region = clampRect(crop, width, height)
  if (region.width < MIN_REGION_SIDE || region.height < MIN_REGION_SIDE) return { codes: [], sawCandidates: false, width, height, region }
  const scan = await readQrScan(cropRgba(image, region), zxing)
  const toImage = (p: { x: number; y: number }) => ({ x: p.x + region.x, y: p.y + region.y })
  return { ...scan, codes: scan.codes.map((c) => ({ text: c.text, corners: mapQuad(c.corners, toImage) })), width, height, region }
}
