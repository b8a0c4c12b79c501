import { describe, expect, it } from 'vitest'
import { parseClockCorrection } from './parse-clock-correction.ts'

/** A day, as src/shared/settings.ts MAX_CLOCK_CORRECTION_MS (core does not import shared). */
const MAX_CLOCK_CORRECTION_MS = 86_400_000

describe('parseClockCorrection', () => {
  it.each([
    ['120', 120_000],
    ['+120', 120_000],
    ['-30', -30_000],
    ['\u221230', -30_000],
    [' 0 ', 0],
    ['-0', 0],
    ['86400', 86_400_000],
    ['-86400', -86_400_000],
  ])('reads %j', (text, ms) => expect(parseClockCorrection(text, MAX_CLOCK_CORRECTION_MS)).toBe(ms))

  it.each(['', 'abc', '1.5', '1e3', '86401', '-86401', '120s', '--1', '0x10', '9999999999'])('refuses %j', (text) => {
    expect(parseClockCorrection(text, MAX_CLOCK_CORRECTION_MS)).toBeNull()
  })
})
