import { describe, expect, it } from 'vitest'
import type { FinderPattern } from './find-finder-patterns.ts'
import { groupFinderPatterns } from './group-finder-patterns.ts'

const p = (x: number, y: number, moduleSize = 4, polarity: 'dark' | 'light' = 'dark'): FinderPattern => ({
  x,
  y,
  moduleSize,
  polarity,
  hits: 3,
})

describe('groupFinderPatterns', () => {
  it('names the corners of an upright symbol whatever the input order', () => {
    const [g, ...rest] = groupFinderPatterns([p(200, 100), p(100, 200), p(100, 100)])
    expect(rest).toEqual([])
    expect([g?.topLeft.x, g?.topLeft.y, g?.topRight.x, g?.topRight.y, g?.bottomLeft.x, g?.bottomLeft.y]).toEqual([
      100, 100, 200, 100, 100, 200,
    ])
    expect(g?.score).toBeCloseTo(0)
  })

  it('names the corners of a symbol turned 90° clockwise', () => {
    // Turned clockwise, the top-left pattern sits top right and the top-right one bottom right.
    const [g] = groupFinderPatterns([p(200, 100), p(200, 200), p(100, 100)])
    expect([g?.topLeft.x, g?.topLeft.y, g?.topRight.x, g?.topRight.y]).toEqual([200, 100, 200, 200])
  })

  it('groups six patterns into the two symbols they belong to', () => {
    const a = [p(100, 100), p(200, 100), p(100, 200)]
    const b = [p(300, 100), p(400, 100), p(300, 200)]
    const groups = groupFinderPatterns([...b, ...a])
    expect(groups).toHaveLength(2)
    expect(new Set(groups.map((g) => g.topLeft.x))).toEqual(new Set([100, 300]))
  })

  it.each([
    ['sizes differ', [p(100, 100), p(200, 100, 8), p(100, 200)]],
    ['the angle is not right', [p(100, 100), p(200, 100), p(160, 180)]],
    ['the legs differ', [p(100, 100), p(200, 100), p(100, 160)]],
    ['polarities differ', [p(100, 100), p(200, 100, 4, 'light'), p(100, 200)]],
    ['they are too close for a symbol', [p(100, 100), p(120, 100), p(100, 120)]],
  ])('rejects three patterns when %s', (_, patterns) => {
    expect(groupFinderPatterns(patterns)).toEqual([])
  })
})
