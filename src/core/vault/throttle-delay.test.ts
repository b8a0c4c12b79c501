import { describe, expect, it } from 'vitest'
import { throttleDelay } from './throttle-delay.ts'
import { expectCode } from '../../../test/support/vault-fixtures.ts'

describe('throttleDelay', () => {
  const schedule: [number, number][] = [
    [0, 0],
    [1, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [10, 960_000],
    [11, 1_920_000],
    [12, 3_600_000],
    [13, 3_600_000],
    [14, 3_600_000],
    [1_000_000, 3_600_000],
    [Number.MAX_SAFE_INTEGER, 3_600_000],
  ]

  it.each(schedule)('after %i failures waits %i ms', (failures, ms) => {
    expect(throttleDelay(failures)).toBe(ms)
  })

  it('never decreases as failures grow', () => {
    for (let n = 1; n < 100; n++) expect(throttleDelay(n)).toBeGreaterThanOrEqual(throttleDelay(n - 1))
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d failures', (failures) =>
    expectCode(() => throttleDelay(failures), 'INVALID_PARAMETER'),
  )
})
