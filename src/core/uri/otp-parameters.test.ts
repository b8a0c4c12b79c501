import { describe, expect, it } from 'vitest'
import { isKeyfobError } from '../errors.ts'
import { parseAlgorithm, parseCounter, parseDigits, parsePeriod } from './otp-parameters.ts'

const rejects = (fn: () => unknown, code = 'INVALID_PARAMETER') => {
  try {
    fn()
  } catch (e) {
    return isKeyfobError(e) && e.code === code
  }
  return false
}

describe('otp parameters (otpauth-uri.md, rules 8 and 9)', () => {
  it('parses valid values', () => {
    expect(parseAlgorithm('sha256')).toBe('SHA256')
    expect(parseDigits('06')).toBe(6)
    expect(parseDigits('10')).toBe(10)
    expect(parsePeriod('1')).toBe(1)
    expect(parseCounter('18446744073709551615')).toBe(2n ** 64n - 1n)
  })

  it('refuses everything else', () => {
    expect(rejects(() => parseAlgorithm('MD5'), 'UNSUPPORTED_ALGORITHM')).toBe(true)
    expect(rejects(() => parseAlgorithm(''), 'UNSUPPORTED_ALGORITHM')).toBe(true)
    for (const d of ['', '5', '11', '6.0', ' 6', '+6', '1e1', '９']) expect(rejects(() => parseDigits(d))).toBe(true)
    for (const p of ['', '0', '-30', '30.5', '99999999999999999999']) expect(rejects(() => parsePeriod(p))).toBe(true)
    for (const c of ['', '-1', '1.0', '18446744073709551616']) expect(rejects(() => parseCounter(c))).toBe(true)
  })

  it('keeps messages short for huge inputs', () => {
    try {
      parseDigits('9'.repeat(10000))
    } catch (e) {
      expect((e as Error).message.length).toBeLessThan(100)
    }
  })
})
