import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import fixture from '../../../test/fixtures/otpauth-uri-cases.json' with { type: 'json' }
import { KeyfobError, type ErrorCode } from '../errors.ts'
import { parseOtpauthUri } from './parse-otpauth-uri.ts'

interface Expected {
  type: string
  issuer: string
  account: string
  secret: string
  algorithm: string
  digits: number
  period: number | null
  counter: number | null
  image: string | null
  issuer_mismatch: boolean
}
interface Case {
  id: number
  uri: string
  error: boolean
  expected?: Expected
  reason?: string
}

const cases = fixture.cases as Case[]

/** The error code each kind of `reason` in the fixture should produce. */
function codeFor(reason: string): ErrorCode {
  if (/base32|secret|'=' inside/.test(reason)) return 'INVALID_SECRET'
  if (/algorithm/.test(reason)) return 'UNSUPPORTED_ALGORITHM'
  if (/OTP type/.test(reason)) return 'UNSUPPORTED_TYPE'
  if (/not an otpauth URI|percent-encoding/.test(reason)) return 'INVALID_URI'
  if (/digits|period|counter/.test(reason)) return 'INVALID_PARAMETER'
  throw new Error(`no code known for reason ${reason}`)
}

function thrown(fn: () => unknown): KeyfobError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(KeyfobError)
    return e as KeyfobError
  }
  throw new Error('expected a KeyfobError')
}

describe('parseOtpauthUri: the 65 spec cases', () => {
  it('has all 65 cases', () => expect(cases).toHaveLength(65))

  for (const c of cases.filter((c) => !c.error)) {
    it(`case ${c.id} accepts ${c.uri}`, () => {
      const e = c.expected!
      const got = parseOtpauthUri(c.uri)
      expect(got.type).toBe(e.type)
      expect(got.issuer).toBe(e.issuer)
      expect(got.account).toBe(e.account)
      expect(got.secret).toBe(e.secret)
      expect(got.algorithm).toBe(e.algorithm)
      expect(got.digits).toBe(e.digits)
      // period is null for HOTP in the fixture; Keyfob keeps the default there.
      expect(got.period).toBe(e.period ?? 30)
      // counter is null for TOTP/Steam; Keyfob stores 0n there.
      expect(got.counter).toBe(BigInt(e.counter ?? 0))
      expect(got.image ?? null).toBe(e.image)
      expect(got.issuerMismatch).toBe(e.issuer_mismatch)
    })
  }

  for (const c of cases.filter((c) => c.error)) {
    it(`case ${c.id} rejects ${c.uri} (${c.reason})`, () => {
      const error = thrown(() => parseOtpauthUri(c.uri))
      expect(error.code).toBe(codeFor(c.reason!))
      // Where the reason quotes the offending value, the message does too.
      const quoted = /'[^']*'/.exec(c.reason!)?.[0]
      if (quoted) expect(error.message).toContain(quoted)
      expect(error.message).toMatch(/^[A-Z].*\.$/)
    })
  }
})

