/**
 * The decoding worker's engine (readQrScan with the real ZXing WebAssembly, loaded here from
 * node_modules as the extension loads its packaged copy), on images from the bench corpus's
 * generators: which engine reads what, the fallback when ZXing cannot load, and when a scan
 * may say that no code was there (sawCandidates).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPage, placeImage } from '../../scripts/qr-corpus/compose-page.ts'
import { gaussianBlur, rotateImage } from '../../scripts/qr-corpus/distort.ts'
import { LONG_OTPAUTH, SHORT_OTPAUTH, migrationUri } from '../../scripts/qr-corpus/payloads.ts'
import { renderQrAtSize } from '../../scripts/qr-corpus/render-qr.ts'
import { readQrScan, readQrScanIn, type RgbaImage } from '../core/qr/index.ts'
import { createZxingReader } from './zxing-reader.ts'

const WASM = readFileSync(join(import.meta.dirname, '../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'))
const zxing = createZxingReader({ bytes: new Uint8Array(WASM) })

function pageWith(codes: { image: RgbaImage; x: number; y: number }[], width = 1280, height = 720): RgbaImage {
  const page = createPage({ width, height, seed: 5 })
  for (const c of codes) placeImage(page, c.image, c.x, c.y)
  return page
}

/** A code whose data area is painted over (its finder patterns left), as a sticker or a cursor would cover it. */
function damaged(text: string, side: number): RgbaImage {
  const code = renderQrAtSize(text, side)
  const from = Math.round(side * 0.3)
  const to = Math.round(side * 0.7)
  for (let y = from; y < to; y++) for (let x = from; x < side - 12; x++) code.data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3)
  return code
}

describe('the scan engine (ZXing, then Keyfob’s jsQR pipeline)', () => {
  it('reads a 50-account export rotated 20° on a 1080p page, and says where it is', async () => {
    const text = migrationUri(50, true)
    const code = rotateImage(renderQrAtSize(text, 800, { errorCorrectionLevel: 'L' }), 20)
    const scan = await readQrScan(pageWith([{ image: code, x: 400, y: 20 }], 1920, 1080), zxing)
    expect(scan.codes.map((c) => c.text)).toEqual([text])
    const corners = scan.codes[0]?.corners
    const xs = corners ? [corners.topLeft.x, corners.topRight.x, corners.bottomRight.x, corners.bottomLeft.x] : []
    expect(Math.min(...xs)).toBeGreaterThan(400)
    expect(Math.max(...xs)).toBeLessThan(400 + code.width)
    expect(scan.sawCandidates).toBe(true)
  })

  it('gives several codes in reading order: top to bottom, then left to right', async () => {
    const [a, b, c] = [SHORT_OTPAUTH, LONG_OTPAUTH, SHORT_OTPAUTH.replace('alice', 'carol')] as [string, string, string]
    const scan = await readQrScan(
      pageWith([
        { image: renderQrAtSize(c, 220), x: 300, y: 420 },
        { image: renderQrAtSize(b, 220), x: 600, y: 120 },
        { image: renderQrAtSize(a, 220), x: 250, y: 110 },
      ]),
      zxing,
    )
    expect(scan.codes.map((x) => x.text)).toEqual([a, b, c])
  })

  it('reads a blurred code (σ ≈ 2) that Keyfob’s own pipeline alone misses', async () => {
    const page = gaussianBlur(pageWith([{ image: renderQrAtSize(LONG_OTPAUTH, 300), x: 384, y: 252 }]), 2).image
    expect((await readQrScan(page, null)).codes).toEqual([])
    expect((await readQrScan(page, zxing)).codes.map((c) => c.text)).toEqual([LONG_OTPAUTH])
  })

  it('a page without any code: nothing read and nothing seen, so the scan may say no code was found', async () => {
    expect(await readQrScan(pageWith([]), zxing)).toEqual({ codes: [], sawCandidates: false })
  })

  it('a code too damaged to read: nothing read, but a code was seen (so "no QR code found" would be wrong)', async () => {
    const page = pageWith([{ image: damaged(LONG_OTPAUTH, 300), x: 400, y: 200 }])
    // ZXing's detector located it (more than once: as it is and inverted), and decoded none.
    const hits = await zxing(page)
    expect(hits.length).toBeGreaterThan(0)
    expect(hits.filter((h) => h.valid)).toEqual([])
    expect(await readQrScan(page, zxing)).toEqual({ codes: [], sawCandidates: true })
  })

  it('reads a box of the image only, and gives the corners in the whole image’s pixels', async () => {
    const page = pageWith([
      { image: renderQrAtSize(SHORT_OTPAUTH, 200), x: 100, y: 100 },
      { image: renderQrAtSize(LONG_OTPAUTH, 240), x: 700, y: 300 },
    ])
    const scan = await readQrScanIn(page, { x: 650, y: 250, width: 400, height: 400 }, zxing)
    expect(scan.codes.map((c) => c.text)).toEqual([LONG_OTPAUTH])
    expect(scan.region).toEqual({ x: 650, y: 250, width: 400, height: 400 })
    expect([scan.width, scan.height]).toEqual([1280, 720])
    const { topLeft } = scan.codes[0]!.corners
    expect(topLeft.x).toBeGreaterThan(700)
    expect(topLeft.x).toBeLessThan(760)
    expect(topLeft.y).toBeGreaterThan(300)
  })

  it('a box (nearly) outside the image reads nothing, and says how little of it was inside', async () => {
    const scan = await readQrScanIn(pageWith([]), { x: 1275, y: 100, width: 300, height: 300 }, zxing)
    expect(scan).toEqual({ codes: [], sawCandidates: false, width: 1280, height: 720, region: { x: 1275, y: 100, width: 5, height: 300 } })
  })

  // Last: zxing-wasm keeps one module per JavaScript realm, and this replaces it with a broken one.
  it('still reads with Keyfob’s pipeline alone when the WebAssembly cannot be loaded', async () => {
    const broken = createZxingReader({ bytes: new Uint8Array([0, 97, 115, 109, 9, 9]) })
    const page = pageWith([{ image: renderQrAtSize(SHORT_OTPAUTH, 200), x: 500, y: 200 }])
    await expect(broken(page)).rejects.toThrow()
    expect((await readQrScan(page, broken)).codes.map((c) => c.text)).toEqual([SHORT_OTPAUTH])
  })
})
