import { describe, expect, it } from 'vitest'
import type { AccountFields } from '../types.ts'
import { migrationLimitations } from './migration-limitations.ts'

const base: AccountFields = {
  type: 'totp',
  issuer: 'I',
  account: 'a',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA256',
  digits: 8,
  period: 30,
  counter: 0n,
}

describe('migrationLimitations', () => {
  it('accepts what the payload can carry', () => {
    expect(migrationLimitations(base)).toBeNull()
    expect(migrationLimitations({ ...base, type: 'hotp', digits: 6, period: 45, counter: 2n ** 63n - 1n })).toBeNull()
    expect(migrationLimitations({ ...base, image: 'x', extra: { a: 'b' }, t0: 0 })).toBeNull()
  })

  it('names every reason', () => {
    expect(migrationLimitations({ ...base, type: 'steam', digits: 5 })).toBe('Google Authenticator exports have no Steam type.')
    expect(migrationLimitations({ ...base, digits: 7 })).toMatch(/only allow 6 or 8 digits \(this account has 7\)/)
    expect(migrationLimitations({ ...base, period: 60 })).toMatch(/no period.*uses 60/)
    expect(migrationLimitations({ ...base, type: 'hotp', counter: 2n ** 63n })).toMatch(/counter is too large/)
    expect(migrationLimitations({ ...base, t0: 5 })).toMatch(/start time/)
    const both = migrationLimitations({ ...base, digits: 9, period: 15 })
    expect(both).toMatch(/digits.*period/)
  })
})
