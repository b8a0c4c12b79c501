import { describe, expect, it } from 'vitest'
import { validateManualAccount, type ManualAccountInput } from './validate-manual-account.ts'

const base: ManualAccountInput = {
  issuer: ' Acme ',
  account: 'alice',
  secret: 'jbsw y3dp ehpk 3pxp',
  type: 'totp',
  algorithm: 'sha1',
  digits: '6',
  period: '30',
  counter: '',
}

describe('validateManualAccount', () => {
  it('accepts a typical TOTP entry and normalises it', () => {
    expect(validateManualAccount(base)).toEqual({
      fields: {
        type: 'totp',
        issuer: 'Acme',
        account: 'alice',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0n,
      },
      weak: true,
    })
  })

  it('accepts HOTP with a 64-bit counter and Steam with forced parameters', () => {
    expect(validateManualAccount({ ...base, type: 'hotp', counter: '18446744073709551615' }).fields.counter).toBe(2n ** 64n - 1n)
    expect(validateManualAccount({ ...base, type: 'steam', digits: 'x', period: 'y', algorithm: 'SHA512' }).fields).toMatchObject({
      digits: 5,
      period: 30,
      algorithm: 'SHA1',
    })
  })

  it('takes an optional TOTP start time (t0, Unix seconds); blank or 0 means none', () => {
    expect(validateManualAccount({ ...base, t0: ' 1600000000 ' }).fields.t0).toBe(1_600_000_000)
    expect(validateManualAccount({ ...base, t0: '-30' }).fields.t0).toBe(-30)
    expect(validateManualAccount({ ...base, t0: '' }).fields).not.toHaveProperty('t0')
    expect(validateManualAccount({ ...base, t0: '0' }).fields).not.toHaveProperty('t0')
    expect(validateManualAccount({ ...base, type: 'hotp', t0: '5' }).fields).not.toHaveProperty('t0')
    expect(() => validateManualAccount({ ...base, t0: '1.5' })).toThrowError(expect.objectContaining({ field: 't0' }))
  })

  it('flags keys under 128 bits as weak but not longer ones', () => {
    expect(validateManualAccount({ ...base, secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' }).weak).toBe(false)
  })

  it.each([
    [{ issuer: '', account: ' ' }, 'issuer', /service name, the account name/],
    [{ secret: '' }, 'secret', /Enter the secret key/],
    [{ secret: 'JBSWY3DPEHPK3PX1' }, 'secret', /invalid base32 character '1'/],
    [{ digits: '5' }, 'digits', /6 to 10 digits/],
    [{ digits: '6.5' }, 'digits', /6 to 10 digits/],
    [{ period: '0' }, 'period', /from 1 to 86400/],
    [{ type: 'hotp', counter: '-1' }, 'counter', /whole number from 0/],
    [{ type: 'hotp', counter: '18446744073709551616' }, 'counter', /whole number from 0/],
    [{ type: 'motp' }, 'type', /TOTP, HOTP or Steam/],
    [{ algorithm: 'MD5' }, 'algorithm', /SHA1, SHA256 or SHA512/],
    [{ issuer: 'x'.repeat(201) }, 'issuer', /longer than 200/],
  ])('rejects %o on field %s', (patch, field, message) => {
    expect(() => validateManualAccount({ ...base, ...patch })).toThrowError(
      expect.objectContaining({ code: 'INVALID_PARAMETER', field, message: expect.stringMatching(message) as unknown }),
    )
  })
})
