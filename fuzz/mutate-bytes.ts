/**
 * Byte-level mutations of valid seeds, in the style of AFL's havoc stage: bit
 * and byte flips, "interesting" bytes, truncation, deletion, insertion,
 * duplication, splicing with another seed, and the occasional very long input.
 * Positions are drawn as naturals and taken modulo the length, so one
 * arbitrary fits seeds of any size.
 */
import { concatBytes } from '../src/core/encoding/concat-bytes.ts'
import fc from 'fast-check'

export interface SizeOptions {
  /** Largest input a "very long" mutation may build (the CI run keeps it small). */
  maxLongBytes: number
}

type ByteOp =
  | { op: 'flip'; at: number; mask: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'repeat'; at: number; length: number; total: number }
  | { op: 'splice'; at: number; other: number; from: number }

/** Bytes that steer parsers: JSON and CSV syntax, line ends, NUL, high bit, UTF-8 lead bytes, BOM. */
const INTERESTING = [
  0x00, 0x01, 0x0a, 0x0d, 0x20, 0x22, 0x2c, 0x3a, 0x5b, 0x5d, 0x7b, 0x7d, 0x5c, 0x25, 0x2b, 0x3d, 0x7f, 0x80, 0xbf, 0xc0, 0xef, 0xf0, 0xfe,
  0xff,
]

export function byteOpArb(seedCount: number, size: SizeOptions): fc.Arbitrary<ByteOp> {
  const at = fc.nat()
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('flip' as const), at, mask: fc.integer({ min: 1, max: 255 }) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at, value: fc.constantFrom(...INTERESTING) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 64 }) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }) }) },
    {
      weight: 2,
      arbitrary: fc.record({ op: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 256 }), to: fc.nat() }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ op: fc.constant('splice' as const), at, other: fc.nat({ max: Math.max(0, seedCount - 1) }), from: fc.nat() }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('repeat' as const), at, length: fc.integer({ min: 1, max: 64 }), total: longLengthArb(size) }),
    },
  )
}

/**
 * Lengths of "very long" inputs, log-uniform from 1 KiB to the maximum: as many
 * 2 KiB as 200 KiB ones, so super-linear work shows without every such input
 * costing the run a megabyte.
 */
export function longLengthArb(size: SizeOptions): fc.Arbitrary<number> {
  const maxBits = Math.max(10, Math.floor(Math.log2(size.maxLongBytes)))
  return fc
    .tuple(fc.integer({ min: 10, max: maxBits }), fc.nat())
    .map(([bits, jitter]) => Math.min(size.maxLongBytes, 2 ** bits + (jitter % 2 ** bits)))
}

export function applyByteOp(bytes: Uint8Array, op: ByteOp, seeds: readonly Uint8Array[]): Uint8Array {
  const n = bytes.length
  const i = n === 0 ? 0 : op.at % n
  switch (op.op) {
    case 'flip':
    case 'set': {
      if (n === 0) return bytes
      const out = new Uint8Array(bytes)
      out[i] = op.op === 'flip' ? out[i]! ^ op.mask : op.value
      return out
    }
    case 'truncate':
      return bytes.slice(0, i)
    case 'delete':
      return concatBytes(bytes.subarray(0, i), bytes.subarray(i + op.length))
    case 'insert':
      return concatBytes(bytes.subarray(0, i), op.bytes, bytes.subarray(i))
    case 'duplicate': {
      const piece = bytes.subarray(i, i + op.length)
      const to = n === 0 ? 0 : op.to % n
      return concatBytes(bytes.subarray(0, to), piece, bytes.subarray(to))
    }
    case 'repeat': {
      const piece = bytes.subarray(i, i + op.length)
      if (piece.length === 0) return bytes
      const run = new Uint8Array(op.total)
      for (let at = 0; at < run.length; at += piece.length) run.set(piece.subarray(0, run.length - at), at)
      return concatBytes(bytes.subarray(0, i), run, bytes.subarray(i))
    }
    case 'splice': {
      const other = seeds[op.other % seeds.length] ?? bytes
      const from = other.length === 0 ? 0 : op.from % other.length
      return concatBytes(bytes.subarray(0, i), other.subarray(from))
    }
  }
}

/** One of `seeds` with one to four byte mutations applied. */
export function mutatedBytesArb(seeds: readonly Uint8Array[], size: SizeOptions): fc.Arbitrary<Uint8Array> {
  if (seeds.length === 0) throw new Error('mutatedBytesArb needs at least one seed')
  return fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(byteOpArb(seeds.length, size), { minLength: 1, maxLength: 4 }))
    .map(([s, ops]) => ops.reduce((bytes, op) => applyByteOp(bytes, op, seeds), seeds[s]!))
}