describe('parseOtpauthUri: details', () => {
  const base = 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP'

  it('gives specific messages', () => {
    expect(() => parseOtpauthUri('otpauth://totp/X?secret=JBSWY3DPEHPK3PX1')).toThrow("The secret has an invalid base32 character '1'.")
    expect(() => parseOtpauthUri(`${base}&digits=11`)).toThrow('Digits must be between 6 and 10 (got 11).')
    expect(() => parseOtpauthUri(`${base}&period=0`)).toThrow('The period must be a positive whole number of seconds (got 0).')
    expect(() => parseOtpauthUri(`${base}&digits=%ZZ`)).toThrow("The 'digits' parameter has malformed percent-encoding: '%ZZ'.")
    expect(() => parseOtpauthUri('otpauth://totp/X?issuer=Y')).toThrow('The URI has no secret parameter.')
    expect(() => parseOtpauthUri('otpauth-migration://offline?data=AAAA')).toThrow(/Google Authenticator export/)
  })

  it('flags keys shorter than 128 bits as weak', () => {
    expect(parseOtpauthUri(base).weak).toBe(true) // 80 bits
    expect(parseOtpauthUri('otpauth://totp/X?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ').weak).toBe(false) // 160 bits
    expect(parseOtpauthUri('otpauth://totp/X?secret=AAAAAAAAAAAAAAAAAAAAAAAAAA').weak).toBe(false) // exactly 128 bits
  })

  it('keeps unknown parameters in extra, with their spelling, last duplicate winning', () => {
    const got = parseOtpauthUri(`${base}&codeDisplay=%7B%22pinned%22%3Afalse%7D&color=ff0000&Color=00ff00&steam&lock=true`)
    expect(got.extra).toEqual({ codeDisplay: '{"pinned":false}', Color: '00ff00', steam: '', lock: 'true' })
    expect(parseOtpauthUri(base).extra).toBeUndefined()
  })

  it('keeps a parameter named __proto__ as plain data', () => {
    const got = parseOtpauthUri(`${base}&__proto__=x`)
    expect(Object.getPrototypeOf(got.extra)).toBe(Object.prototype)
    expect(Object.entries(got.extra!)).toEqual([['__proto__', 'x']])
  })

  it('accepts only the explicit Steam markers, case-insensitively', () => {
    expect(parseOtpauthUri(`${base}&ENCODER=Steam`).type).toBe('steam')
    expect(parseOtpauthUri('STEAM://JBSWY3DPEHPK3PXP').type).toBe('steam')
    expect(parseOtpauthUri('otpauth://totp/Steam:x?secret=JBSWY3DPEHPK3PXP&issuer=Steam').type).toBe('totp')
    // encoder on HOTP is not a marker: it stays HOTP and the parameter is kept.
    const hotp = parseOtpauthUri('otpauth://hotp/X?secret=JBSWY3DPEHPK3PXP&encoder=steam')
    expect(hotp.type).toBe('hotp')
    expect(hotp.extra).toEqual({ encoder: 'steam' })
  })

  it('reads t0 (the TOTP start time in Unix seconds) for TOTP, and refuses one that is not whole seconds', () => {
    const uri = 'otpauth://totp/Acme:a?secret=JBSWY3DPEHPK3PXP'
    expect(parseOtpauthUri(`${uri}&t0=1600000000`).t0).toBe(1_600_000_000)
    expect(parseOtpauthUri(`${uri}&t0=-60`).t0).toBe(-60)
    expect(parseOtpauthUri(`${uri}&t0=0`).t0).toBeUndefined()
    expect(parseOtpauthUri(`${uri}&t0=0`).extra).toBeUndefined()
    for (const bad of ['1.5', 'x', '', '99999999999999999999']) {
      expect(() => parseOtpauthUri(`${uri}&t0=${bad}`)).toThrowError(expect.objectContaining({ code: 'INVALID_PARAMETER' }))
    }
  })

  it('ignores, without validating, what a type does not use', () => {
    const steam = parseOtpauthUri('otpauth://steam/X?secret=JBSWY3DPEHPK3PXP&digits=abc&period=-1&algorithm=MD5')
    expect(steam).toMatchObject({ digits: 5, period: 30, algorithm: 'SHA1' })
    expect(parseOtpauthUri(`${base}&counter=-1`).counter).toBe(0n)
    expect(parseOtpauthUri('otpauth://hotp/X?secret=JBSWY3DPEHPK3PXP&period=0').period).toBe(30)
  })

  it('accepts counters up to 2^64−1 and no further', () => {
    const hotp = 'otpauth://hotp/X?secret=JBSWY3DPEHPK3PXP&counter='
    expect(parseOtpauthUri(`${hotp}18446744073709551615`).counter).toBe(2n ** 64n - 1n)
    expect(thrown(() => parseOtpauthUri(`${hotp}18446744073709551616`)).code).toBe('INVALID_PARAMETER')
  })

  it('refuses non-UTF-8 escapes in the label', () => {
    expect(thrown(() => parseOtpauthUri('otpauth://totp/%C0%80?secret=JBSWY3DPEHPK3PXP')).code).toBe('INVALID_URI')
    expect(thrown(() => parseOtpauthUri('otpauth://totp/a%?secret=JBSWY3DPEHPK3PXP')).code).toBe('INVALID_URI')
  })

  it('trims the URI and accepts a label with a literal + and #', () => {
    const got = parseOtpauthUri('  otpauth://totp/A+B:u#EXT#@x?secret=JBSWY3DPEHPK3PXP \n')
    expect(got).toMatchObject({ issuer: 'A+B', account: 'u#EXT#@x' })
  })
})

describe('parseOtpauthUri: any input gives a value or a KeyfobError', () => {
  const check = (uri: string) => {
    try {
      const got = parseOtpauthUri(uri)
      expect(got.secret).toMatch(/^[A-Z2-7]+$/)
      expect(['totp', 'hotp', 'steam']).toContain(got.type)
      expect(got.digits).toBeGreaterThanOrEqual(got.type === 'steam' ? 5 : 6)
      expect(got.digits).toBeLessThanOrEqual(10)
      expect(Number.isSafeInteger(got.period) && got.period > 0).toBe(true)
      expect(got.counter >= 0n && got.counter < 2n ** 64n).toBe(true)
    } catch (e) {
      if (!(e instanceof KeyfobError)) throw e
    }
  }

  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 2000 })
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).map((s) => `otpauth://${s}`),
        check,
      ),
      { numRuns: 2000 },
    )
  })

  it('on mutated spec cases', () => {
    const pieces = [
      '%',
      '%3A',
      '%3a',
      ':',
      '?',
      '&',
      '=',
      '#',
      '+',
      '/',
      ' ',
      '%F0',
      '%ZZ',
      'secret=',
      'digits=',
      'counter=',
      'period=',
      '\uD800',
      'é',
    ]
    const mutation = fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...pieces))
    const arb = fc.tuple(fc.constantFrom(...cases.map((c) => c.uri)), fc.array(mutation, { maxLength: 4 })).map(([uri, edits]) =>
      edits.reduce((s, [at, kind, piece]) => {
        const i = at % (s.length + 1)
        if (kind === 0) return s.slice(0, i) + s.slice(i + 1)
        if (kind === 1) return s.slice(0, i) + piece + s.slice(i + 1)
        return s.slice(0, i) + piece + s.slice(i)
      }, uri),
    )
    fc.assert(fc.property(arb, check), { numRuns: 5000 })
  })
})
