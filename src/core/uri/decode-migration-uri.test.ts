import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeOf } from '../../../test/support/code-of.ts'
import fixture from '../../../test/fixtures/migration-cases.json' with { type: 'json' }
import { base64Encode } from '../encoding/base64.ts'
import { KeyfobError } from '../errors.ts'
import { decodeMigrationUri, splitName } from './decode-migration-uri.ts'
import { writeProtoFields, type ProtoField } from './protobuf.ts'

interface Entry {
  name: string
  issuer: string
  account: string
  secret: string
  algorithm: string
  digits: number
  type: string
  counter: number
}
interface Case {
  uri: string
  error: boolean
  version?: number | null
  batch_size?: number | null
  batch_index?: number | null
  batch_id?: number | null
  entries?: Entry[]
}
const cases = fixture.cases as Case[]

const toUri = (fields: ProtoField[]) => `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(writeProtoFields(fields)))}`
const utf8 = (s: string) => new TextEncoder().encode(s)
const account = (extra: ProtoField[] = []): ProtoField => ({
  no: 1,
  wireType: 2,
  value: writeProtoFields([
    { no: 1, wireType: 2, value: Uint8Array.of(1, 2, 3, 4, 5) },
    { no: 2, wireType: 2, value: utf8('n') },
    ...extra,
  ]),
})

describe('decodeMigrationUri: the spec cases', () => {
  it('has all 13 cases', () => expect(cases).toHaveLength(13))

  cases.forEach((c, i) => {
    if (c.error) {
      it(`case ${i + 1} rejects ${c.uri.slice(0, 60)}…`, () => {
        expect(['INVALID_URI', 'INVALID_MIGRATION']).toContain(codeOf(() => decodeMigrationUri(c.uri)))
      })
      return
    }
    it(`case ${i + 1} decodes ${c.entries!.length} account(s)`, () => {
      const got = decodeMigrationUri(c.uri)
      expect(got.version).toBe(c.version)
      expect(got.batchSize).toBe(c.batch_size)
      expect(got.batchIndex).toBe(c.batch_index)
      expect(got.batchId).toBe(c.batch_id)
      expect(got.accounts).toHaveLength(c.entries!.length)
      got.accounts.forEach((a, j) => {
        const e = c.entries![j]!
        expect({
          name: a.name,
          issuer: a.issuer,
          account: a.account,
          secret: a.secret,
          algorithm: a.algorithm,
          digits: a.digits,
          type: a.type,
          counter: a.counter,
        }).toEqual({ ...e, counter: BigInt(e.counter) })
        expect(a.period).toBe(30)
      })
    })
  })
})

