import { describe, it, expect } from 'vitest'
import { constantTimeEqual } from './constant-time-equal.ts'

describe('constantTimeEqual', () => {
  it.each([
    ['123456', '123456', true],
    ['', '', true],
    ['123456', '023456', false],
    ['123456', '123457', false],
    ['123456', '12345', false],
    ['12345', '123456', false],
    ['ABCDE', 'abcde', false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(constantTimeEqual(a, b)).toBe(expected)
  })
})
