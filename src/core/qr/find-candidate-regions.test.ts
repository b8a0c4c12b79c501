import { describe, expect, it } from 'vitest'
import { createRgba, placeImage } from '../../../scripts/qr-corpus/compose-page.ts'
import { SHORT_OTPAUTH } from '../../../scripts/qr-corpus/payloads.ts'
import { qrModules, renderQr } from '../../../scripts/qr-corpus/render-qr.ts'
import { findCandidateRegions } from './find-candidate-regions.ts'
import { toLuminance } from './to-luminance.ts'

describe('findCandidateRegions', () => {
  it('counts finder patterns that form no symbol', () => {
    // Only the top-left pattern: the code's left half, cut below the top-left pattern.
    const code = renderQr(SHORT_OTPAUTH, { moduleSize: 4 })
    const image = createRgba(code.width, code.height)
    placeImage(image, { data: code.data.slice(0, code.width * 4 * 4 * 13), width: code.width, height: 4 * 13 }, 0, 0)
    for (let y = 0; y < image.height; y++) image.data.fill(255, (y * image.width + 4 * 13) * 4, (y + 1) * image.width * 4)
    const { regions, patterns } = findCandidateRegions(toLuminance(image))
    expect(regions).toEqual([])
    expect(patterns).toBe(1)
  })

  it.each([3, 12, 40])('outlines a symbol with %s px modules to within a module', (m) => {
    const [region, ...rest] = findCandidateRegions(toLuminance(renderQr(SHORT_OTPAUTH, { moduleSize: m }))).regions
    expect(rest).toEqual([])
    const start = 4 * m
    const end = (4 + qrModules(SHORT_OTPAUTH).size) * m
    const { topLeft, bottomRight } = region!.quad
    for (const [actual, expected] of [
      [topLeft.x, start],
      [topLeft.y, start],
      [bottomRight.x, end],
      [bottomRight.y, end],
    ] as const) {
      expect(Math.abs(actual - expected)).toBeLessThan(m)
    }
    expect(region!.moduleSize / m).toBeGreaterThan(0.8)
    expect(region!.moduleSize / m).toBeLessThan(1.25)
  })

  it('finds one region per code', () => {
    const image = createRgba(900, 300)
    for (const x of [0, 300, 600]) placeImage(image, renderQr(SHORT_OTPAUTH, { moduleSize: 5 }), x, 20)
    expect(findCandidateRegions(toLuminance(image)).regions).toHaveLength(3)
  })
})
