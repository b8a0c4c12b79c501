import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEVICES, hlcArb } from '../../../test/support/sync-arbitraries.ts'
import { MAX_CLOCK_DRIFT_MS, compareHlc, isTooFarAhead, maxHlc, receiveHlc, tickHlc } from './hlc.ts'
import type { Hlc } from './sync-state.ts'

const at = (wall: number, count: number, device = 'device-a'): Hlc => ({ wall, count, device })
const deviceArb = fc.constantFrom(...DEVICES)
const nowArb = fc.integer({ min: 0, max: 25 })

describe('compareHlc', () => {
  it('orders by wall, then count, then device', () => {
    expect(compareHlc(at(1, 9), at(2, 0))).toBe(-1)
    expect(compareHlc(at(2, 1), at(2, 0))).toBe(1)
    expect(compareHlc(at(2, 1, 'device-a'), at(2, 1, 'device-b'))).toBe(-1)
    expect(compareHlc(at(2, 1), at(2, 1))).toBe(0)
    // Code-unit order, not the locale's: 'Z' (0x5A) before 'a' (0x61).
    expect(compareHlc(at(0, 0, 'Z'), at(0, 0, 'a'))).toBe(-1)
  })

  it('is a total order: antisymmetric, transitive, and 0 only for equal clocks', () => {
    fc.assert(
      fc.property(hlcArb(), hlcArb(), hlcArb(), (a, b, c) => {
        expect(compareHlc(a, b)).toBe(-compareHlc(b, a) || 0)
        expect(compareHlc(a, b) === 0).toBe(a.wall === b.wall && a.count === b.count && a.device === b.device)
        if (compareHlc(a, b) <= 0 && compareHlc(b, c) <= 0) expect(compareHlc(a, c)).toBeLessThanOrEqual(0)
        expect(maxHlc(a, b)).toEqual(maxHlc(b, a))
      }),
    )
  })
})

describe('tickHlc', () => {
  it('follows the wall clock when it moves forward, and counts within one millisecond', () => {
    expect(tickHlc(undefined, 100, 'd')).toEqual({ wall: 100, count: 0, device: 'd' })
    expect(tickHlc(at(100, 0), 100, 'd')).toEqual({ wall: 100, count: 1, device: 'd' })
    expect(tickHlc(at(100, 4), 250, 'd')).toEqual({ wall: 250, count: 0, device: 'd' })
  })

  it('never goes backwards when the wall clock does (NTP step, a wrong clock fixed)', () => {
    expect(tickHlc(at(500, 2), 100, 'd')).toEqual({ wall: 500, count: 3, device: 'd' })
  })

  it('is always after the last clock, and never behind the wall clock', () => {
    fc.assert(
      fc.property(fc.option(hlcArb(), { nil: undefined }), nowArb, deviceArb, (last, now, device) => {
        const next = tickHlc(last, now, device)
        if (last) expect(compareHlc(next, last)).toBe(1)
        expect(next.wall).toBeGreaterThanOrEqual(now)
        expect(next.wall).toBe(Math.max(now, last?.wall ?? now))
        expect(next.device).toBe(device)
      }),
    )
  })
})

describe('receiveHlc', () => {
  it('moves past a remote clock ahead of its own', () => {
    expect(receiveHlc(at(100, 0), at(300, 5, 'device-b'), 200, 'device-a')).toEqual(at(300, 6))
    expect(receiveHlc(at(300, 2), at(300, 5, 'device-b'), 200, 'device-a')).toEqual(at(300, 6))
    expect(receiveHlc(at(300, 7), at(300, 5, 'device-b'), 200, 'device-a')).toEqual(at(300, 8))
    expect(receiveHlc(undefined, at(300, 5, 'device-b'), 200, 'device-a')).toEqual(at(300, 6))
  })

  it('follows its wall clock when both clocks are behind it', () => {
    expect(receiveHlc(at(100, 3), at(150, 5, 'device-b'), 200, 'device-a')).toEqual(at(200, 0))
  })

  it('is after both the last and the remote clock, for every remote within the drift bound', () => {
    fc.assert(
      fc.property(fc.option(hlcArb(), { nil: undefined }), hlcArb(), nowArb, deviceArb, (last, remote, now, device) => {
        const next = receiveHlc(last, remote, now, device)
        expect(compareHlc(next, remote)).toBe(1)
        if (last) expect(compareHlc(next, last)).toBe(1)
        expect(next.wall).toBe(Math.max(now, remote.wall, last?.wall ?? now))
        expect(next.device).toBe(device)
      }),
    )
  })

  it('is not dragged ahead by a remote clock more than a day in the future', () => {
    const now = 1_700_000_000_000
    const future = at(now + MAX_CLOCK_DRIFT_MS + 1, 0, 'device-b')
    expect(isTooFarAhead(future, now)).toBe(true)
    expect(receiveHlc(at(now - 5, 0), future, now, 'device-a')).toEqual(at(now, 0))
    // Exactly a day ahead is still taken in.
    const dayAhead = at(now + MAX_CLOCK_DRIFT_MS, 0, 'device-b')
    expect(isTooFarAhead(dayAhead, now)).toBe(false)
    expect(receiveHlc(at(now, 0), dayAhead, now, 'device-a')).toEqual(at(now + MAX_CLOCK_DRIFT_MS, 1))
  })

  it('stays within the drift bound of the wall clock, whatever it receives', () => {
    const wallArb = fc.integer({ min: 0, max: 4 * MAX_CLOCK_DRIFT_MS })
    fc.assert(
      fc.property(wallArb, fc.array(wallArb, { maxLength: 8 }), (start, walls) => {
        let clock = tickHlc(undefined, start, 'device-a')
        for (const wall of walls) clock = receiveHlc(clock, at(wall, 0, 'device-b'), start, 'device-a')
        expect(clock.wall).toBeLessThanOrEqual(start + MAX_CLOCK_DRIFT_MS)
      }),
    )
  })
})
