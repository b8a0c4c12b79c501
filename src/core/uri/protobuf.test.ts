import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeOf } from '../../../test/support/code-of.ts'
import { KeyfobError } from '../errors.ts'
import { encodeVarint, int32ToVarint, readProtoFields, readVarint, varintToInt32, writeProtoFields, type ProtoField } from './protobuf.ts'

const bytes = (...b: number[]) => Uint8Array.from(b)

describe('varints', () => {
  it('reads the negative int32 from migration.md (10 bytes)', () => {
    const { value, next } = readVarint(bytes(0xeb, 0xe0, 0x92, 0x8a, 0xfb, 0xff, 0xff, 0xff, 0xff, 0x01), 0)
    expect(next).toBe(10)
    expect(varintToInt32(value)).toBe(-1320898453)
    expect(encodeVarint(int32ToVarint(-1320898453))).toEqual(bytes(0xeb, 0xe0, 0x92, 0x8a, 0xfb, 0xff, 0xff, 0xff, 0xff, 0x01))
  })

  it('reads and writes the extremes', () => {
    expect(encodeVarint(0n)).toEqual(bytes(0))
    expect(encodeVarint(300n)).toEqual(bytes(0xac, 0x02))
    const max = encodeVarint(2n ** 64n - 1n)
    expect(max).toHaveLength(10)
    expect(readVarint(max, 0).value).toBe(2n ** 64n - 1n)
  })

  it('refuses truncated, over-long and over-large varints', () => {
    expect(codeOf(() => readVarint(bytes(0x80, 0x80), 0))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => readVarint(bytes(), 0))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => readVarint(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02), 0))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => readVarint(new Uint8Array(11).fill(0x80), 0))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => encodeVarint(-1n))).toBe('INVALID_PARAMETER')
    expect(codeOf(() => encodeVarint(2n ** 64n))).toBe('INVALID_PARAMETER')
  })

  it('round-trips any 64-bit value (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (v) => {
        const encoded = encodeVarint(v)
        expect(readVarint(encoded, 0)).toEqual({ value: v, next: encoded.length })
      }),
    )
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (n) => {
        expect(varintToInt32(int32ToVarint(n))).toBe(n)
      }),
    )
  })
})

describe('fields', () => {
  it('reads every wire type and skips nothing', () => {
    const data = bytes(
      0x08,
      0x96,
      0x01, // field 1 varint 150
      0x12,
      0x02,
      0x61,
      0x62, // field 2 "ab"
      0x19,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8, // field 3 fixed64
      0x25,
      9,
      8,
      7,
      6, // field 4 fixed32
    )
    expect(readProtoFields(data)).toEqual([
      { no: 1, wireType: 0, value: 150n },
      { no: 2, wireType: 2, value: bytes(0x61, 0x62) },
      { no: 3, wireType: 1, value: bytes(1, 2, 3, 4, 5, 6, 7, 8) },
      { no: 4, wireType: 5, value: bytes(9, 8, 7, 6) },
    ])
  })

  it('refuses truncation anywhere, groups and field number 0', () => {
    expect(codeOf(() => readProtoFields(bytes(0x12, 0x05, 0x61)))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => readProtoFields(bytes(0x19, 1, 2, 3)))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => readProtoFields(bytes(0x25, 1)))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => readProtoFields(bytes(0x08)))).toBe('INVALID_MIGRATION')
    expect(codeOf(() => readProtoFields(bytes(0x0b)))).toBe('INVALID_MIGRATION') // wire type 3
    expect(codeOf(() => readProtoFields(bytes(0x00, 0x00)))).toBe('INVALID_MIGRATION') // field 0
    // A length near 2^64 must not wrap around or allocate.
    expect(codeOf(() => readProtoFields(bytes(0x12, ...encodeVarint(2n ** 64n - 1n))))).toBe('INVALID_MIGRATION')
  })

  it('writes what it reads (property)', () => {
    const no = fc.integer({ min: 1, max: 2 ** 29 - 1 })
    const field: fc.Arbitrary<ProtoField> = fc.oneof(
      fc.record({ no, wireType: fc.constant(0 as const), value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }),
      fc.record({ no, wireType: fc.constant(1 as const), value: fc.uint8Array({ minLength: 8, maxLength: 8 }) }),
      fc.record({ no, wireType: fc.constant(2 as const), value: fc.uint8Array({ maxLength: 40 }) }),
      fc.record({ no, wireType: fc.constant(5 as const), value: fc.uint8Array({ minLength: 4, maxLength: 4 }) }),
    )
    fc.assert(
      fc.property(fc.array(field, { maxLength: 8 }), (fields) => {
        expect(readProtoFields(writeProtoFields(fields))).toEqual(fields)
      }),
    )
  })

  it('never throws anything but KeyfobError on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        try {
          readProtoFields(data)
        } catch (e) {
          if (!(e instanceof KeyfobError)) throw e
        }
      }),
      { numRuns: 3000 },
    )
  })
})
