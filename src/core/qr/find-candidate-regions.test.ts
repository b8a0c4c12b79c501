import { describe, expect, it } from 'vitest'
import { createRgba, placeImage } from '../../../scripts/qr-corpus/compose-page.ts'
import { SHORT_OTPAUTH } from '../../../scripts/qr-corpus/payloads.ts'
import { qrModules, renderQr } from '../../../scripts/qr-corpus/render-qr.ts'
import { findCandidateRegions } from './find-candidate-regions.ts'
import { toLuminance } from './to-luminance.ts'

describe('findCandidateRegions', () => {
  it.each([3, 12, 40])('outlines a symbol with %s px modules to within a module', (m) => {
    const [region, ...rest] = findCandidateRegions(toLuminance(renderQr(SHORT_OTPAUTH, { moduleSize: m })))
    expect(rest).toEqual([])
    const start = 4 * m
    const end = (4 + qrModules(SHORT_OTPAUTH).size) * m
    const { topLeft, bottomRight } = region!.quad
    for (const [actual, expected] of [[topLeft.x, start], [topLeft.y, start], [bottomRight.x, end], [bottomRight.y, end]] as const) {
      expect(Math.abs(actual - expected)).toBeLessThan(m)
    }
    expect(region!.moduleSize / m).toBeGreaterThan(0.8)
    expect(region!.moduleSize / m).toBeLessThan(1.25)
  })

  it('finds one region per code', () => {
    const image = createRgba(900, 300)
    for (const x of [0, 300, 600]) placeImage(image, renderQr(SHORT_OTPAUTH, { moduleSize: 5 }), x, 20)
    expect(findCandidateRegions(toLuminance(image))).toHaveLength(3)
  })
})
