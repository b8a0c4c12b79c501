import { describe, expect, it } from 'vitest'
import { agreedSkew } from './clock-agreement.ts'

const now = 1_700_000_000_000
const MIN = 60_000

describe('agreedSkew', () => {
  it.each([
    ['one site', [{ site: 'a.example', skewMs: 120_000, at: now }], null],
    [
      'two sites within 5 s',
      [
        { site: 'a.example', skewMs: 120_000, at: now },
        { site: 'b.test', skewMs: 124_000, at: now - MIN },
      ],
      { skewMs: 122_000, sites: ['a.example', 'b.test'] },
    ],
    [
      'two sites 6 s apart',
      [
        { site: 'a.example', skewMs: 120_000, at: now },
        { site: 'b.test', skewMs: 126_000, at: now - MIN },
      ],
      null,
    ],
    [
      'an agreeing site measured over an hour ago',
      [
        { site: 'a.example', skewMs: 120_000, at: now },
        { site: 'b.test', skewMs: 120_000, at: now - 61 * MIN },
      ],
      null,
    ],
    // The newest says the clock is right (it may have been set since): the older pair is not offered.
    [
      'an older pair the newest disagrees with',
      [
        { site: 'c.test', skewMs: 0, at: now },
        { site: 'a.example', skewMs: 120_000, at: now - MIN },
        { site: 'b.test', skewMs: 120_000, at: now - 2 * MIN },
      ],
      null,
    ],
    [
      'three sites, median',
      [
        { site: 'a.example', skewMs: 120_000, at: now },
        { site: 'b.test', skewMs: 118_000, at: now - MIN },
        { site: 'c.test', skewMs: 123_000, at: now - 2 * MIN },
      ],
      { skewMs: 120_000, sites: ['a.example', 'b.test', 'c.test'] },
    ],
  ])('%s', (_name, measurements, expected) => {
    expect(agreedSkew(measurements, now)).toEqual(expected)
  })
})
