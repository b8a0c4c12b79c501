import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPage, createRgba, placeImage } from '../../../scripts/qr-corpus/compose-page.ts'
import { compressContrast, invertRgba, rotateImage, scaleNearest } from '../../../scripts/qr-corpus/distort.ts'
import { LONG_OTPAUTH, SHORT_OTPAUTH, WEB_LINK, migrationUri } from '../../../scripts/qr-corpus/payloads.ts'
import { qrModules, renderQr, renderQrAtSize } from '../../../scripts/qr-corpus/render-qr.ts'
import { isKeyfobError } from '../errors.ts'
import { decodeMigrationUri } from '../uri/decode-migration-uri.ts'
import { classifyQrText } from './classify-qr-text.ts'
import { decodeQrCodes } from './decode-qr-codes.ts'
import { quadCentre } from './quad-geometry.ts'
import type { RgbaImage } from './types.ts'

/**
 * The decoder stops after a time budget (2 s): on a slow, busy machine a real clock would cut a
 * test's decode short. A clock that never moves keeps what these tests check independent of speed;
 * the budget itself is tested with a clock of its own, and speed is measured in npm run bench.
 */
const decode = (image: RgbaImage, opts: Parameters<typeof decodeQrCodes>[1] = {}) => decodeQrCodes(image, { now: () => 0, ...opts })
const texts = (image: RgbaImage) => decode(image).map((r) => r.text)

/** A page with each code drawn at `side` px (quiet zone included) with its top-left corner at (x, y). */
function page(width: number, height: number, codes: { text: string; side: number; x: number; y: number }[], dpr = 1): RgbaImage {
  const image = createPage({ width, height, dpr, seed: 42 })
  for (const c of codes) placeImage(image, renderQrAtSize(c.text, c.side), c.x, c.y)
  return image
}

