import { describe, expect, it } from 'vitest'
import { createPage, createRgba, placeImage } from '../../../scripts/qr-corpus/compose-page.ts'
import { LONG_OTPAUTH, SHORT_OTPAUTH } from '../../../scripts/qr-corpus/payloads.ts'
import { qrModules, renderQr } from '../../../scripts/qr-corpus/render-qr.ts'
import { decodeQrCodes, decodeQrScan } from './decode-qr-codes.ts'
import type { RgbaImage } from './types.ts'

// A clock that never moves: what is checked here must not depend on the machine's speed (see decode-qr-codes.test.ts).
const scan = (image: RgbaImage) => decodeQrScan(image, { now: () => 0 })

const MODULE = 6
const QUIET = 4

/**
 * A code whose finder patterns are intact but whose data is wrecked beyond error correction: every
 * module outside the three finder corners (and their separators) is flipped, as a smudge or a
 * half-loaded image would leave it.
 */
function damaged(text: string): RgbaImage {
  const image = renderQr(text, { moduleSize: MODULE, quietZone: QUIET })
  const { size } = qrModules(text)
  const inFinder = (r: number, c: number) => (r < 9 && c < 9) || (r < 9 && c >= size - 9) || (r >= size - 9 && c < 9)
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (inFinder(r, c) || (r + c) % 3 !== 0) continue
      for (let y = (r + QUIET) * MODULE; y < (r + QUIET + 1) * MODULE; y++) {
        for (let x = (c + QUIET) * MODULE; x < (c + QUIET + 1) * MODULE; x++) {
          const i = (y * image.width + x) * 4
          const v = 255 - (image.data[i] ?? 0)
          image.data.fill(v, i, i + 3)
        }
      }
    }
  }
  return image
}

describe('decodeQrScan', () => {
  it('reads a code on a page and says it saw one', () => {
    const image = createPage({ width: 1280, height: 720, seed: 42 })
    placeImage(image, renderQr(SHORT_OTPAUTH, { moduleSize: 4 }), 600, 200)
    const result = scan(image)
    expect(result.codes.map((c) => c.text)).toEqual([SHORT_OTPAUTH])
    expect(result.sawCandidates).toBe(true)
  })

  it('a code it cannot read: no codes, but it saw one (so the person is not told there is none)', () => {
    for (const text of [SHORT_OTPAUTH, LONG_OTPAUTH]) {
      const image = createPage({ width: 1280, height: 720, seed: 7 })
      placeImage(image, damaged(text), 400, 100)
      expect(scan(image)).toEqual({ codes: [], sawCandidates: true })
    }
  })

  it.each([3, 11, 29])('a page of text without a code (seed %i): nothing seen', (seed) => {
    expect(scan(createPage({ width: 1280, height: 720, seed }))).toEqual({ codes: [], sawCandidates: false })
  })

  it('a blank image: nothing seen', () => {
    expect(scan(createRgba(400, 300))).toEqual({ codes: [], sawCandidates: false })
  })

  it('decodeQrCodes gives the same codes', () => {
    const image = createPage({ width: 900, height: 600, seed: 2 })
    placeImage(image, renderQr(LONG_OTPAUTH, { moduleSize: 3 }), 100, 100)
    placeImage(image, renderQr(SHORT_OTPAUTH, { moduleSize: 4 }), 500, 250)
    const codes = decodeQrCodes(image, { now: () => 0 })
    expect(codes.map((c) => c.text)).toEqual([LONG_OTPAUTH, SHORT_OTPAUTH])
    expect(scan(image).codes).toEqual(codes)
  })
})