describe('decodeMigrationUri: tolerance and refusals', () => {
  const sample = cases[2]!.uri // percent-encoded, with a negative batch id
  const data = decodeURIComponent(sample.slice(sample.indexOf('data=') + 5))

  it('accepts raw, form-mangled, URL-safe and unpadded base64', () => {
    const expected = decodeMigrationUri(sample)
    const base = 'otpauth-migration://offline?data='
    for (const variant of [
      data,
      data.replace(/\+/g, ' '),
      data.replace(/\+/g, '-').replace(/\//g, '_'),
      data.replace(/=+$/, ''),
      encodeURIComponent(data.replace(/\+/g, ' ')),
    ]) {
      expect(decodeMigrationUri(base + variant)).toEqual(expected)
    }
    expect(decodeMigrationUri(`  OTPAUTH-MIGRATION://offline?x=1&DATA=${data}  `)).toEqual(expected)
  })

  it('refuses bad base64 and bad URIs', () => {
    const base = 'otpauth-migration://offline?data='
    expect(codeOf(() => decodeMigrationUri(`${base}A`))).toBe('INVALID_MIGRATION') // length ≡ 1 (mod 4)
    expect(codeOf(() => decodeMigrationUri(`${base}AB*D`))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => decodeMigrationUri(`${base}%ZZ`))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => decodeMigrationUri(`${base}`))).toBe('INVALID_MIGRATION') // no accounts
    expect(codeOf(() => decodeMigrationUri('otpauth-migration://offline'))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => decodeMigrationUri('otpauth://totp/x?secret=AAAA'))).toBe('INVALID_URI')
    expect(() => decodeMigrationUri('otpauth-migration://offline?foo=1')).toThrow("The export URI has no 'data' parameter.")
  })

  it('applies the proto3 defaults and skips unknown fields', () => {
    const got = decodeMigrationUri(
      toUri([
        account([
          { no: 8, wireType: 2, value: utf8('unique-id') },
          { no: 99, wireType: 5, value: Uint8Array.of(1, 2, 3, 4) },
        ]),
        { no: 42, wireType: 1, value: new Uint8Array(8) },
      ]),
    )
    expect(got).toEqual({
      version: null,
      batchSize: null,
      batchIndex: null,
      batchId: null,
      accounts: [
        { type: 'totp', name: 'n', issuer: '', account: 'n', secret: 'AEBAGBAF', algorithm: 'SHA1', digits: 6, period: 30, counter: 0n },
      ],
    })
  })

  it('reads HOTP counters as 64-bit values and ignores them for TOTP', () => {
    const hotp = decodeMigrationUri(
      toUri([
        account([
          { no: 6, wireType: 0, value: 1n },
          { no: 7, wireType: 0, value: 2n ** 64n - 1n },
        ]),
      ]),
    )
    expect(hotp.accounts[0]).toMatchObject({ type: 'hotp', counter: 2n ** 64n - 1n })
    const totp = decodeMigrationUri(
      toUri([
        account([
          { no: 6, wireType: 0, value: 2n },
          { no: 7, wireType: 0, value: 5n },
        ]),
      ]),
    )
    expect(totp.accounts[0]).toMatchObject({ type: 'totp', counter: 0n })
  })

  it('refuses MD5, unknown enum values, empty secrets, wrong wire types and bad UTF-8', () => {
    expect(codeOf(() => decodeMigrationUri(toUri([account([{ no: 4, wireType: 0, value: 4n }])])))).toBe('UNSUPPORTED_ALGORITHM')
    expect(() => decodeMigrationUri(toUri([account([{ no: 4, wireType: 0, value: 4n }])]))).toThrow(
      "Account 1 ('n') uses MD5, which Keyfob does not support.",
    )
    expect(codeOf(() => decodeMigrationUri(toUri([account([{ no: 4, wireType: 0, value: 5n }])])))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => decodeMigrationUri(toUri([account([{ no: 5, wireType: 0, value: 3n }])])))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => decodeMigrationUri(toUri([account([{ no: 6, wireType: 0, value: 3n }])])))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => decodeMigrationUri(toUri([account([{ no: 1, wireType: 2, value: new Uint8Array(0) }])])))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => decodeMigrationUri(toUri([account([{ no: 2, wireType: 0, value: 1n }])])))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => decodeMigrationUri(toUri([account([{ no: 2, wireType: 2, value: Uint8Array.of(0xc3, 0x28) }])])))).toBe(
      'INVALID_MIGRATION',
    )
  })

  it('refuses batch numbers that cannot describe a position', () => {
    const withHeader = (size: bigint, index: bigint) =>
      toUri([account(), { no: 3, wireType: 0, value: size }, { no: 4, wireType: 0, value: index }])
    expect(decodeMigrationUri(withHeader(3n, 2n))).toMatchObject({ batchSize: 3, batchIndex: 2 })
    expect(codeOf(() => decodeMigrationUri(withHeader(3n, 3n)))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => decodeMigrationUri(withHeader(2n ** 64n - 1n, 0n)))).toBe('INVALID_MIGRATION') // size −1
  })
})

describe('splitName (migration.md name/issuer mapping)', () => {
  it.each([
    ['Example:alice@google.com', 'Example', { issuer: 'Example', account: 'alice@google.com' }],
    ['encoding: ¿äÄéÉ? (demo)', 'encoding', { issuer: 'encoding', account: '¿äÄéÉ? (demo)' }],
    ['Other:alice', 'Example', { issuer: 'Example', account: 'Other:alice' }],
    ['Sha:512', '', { issuer: 'Sha', account: '512' }],
    [' Acme : bob', '', { issuer: 'Acme', account: 'bob' }],
    ['pi@raspberrypi', '', { issuer: '', account: 'pi@raspberrypi' }],
  ])('%s with issuer %s', (name, issuer, expected) => {
    expect(splitName(name, issuer)).toEqual(expected)
  })
})

describe('decodeMigrationUri: any input gives a value or a KeyfobError', () => {
  const check = (uri: string) => {
    try {
      decodeMigrationUri(uri)
    } catch (e) {
      if (!(e instanceof KeyfobError)) throw e
    }
  }
  it('on arbitrary strings and random payloads', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), check), { numRuns: 1000 })
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }).map((s) => `otpauth-migration://offline?data=${s}`),
        check,
      ),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (b) => check(`otpauth-migration://offline?data=${base64Encode(b)}`)),
      { numRuns: 3000 },
    )
  })

  it('on mutated spec payloads (flipped, inserted and cut bytes)', () => {
    const payloads = cases
      .filter((c) => !c.error)
      .map((c) => Uint8Array.from(atob(decodeURIComponent(c.uri.slice(c.uri.indexOf('data=') + 5))), (ch) => ch.charCodeAt(0)))
    const arb = fc
      .tuple(fc.constantFrom(...payloads), fc.array(fc.tuple(fc.nat(), fc.nat(2), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
      .map(([bytes, edits]) =>
        edits.reduce((b, [at, kind, value]) => {
          const i = at % (b.length + 1)
          const arr = [...b]
          if (kind === 0) arr[Math.min(i, arr.length - 1)] = value
          else if (kind === 1) arr.splice(i, 0, value)
          else arr.length = i
          return Uint8Array.from(arr)
        }, bytes),
      )
    fc.assert(
      fc.property(arb, (b) => check(`otpauth-migration://offline?data=${encodeURIComponent(base64Encode(b))}`)),
      { numRuns: 5000 },
    )
  })
})
