import { describe, expect, it } from 'vitest'
import { sameJson } from './same-json.ts'

describe('sameJson', () => {
  it('compares JSON-shaped values deeply, key order aside', () => {
    expect(sameJson({ a: 1, b: ['x', { c: true }] }, { b: ['x', { c: true }], a: 1 })).toBe(true)
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false)
    expect(sameJson(['a', 'b'], ['b', 'a'])).toBe(false)
    expect(sameJson(['a'], { 0: 'a' })).toBe(false)
    expect(sameJson(null, {})).toBe(false)
    expect(sameJson('1', 1)).toBe(false)
  })

  it('counts a key set to undefined as absent, as JSON does', () => {
    expect(sameJson({ a: 1, t0: undefined }, { a: 1 })).toBe(true)
    expect(sameJson({ a: 1 }, { a: 1, image: undefined })).toBe(true)
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(true)
    expect(sameJson({ a: 1, b: undefined }, { a: 1, c: 2 })).toBe(false)
  })
})
