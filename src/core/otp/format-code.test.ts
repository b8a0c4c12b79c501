import { describe, it, expect } from 'vitest'
import { formatCode } from './format-code.ts'

describe('formatCode', () => {
  it.each([
    ['123456', '123 456'],
    ['1234567', '123 4567'],
    ['12345678', '1234 5678'],
    ['123456789', '123 456 789'],
    ['1234567890', '12345 67890'],
    ['2TC8B', '2TC8B'],
    ['', ''],
    ['1234', '1234'],
  ])('%j → %j', (code, expected) => {
    expect(formatCode(code)).toBe(expected)
  })

  it('only inserts spaces', () => {
    for (const code of ['094451', '0627223505', '4875740', '123456789']) {
      expect(formatCode(code).replaceAll(' ', '')).toBe(code)
    }
  })
})
