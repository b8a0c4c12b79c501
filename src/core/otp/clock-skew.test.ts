import { describe, expect, it } from 'vitest'
import { measureSkew } from './clock-skew.ts'

const at = Date.UTC(2026, 10, 23, 12, 0, 0)

describe('measureSkew', () => {
  it('is 0 within the header’s one-second resolution and the round trip', () => {
    expect(measureSkew(new Date(at).toUTCString(), at - 100, at + 300)).toBe(0)
    expect(measureSkew(new Date(at - 1000).toUTCString(), at, at + 200)).toBe(0)
  })

  it('measures a server ahead of us and one behind', () => {
    expect(measureSkew(new Date(at + 120_000).toUTCString(), at, at + 100)).toBe(120_450)
    expect(measureSkew(new Date(at - 45_000).toUTCString(), at, at)).toBe(-44_500)
  })

  it('is null without a usable header', () => {
    expect(measureSkew(null, at, at)).toBeNull()
    expect(measureSkew('yesterday-ish', at, at)).toBeNull()
  })
})
