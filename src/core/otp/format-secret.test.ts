import { describe, it, expect } from 'vitest'
import { isKeyfobError, type ErrorCode } from '../errors.ts'
import { normalizeBase32 } from '../encoding/base32.ts'
import { formatSecret } from './format-secret.ts'
import { generateSecret } from './generate-secret.ts'

const keyfobError = (code: ErrorCode): unknown =>
  expect.toSatisfy((e: unknown) => isKeyfobError(e, code), `a KeyfobError with code ${code}`)

describe('formatSecret', () => {
  it.each([
    ['HXTRYI7E', 'HXTR YI7E'],
    ['hxtr-yi7e-bcde====', 'HXTR YI7E BCDE'],
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ'],
    ['JRZCL47CMXVOQMNPZR2F7J4RGI', 'JRZC L47C MXVO QMNP ZR2F 7J4R GI'],
    ['MY', 'MY'],
    ['MZXW', 'MZXW'],
  ])('%s → %s', (input, expected) => {
    expect(formatSecret(input)).toBe(expected)
  })

  it('round-trips through normalizeBase32', () => {
    for (let i = 0; i < 20; i++) {
      const secret = generateSecret(20 + i)
      expect(normalizeBase32(formatSecret(secret))).toBe(secret)
    }
  })

  it('rejects what normalizeBase32 rejects', () => {
    expect(() => formatSecret('HXTR YI1E')).toThrow(keyfobError('INVALID_SECRET'))
    expect(() => formatSecret('')).toThrow(keyfobError('INVALID_SECRET'))
  })
})
