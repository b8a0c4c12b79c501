import { describe, it, expect } from 'vitest'
import { isKeyfobError, type ErrorCode } from '../errors.ts'
import { base32Decode } from '../encoding/base32.ts'
import { parseSecret } from '../encoding/parse-secret.ts'
import { generateSecret } from './generate-secret.ts'

const keyfobError = (code: ErrorCode): unknown =>
  expect.toSatisfy((e: unknown) => isKeyfobError(e, code), `a KeyfobError with code ${code}`)

describe('generateSecret', () => {
  it('makes a 160-bit key by default, as normalised base32', () => {
    const secret = generateSecret()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(base32Decode(secret).length).toBe(20)
    expect(parseSecret(secret)).toMatchObject({ secret, weak: false })
  })

  it('makes longer keys on request', () => {
    expect(base32Decode(generateSecret(32)).length).toBe(32)
    expect(base32Decode(generateSecret(64)).length).toBe(64)
    expect(base32Decode(generateSecret(128)).length).toBe(128)
  })

  it('does not repeat itself', () => {
    const secrets = new Set(Array.from({ length: 100 }, () => generateSecret()))
    expect(secrets.size).toBe(100)
  })

  it.each([0, 10, 16, 19, 20.5, 129, Number.NaN])('rejects %s bytes with INVALID_PARAMETER', (bytes) => {
    expect(() => generateSecret(bytes)).toThrow(keyfobError('INVALID_PARAMETER'))
  })
})
