/**
 * Character-level mutations of valid text seeds (URIs, keys, CSV): the byte
 * operations' counterparts on UTF-16 strings, plus insertion of tokens from a
 * per-format dictionary (the way AFL uses one), so that mutations reach the
 * syntax a parser branches on instead of dying at the first check.
 */
import fc from 'fast-check'
import { longLengthArb, type SizeOptions } from './mutate-bytes.ts'

type TextOp =
  | { op: 'replace'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'repeat'; at: number; length: number; total: number }
  | { op: 'splice'; at: number; other: number; from: number }
  | { op: 'case'; at: number; length: number; upper: boolean }

/** Characters that break naive text handling: controls, separators, escapes, non-ASCII, lone surrogates. */
const TRICKY_CHARS = [
  '\u0000',
  '\t',
  '\n',
  '\r',
  ' ',
  '"',
  "'",
  '\\',
  '%',
  '+',
  '=',
  '&',
  '?',
  '#',
  '/',
  ':',
  ',',
  ';',
  '\u00a0',
  '\u00e9',
  '\u0131',
  '\u017f',
  '\ufb00',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u{1f510}',
]

function textOpArb(dictionary: readonly string[], seedCount: number, size: SizeOptions): fc.Arbitrary<TextOp> {
  const at = fc.nat()
  const token = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...dictionary, ...TRICKY_CHARS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }) },
  )
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('replace' as const), at, text: token }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: token }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 32 }) }) },
    {
      weight: 2,
      arbitrary: fc.record({ op: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 128 }), to: fc.nat() }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ op: fc.constant('splice' as const), at, other: fc.nat({ max: Math.max(0, seedCount - 1) }), from: fc.nat() }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('case' as const), at, length: fc.integer({ min: 1, max: 64 }), upper: fc.boolean() }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('repeat' as const), at, length: fc.integer({ min: 1, max: 32 }), total: longLengthArb(size) }),
    },
  )
}

function applyTextOp(text: string, op: TextOp, seeds: readonly string[]): string {
  const n = text.length
  const i = n === 0 ? 0 : op.at % n
  switch (op.op) {
    case 'replace':
      return text.slice(0, i) + op.text + text.slice(i + 1)
    case 'insert':
      return text.slice(0, i) + op.text + text.slice(i)
    case 'truncate':
      return text.slice(0, i)
    case 'delete':
      return text.slice(0, i) + text.slice(i + op.length)
    case 'duplicate': {
      const to = n === 0 ? 0 : op.to % n
      return text.slice(0, to) + text.slice(i, i + op.length) + text.slice(to)
    }
    case 'repeat': {
      const piece = text.slice(i, i + op.length)
      if (piece === '') return text
      return text.slice(0, i) + piece.repeat(Math.ceil(op.total / piece.length)) + text.slice(i)
    }
    case 'splice': {
      const other = seeds[op.other % seeds.length] ?? text
      return text.slice(0, i) + other.slice(other.length === 0 ? 0 : op.from % other.length)
    }
    case 'case': {
      const piece = text.slice(i, i + op.length)
      return text.slice(0, i) + (op.upper ? piece.toUpperCase() : piece.toLowerCase()) + text.slice(i + op.length)
    }
  }
}

/** One of `seeds` with one to four text mutations applied. */
export function mutatedTextArb(seeds: readonly string[], dictionary: readonly string[], size: SizeOptions): fc.Arbitrary<string> {
  if (seeds.length === 0) throw new Error('mutatedTextArb needs at least one seed')
  return fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(textOpArb(dictionary, seeds.length, size), { minLength: 1, maxLength: 4 }))
    .map(([s, ops]) => ops.reduce((text, op) => applyTextOp(text, op, seeds), seeds[s]!))
}

/** Random text built from the dictionary and tricky characters: "grammar-shaped" noise. */
export function tokenSoupArb(dictionary: readonly string[], maxTokens = 24): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...dictionary) },
        { weight: 1, arbitrary: fc.constantFrom(...TRICKY_CHARS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
      ),
      { maxLength: maxTokens },
    )
    .map((tokens) => tokens.join(''))
}