describe('decodeQrCodes', () => {
  it.each([2, 3, 4.5, 8, 16, 32])('reads a clean code with %s px modules', (moduleSize) => {
    expect(texts(renderQr(SHORT_OTPAUTH, { moduleSize }))).toEqual([SHORT_OTPAUTH])
  })

  it('reads pixel-exact codes at fractional module sizes', () => {
    expect(texts(renderQr(LONG_OTPAUTH, { moduleSize: 3.5, pixelated: true }))).toEqual([LONG_OTPAUTH])
  })

  it('finds a 120 px code on a 1280 × 720 page and says where it is', () => {
    const [result, ...rest] = decode(page(1280, 720, [{ text: SHORT_OTPAUTH, side: 120, x: 700, y: 300 }]))
    expect(rest).toEqual([])
    expect(result?.text).toBe(SHORT_OTPAUTH)
    expect(result?.polarity).toBe('dark')
    expect(result?.version).toBe((qrModules(SHORT_OTPAUTH).size - 17) / 4)
    // The symbol (quiet zone excluded) is centred in the 120 px square.
    const centre = quadCentre(result!.corners)
    expect(centre.x).toBeCloseTo(760, -1)
    expect(centre.y).toBeCloseTo(360, -1)
    expect(Array.from(result!.bytes)).toEqual(Array.from(new TextEncoder().encode(SHORT_OTPAUTH)))
  })

  it('reads three codes of one size on one page, in reading order', () => {
    // jsQR alone pairs finder patterns by size across the whole image, so it mixes these up.
    const codes = [
      'otpauth://totp/A:one?secret=JBSWY3DPEHPK3PXP',
      'otpauth://totp/B:two?secret=JBSWY3DPEHPK3PXQ',
      'otpauth://totp/C:three?secret=JBSWY3DPEHPK3PXR',
    ]
    const image = page(1280, 720, [
      { text: codes[2]!, side: 200, x: 250, y: 420 },
      { text: codes[1]!, side: 200, x: 560, y: 150 },
      { text: codes[0]!, side: 200, x: 250, y: 150 },
    ])
    expect(texts(image)).toEqual([codes[0], codes[1], codes[2]])
  })

  it('reads light-on-dark codes', () => {
    const [result] = decode(invertRgba(page(1280, 720, [{ text: LONG_OTPAUTH, side: 300, x: 400, y: 200 }])))
    expect(result?.text).toBe(LONG_OTPAUTH)
    expect(result?.polarity).toBe('light')
  })

  it('reads low-contrast codes (greys 100…160)', () => {
    const image = compressContrast(page(1280, 720, [{ text: LONG_OTPAUTH, side: 300, x: 400, y: 200 }]), 100, 160)
    expect(texts(image)).toEqual([LONG_OTPAUTH])
  })

  it('reads a rotated code', () => {
    const image = createPage({ width: 1280, height: 720, seed: 5 })
    placeImage(image, rotateImage(renderQrAtSize(SHORT_OTPAUTH, 260), 45), 400, 150)
    expect(texts(image)).toEqual([SHORT_OTPAUTH])
  })

  it('reads a dense Google Authenticator export with 10 accounts', () => {
    const uri = migrationUri(10)
    const [text] = texts(renderQr(uri, { moduleSize: 3 }))
    expect(text).toBe(uri)
    expect(classifyQrText(text!).kind).toBe('migration')
    expect(decodeMigrationUri(text!).accounts).toHaveLength(10)
  })

  it('reads UTF-8 text (unescaped non-ASCII issuers, as some sites print them)', () => {
    const text = 'otpauth://totp/Bücherei Zürich:anaïs?secret=JBSWY3DPEHPK3PXP&issuer=Bücherei Zürich'
    expect(texts(renderQr(text, { moduleSize: 4 }))).toEqual([text])
  })

  it('reads codes that are not two-factor setup codes, classified as other', () => {
    const [text] = texts(renderQr(WEB_LINK, { moduleSize: 4 }))
    expect(text).toBe(WEB_LINK)
    expect(classifyQrText(text!)).toEqual({ kind: 'other', text: WEB_LINK })
  })

  it('reads a code drawn from a PNG with a transparent background', () => {
    // Canvas pixels of such a PNG are (0, 0, 0, 0) around the modules: black, unless composited onto white.
    const image = renderQr(SHORT_OTPAUTH, { moduleSize: 4 })
    for (let i = 0; i < image.data.length; i += 4) {
      if (image.data[i] === 255) image.data.fill(0, i, i + 4)
    }
    expect(texts(image)).toEqual([SHORT_OTPAUTH])
  })

  // How fast is measured by the benchmark (npm run bench), not asserted here: a busy machine is slow.
  it('returns nothing for a page without codes', () => {
    const image = createPage({ width: 1280, height: 720, seed: 3 })
    expect(decode(image)).toEqual([])
  })

  it('finds a 150 px and a 300 px code on a 3840 × 2160 screenshot', () => {
    const image = page(3840, 2160, [
      { text: SHORT_OTPAUTH, side: 150, x: 600, y: 900 },
      { text: LONG_OTPAUTH, side: 300, x: 2600, y: 1200 },
    ])
    expect(texts(image)).toEqual([SHORT_OTPAUTH, LONG_OTPAUTH])
  })

  it('reads a 2× devicePixelRatio screenshot (large modules among large text)', () => {
    const image = page(2560, 1440, [{ text: LONG_OTPAUTH, side: 400, x: 900, y: 500 }], 2)
    expect(texts(image)).toEqual([LONG_OTPAUTH])
  })

  it('falls back to jsQR on the whole image when finder patterns form no square symbol', () => {
    // Squeezed into a box of another aspect ratio: the patterns are found, but no right isosceles triangle.
    const image = scaleNearest(renderQr(SHORT_OTPAUTH, { moduleSize: 6 }), 1, 0.7)
    const results = decode(image)
    expect(results.map((r) => [r.text, r.polarity])).toEqual([[SHORT_OTPAUTH, 'dark']])
    expect(decode(invertRgba(image)).map((r) => [r.text, r.polarity])).toEqual([[SHORT_OTPAUTH, 'light']])
  })

  it('shrinks images longer than 4096 px first and still reports corners in their pixels', () => {
    const image = createRgba(6000, 700)
    placeImage(image, renderQr(SHORT_OTPAUTH, { moduleSize: 12 }), 4000, 50)
    const [result] = decode(image)
    expect(result?.text).toBe(SHORT_OTPAUTH)
    const centre = quadCentre(result!.corners)
    const half = ((qrModules(SHORT_OTPAUTH).size + 8) * 12) / 2
    expect(centre.x).toBeCloseTo(4000 + half, -1)
    expect(centre.y).toBeCloseTo(50 + half, -1)
  })

  it('stops at maxCodes', () => {
    const image = page(1280, 720, [
      { text: SHORT_OTPAUTH, side: 200, x: 100, y: 200 },
      { text: LONG_OTPAUTH, side: 300, x: 600, y: 200 },
    ])
    expect(decode(image, { maxCodes: 1 })).toHaveLength(1)
  })

  it('starts no step once the time budget is spent', () => {
    const image = renderQr(SHORT_OTPAUTH, { moduleSize: 4 })
    let t = 0
    expect(decodeQrCodes(image, { timeBudgetMs: 5, now: () => (t += 10) })).toEqual([])
    expect(decodeQrCodes(image, { timeBudgetMs: 0 })).toEqual([])
  })

  it('leaves the input image untouched', () => {
    const image = page(800, 600, [{ text: SHORT_OTPAUTH, side: 200, x: 300, y: 200 }])
    const before = image.data.slice()
    decode(image)
    // (toEqual on two megabytes of pixels would take seconds.)
    expect(image.data.every((v, i) => v === before[i])).toBe(true)
  })

  it.each([
    ['a wrong length', { data: new Uint8ClampedArray(10), width: 2, height: 2 }],
    ['zero width', { data: new Uint8ClampedArray(0), width: 0, height: 5 }],
    ['a fractional size', { data: new Uint8ClampedArray(24), width: 1.5, height: 4 }],
    ['a plain array', { data: [0, 0, 0, 255] as unknown as Uint8ClampedArray, width: 1, height: 1 }],
  ])('rejects an image with %s as INVALID_IMAGE', (_, image) => {
    expect(() => decode(image)).toThrow(expect.objectContaining({ code: 'INVALID_IMAGE' }))
    try {
      decode(image)
    } catch (e) {
      expect(isKeyfobError(e, 'INVALID_IMAGE')).toBe(true)
    }
  })

  it('returns a list, never throws, for any pixels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 90 }), fc.integer(), (width, height, seed) => {
        const data = new Uint8ClampedArray(width * height * 4)
        let s = seed
        for (let i = 0; i < data.length; i++) {
          s = (Math.imul(s, 1103515245) + 12345) | 0
          data[i] = i % 4 === 3 ? 255 : (s >>> 16) & 0xff
        }
        expect(Array.isArray(decodeQrCodes({ data, width, height }))).toBe(true)
      }),
      { numRuns: 40 },
    )
  })
})
