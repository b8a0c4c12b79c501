import { describe, expect, it } from 'vitest'
import { splitLabel } from './split-label.ts'

describe('splitLabel (otpauth-uri.md, rule 5)', () => {
  it.each([
    ['Example:alice', '', { prefix: 'Example', account: 'alice' }],
    ['Big%20Corporation%3A%20alice%40bigco.com', '', { prefix: 'Big Corporation', account: 'alice@bigco.com' }],
    ['ACME%3aOTPAuth', '', { prefix: 'ACME', account: 'OTPAuth' }],
    ['a:b:c', '', { prefix: 'a', account: 'b:c' }],
    [':Username', '', { prefix: '', account: 'Username' }],
    ['alice', 'ACME', { prefix: '', account: 'alice' }],
    ['Text%3A%20More%20Text:Secret', 'Text: More Text', { prefix: 'Text: More Text', account: 'Secret' }],
    ['Big+Corp:x', '', { prefix: 'Big+Corp', account: 'x' }],
    ['', '', { prefix: '', account: '' }],
  ])('%s (issuer %s)', (label, issuer, expected) => {
    expect(splitLabel(label, issuer)).toEqual(expected)
  })
})
