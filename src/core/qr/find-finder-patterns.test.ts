import { describe, expect, it } from 'vitest'
import { createPage } from '../../../scripts/qr-corpus/compose-page.ts'
import { invertRgba, rotateImage } from '../../../scripts/qr-corpus/distort.ts'
import { SHORT_OTPAUTH } from '../../../scripts/qr-corpus/payloads.ts'
import { qrModules, renderQr } from '../../../scripts/qr-corpus/render-qr.ts'
import { findFinderPatterns } from './find-finder-patterns.ts'
import { toLuminance } from './to-luminance.ts'

/** The three finder centres of SHORT_OTPAUTH drawn with `m` px modules and a 4-module quiet zone. */
function expectedCentres(m: number): { x: number; y: number }[] {
  const size = qrModules(SHORT_OTPAUTH).size
  const near = (4 + 3.5) * m
  const far = (4 + size - 3.5) * m
  return [
    { x: near, y: near },
    { x: far, y: near },
    { x: near, y: far },
  ]
}

describe('findFinderPatterns', () => {
  it.each([2, 4, 7])('finds the three patterns of a code with %s px modules, and their module size', (m) => {
    const found = findFinderPatterns(toLuminance(renderQr(SHORT_OTPAUTH, { moduleSize: m })))
    const strong = found.filter((f) => f.hits >= 2)
    for (const c of expectedCentres(m)) {
      const match = strong.find((f) => Math.hypot(f.x - c.x, f.y - c.y) < m)
      expect(match, `pattern near ${c.x},${c.y}`).toBeDefined()
      expect(match!.moduleSize).toBeGreaterThan(m * 0.8)
      expect(match!.moduleSize).toBeLessThan(m * 1.25)
      expect(match!.polarity).toBe('dark')
    }
  })

  it('finds light-on-dark patterns as such', () => {
    const found = findFinderPatterns(toLuminance(invertRgba(renderQr(SHORT_OTPAUTH, { moduleSize: 4 }))))
    expect(found.filter((f) => f.polarity === 'light' && f.hits >= 2)).toHaveLength(3)
  })

  it('estimates the module size of a rotated code without the √2 of a 45° scan', () => {
    const found = findFinderPatterns(toLuminance(rotateImage(renderQr(SHORT_OTPAUTH, { moduleSize: 5 }), 45)))
    const strong = found.filter((f) => f.hits >= 2)
    expect(strong.length).toBeGreaterThanOrEqual(3)
    for (const f of strong.slice(0, 3)) expect(f.moduleSize).toBeLessThan(5 * 1.25)
  })

  it('finds nothing in a page of text, pictures and buttons', () => {
    expect(findFinderPatterns(toLuminance(createPage({ width: 800, height: 600, seed: 1 })))).toEqual([])
  })

  it('honours maxPatterns', () => {
    expect(findFinderPatterns(toLuminance(renderQr(SHORT_OTPAUTH, { moduleSize: 4 })), { maxPatterns: 1 })).toHaveLength(1)
  })
})
