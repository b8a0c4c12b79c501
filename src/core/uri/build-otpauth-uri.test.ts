import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isKeyfobError } from '../errors.ts'
import type { AccountFields } from '../types.ts'
import { buildOtpauthUri } from './build-otpauth-uri.ts'
import { parseOtpauthUri } from './parse-otpauth-uri.ts'
import { nameArb, otpauthAccountArb, secretArb } from '../../../test/support/uri-arbitraries.ts'

const totp: AccountFields = {
  type: 'totp',
  issuer: 'ACME Co',
  account: 'john.doe@email.com',
  secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0n,
}

/** Parses back and drops the parser's own flags. */
function roundTrip(fields: AccountFields): AccountFields {
  const { issuerMismatch: _m, weak: _w, ...back } = parseOtpauthUri(buildOtpauthUri(fields))
  return back
}

describe('buildOtpauthUri', () => {
  it('writes the wiki form, defaults left out', () => {
    expect(buildOtpauthUri(totp)).toBe(
      'otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co',
    )
  })

  it('writes non-defaults, and the HOTP counter always', () => {
    expect(buildOtpauthUri({ ...totp, algorithm: 'SHA512', digits: 8, period: 60 })).toContain('&algorithm=SHA512&digits=8&period=60')
    expect(buildOtpauthUri({ ...totp, type: 'hotp', counter: 0n })).toMatch(/^otpauth:\/\/hotp\/.*&counter=0$/)
  })

  it('writes Steam in the pyotp/KeePassXC form', () => {
    const steam: AccountFields = {
      ...totp,
      type: 'steam',
      issuer: 'Steam',
      account: 'gaben',
      digits: 5,
      secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI',
    }
    expect(buildOtpauthUri(steam)).toBe('otpauth://totp/Steam:gaben?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Steam&encoder=steam')
  })

  it('writes the account alone when there is no issuer', () => {
    expect(buildOtpauthUri({ ...totp, issuer: '', account: 'a b+c' })).toBe(
      'otpauth://totp/a%20b%2Bc?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
    )
  })

  it('normalises the secret and keeps image and extra', () => {
    const uri = buildOtpauthUri({
      ...totp,
      secret: 'hxdm vjec-jjws rb3h wizr 4ifu gftm xboz==',
      image: 'https://x/y.png',
      extra: { codeDisplay: '{"a":1}' },
    })
    expect(uri).toContain('secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&')
    expect(uri).toMatch(/&image=https%3A%2F%2Fx%2Fy\.png&codeDisplay=%7B%22a%22%3A1%7D$/)
  })

  it('replaces colons in label names with U+FF1A; the issuer parameter stays exact', () => {
    const uri = buildOtpauthUri({ ...totp, issuer: 'Text: More', account: 'a:b' })
    expect(uri).toBe('otpauth://totp/Text%EF%BC%9A%20More:a%EF%BC%9Ab?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=Text%3A%20More')
    expect(parseOtpauthUri(uri)).toMatchObject({ issuer: 'Text: More', account: 'a：b', issuerMismatch: true })
    expect(parseOtpauthUri(buildOtpauthUri({ ...totp, issuer: '', account: 'a:b' }))).toMatchObject({ issuer: '', account: 'a：b' })
  })

  it('does not let extra override a real parameter or change the type', () => {
    const uri = buildOtpauthUri({ ...totp, extra: { Secret: 'AAAA', encoder: 'steam', DIGITS: '9', x: '1' } })
    expect(parseOtpauthUri(uri)).toMatchObject({ type: 'totp', secret: totp.secret, digits: 6, extra: { x: '1' } })
  })

  it('refuses what it could not read back', () => {
    const codeOf = (f: AccountFields) => {
      try {
        buildOtpauthUri(f)
      } catch (e) {
        return isKeyfobError(e) ? e.code : 'not a KeyfobError'
      }
      return 'no error'
    }
    expect(codeOf({ ...totp, secret: 'JBSW1' })).toBe('INVALID_SECRET')
    expect(codeOf({ ...totp, digits: 11 })).toBe('INVALID_PARAMETER')
    expect(codeOf({ ...totp, period: 0 })).toBe('INVALID_PARAMETER')
    expect(codeOf({ ...totp, period: 1.5 })).toBe('INVALID_PARAMETER')
    expect(codeOf({ ...totp, type: 'hotp', counter: 2n ** 64n })).toBe('INVALID_PARAMETER')
    expect(codeOf({ ...totp, t0: 1.5 })).toBe('INVALID_PARAMETER')
    expect(codeOf({ ...totp, account: 'x\uD800' })).toBe('INVALID_PARAMETER')
    expect(codeOf({ ...totp, algorithm: 'MD5' as 'SHA1' })).toBe('UNSUPPORTED_ALGORITHM')
  })

  it('writes a TOTP start time (t0, django-otp) only when it is not 0', () => {
    expect(buildOtpauthUri({ ...totp, t0: 1_600_000_000 })).toBe(`${buildOtpauthUri(totp)}&t0=1600000000`)
    expect(buildOtpauthUri({ ...totp, t0: 0 })).toBe(buildOtpauthUri(totp))
    expect(buildOtpauthUri({ ...totp, t0: -30 })).toMatch(/&t0=-30$/)
    expect(parseOtpauthUri(buildOtpauthUri({ ...totp, t0: 1_600_000_000 })).t0).toBe(1_600_000_000)
  })

  it('round-trips every field (property)', () => {
    fc.assert(
      fc.property(otpauthAccountArb, (fields) => {
        expect(roundTrip(fields)).toEqual(fields)
      }),
      { numRuns: 1000 },
    )
  })

  it('round-trips issuers with colons exactly (property)', () => {
    fc.assert(
      fc.property(
        nameArb({ colons: true }).filter((s) => s !== ''),
        nameArb({ colons: false }),
        secretArb,
        (issuer, account, secret) => {
          const back = roundTrip({ ...totp, issuer, account, secret })
          expect(back.issuer).toBe(issuer)
          expect(back.account).toBe(account)
        },
      ),
    )
  })
})
