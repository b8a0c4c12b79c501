import { describe, expect, it } from 'vitest'
import { relativeTime } from './relative-time.ts'

const NOW = 1_700_000_000_000

describe('relativeTime', () => {
  it('says how long ago, in whole units, in the language given', () => {
    expect(relativeTime(NOW - 10_000, NOW, 'en')).toBe('now')
    expect(relativeTime(NOW - 2 * 60_000 - 5_000, NOW, 'en')).toBe('2 minutes ago')
    expect(relativeTime(NOW - 3 * 3_600_000, NOW, 'en')).toBe('3 hours ago')
    expect(relativeTime(NOW - 86_400_000, NOW, 'en')).toBe('yesterday')
    expect(relativeTime(NOW - 2 * 60_000, NOW, 'de')).toBe('vor 2 Minuten')
  })

  it('reads a time a little ahead (another clock) as now, never "in 5 seconds"', () => {
    expect(relativeTime(NOW + 5_000, NOW, 'en')).toBe('now')
  })
})
