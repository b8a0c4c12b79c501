/**
 * Structure-aware mutations of JSON seeds: delete a field or element, replace
 * a node with random JSON, swap its type, put an edge-case or huge number in
 * it, a very long string, deep nesting, thousands of copies of a list
 * element, or a field the format knows under a wrong value. Nodes are chosen
 * by index into the document's paths at the time the mutation applies.
 */
import fc from 'fast-check'
import { longLengthArb, type SizeOptions } from './mutate-bytes.ts'
import { sizeWithin } from './size-within.ts'

type Json = unknown
type Path = (string | number)[]

type JsonOp =
  | { op: 'delete'; node: number }
  | { op: 'replace'; node: number; value: Json }
  | { op: 'swap'; node: number; to: 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' }
  | { op: 'number'; node: number; value: number }
  | { op: 'long'; node: number; unit: string; length: number }
  | { op: 'nest'; node: number; depth: number; inArray: boolean }
  | { op: 'copies'; node: number; count: number }
  | { op: 'add'; node: number; key: string; value: Json }
  | { op: 'recode'; node: number; part: number; at: number; mask: number }

/**
 * Numbers at the edges parsers must handle: zero and signs, fractions, 32- and
 * 64-bit boundaries, beyond 2^53, and just past the bounds of import/limits.ts
 * and the vault's Argon2 ceiling (so KDF parameters get refused, not run).
 * Values *at* the largest legal KDF cost (2^20 KiB of Argon2 memory, scrypt
 * N = 2^20) are left out on purpose: they are accepted by design and would
 * only spend the fuzzer's time in a second-long derivation.
 */
export const EDGE_NUMBERS = [
  0,
  -1,
  1,
  2,
  5,
  6,
  10,
  11,
  30,
  1.5,
  -0.5,
  255,
  256,
  1023,
  1024,
  2 ** 15,
  2 ** 16,
  2 ** 20 + 1,
  2 ** 21,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  2 ** 32 + 1,
  86_400,
  86_401,
  10_000,
  10_001,
  10_000_001,
  4 * 1024 * 1024 + 1,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  1e21,
  1e300,
  -1e300,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
]

export function jsonPaths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix)
  if (Array.isArray(value)) value.forEach((v, i) => jsonPaths(v, [...prefix, i], out))
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) jsonPaths(v, [...prefix, k], out)
  return out
}

const DELETE = Symbol('delete')
/** Most characters the copies of one node may add up to. */
const COPY_BUDGET = 8 * 1024 * 1024

/** A copy of `doc` with the node at `path` replaced by `change(node)`, or removed when that is DELETE. */
function updateAt(doc: Json, path: Path, change: (node: Json) => Json): Json {
  if (path.length === 0) {
    const next = change(doc)
    return next === DELETE ? null : next
  }
  const [head, ...rest] = path
  if (Array.isArray(doc)) {
    const copy: Json[] = doc.slice() // Array.isArray narrows unknown to any[]
    const i = head as number
    const next = rest.length === 0 ? change(copy[i]) : updateAt(copy[i], rest, change)
    if (next === DELETE) copy.splice(i, 1)
    else copy[i] = next
    return copy
  }
  const copy = { ...(doc as Record<string, Json>) }
  const key = head as string
  const next = rest.length === 0 ? change(copy[key]) : updateAt(copy[key], rest, change)
  if (next === DELETE) delete copy[key]
  // defineProperty keeps a "__proto__" key a plain data field, as JSON.parse makes it.
  else Object.defineProperty(copy, key, { value: next, enumerable: true, writable: true, configurable: true })
  return copy
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function swapType(v: Json, to: string): Json {
  switch (to) {
    case 'string':
      return typeof v === 'string' ? `${v}x` : (JSON.stringify(v) ?? '')
    case 'number':
      return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : typeof v === 'number' ? -v : 1
    case 'boolean':
      return !v
    case 'null':
      return null
    case 'array':
      return [v]
    default:
      return { value: v }
  }
}

function jsonOpArb(vocabulary: readonly string[], size: SizeOptions): fc.Arbitrary<JsonOp> {
  const node = fc.nat()
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...vocabulary, '__proto__', 'constructor') },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  )
  const smallJson = fc.jsonValue({ maxDepth: 2 })
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), node }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('replace' as const), node, value: smallJson }) },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('swap' as const),
        node,
        to: fc.constantFrom('string', 'number', 'boolean', 'null', 'array', 'object'),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('number' as const),
        node,
        value: fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      }),
    },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('add' as const), node, key, value: smallJson }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('long' as const),
        node,
        unit: fc.constantFrom('A', '7', '=', '%', '\\', '"', '\u00e9', '\ud83d\udd10', ' '),
        length: longLengthArb(size),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('nest' as const), node, depth: fc.integer({ min: 1, max: 100 }), inArray: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('copies' as const), node, count: fc.constantFrom(2, 17, 300, 10_001) }) },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('recode' as const),
        node,
        part: fc.nat(),
        at: fc.nat(),
        mask: fc.integer({ min: 1, max: 255 }),
      }),
    },
  )
}

function applyJsonOp(doc: Json, op: JsonOp): Json {
  const paths = jsonPaths(doc)
  const path = paths[op.node % paths.length]!
  switch (op.op) {
    case 'delete':
      return updateAt(doc, path, () => DELETE)
    case 'replace':
      return updateAt(doc, path, () => op.value)
    case 'swap':
      return updateAt(doc, path, (v) => swapType(v, op.to))
    case 'number':
      return updateAt(doc, path, () => op.value)
    case 'long':
      return updateAt(doc, path, () => op.unit.repeat(Math.ceil(op.length / op.unit.length)))
    case 'nest':
      return updateAt(doc, path, (v) => {
        let out = v
        for (let i = 0; i < op.depth; i++) out = op.inArray ? [out] : { v: out }
        return out
      })
    case 'copies':
      // The list holding the node gets `count` copies of it (past MAX_ENTRIES at 10,001),
      // as many as fit in the copy budget: 10,001 copies of a megabyte string would be 10 GB.
      if (path.length === 0) return doc
      return updateAt(doc, path.slice(0, -1), (parent) => {
        if (!Array.isArray(parent)) return parent
        const node: Json = parent[path.at(-1) as number]
        const count = Math.min(op.count, Math.max(2, Math.floor(COPY_BUDGET / Math.max(1, sizeWithin(node, COPY_BUDGET)))))
        return (parent as Json[]).concat(Array.from({ length: count - 1 }, () => node))
      })
    case 'add':
      return updateAt(doc, path, (v) => {
        if (!isObject(v)) return v
        const copy = { ...v }
        Object.defineProperty(copy, op.key, { value: op.value, enumerable: true, writable: true, configurable: true })
        return copy
      })
    case 'recode':
      return updateAt(doc, path, (v) => (typeof v === 'string' ? flipEncodedByte(v, op.part, op.at, op.mask) : v))
  }
}

/**
 * Flips one byte *inside* base64 or hex text (or one part of a composite like
 * Bitwarden's `2.iv|data|mac` or 2FAS' `data:salt:iv`) and re-encodes it, so
 * ciphertexts, tags, nonces and salts change while staying well-formed.
 */
function flipEncodedByte(text: string, part: number, at: number, mask: number): string {
  const parts = text.split(/([|:.])/)
  const i = (part % Math.ceil(parts.length / 2)) * 2
  const piece = parts[i]!
  const hex = /^(?:[0-9a-f]{2})+$/i.test(piece)
  const base64 = !hex && piece.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(piece)
  if (!hex && !base64) return text
  const bytes = Buffer.from(piece, hex ? 'hex' : 'base64')
  if (bytes.length === 0) return text
  bytes[at % bytes.length]! ^= mask
  parts[i] = bytes.toString(hex ? 'hex' : 'base64')
  return parts.join('')
}

/** One of `seeds` with one to three structural mutations. */
export function mutatedJsonArb(seeds: readonly Json[], vocabulary: readonly string[], size: SizeOptions): fc.Arbitrary<Json> {
  if (seeds.length === 0) throw new Error('mutatedJsonArb needs at least one seed')
  return fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(jsonOpArb(vocabulary, size), { minLength: 1, maxLength: 3 }))
    .map(([s, ops]) => ops.reduce(applyJsonOp, seeds[s]))
}

/** Number literals JSON.stringify never writes: overflow to Infinity, beyond 2^64, exponents, negative zero. */
const NUMBER_LITERALS = [
  '1e400',
  '-1e400',
  '18446744073709551616',
  '123456789012345678901234567890',
  '-0',
  '1E5',
  '0.0000001',
  '9007199254740993',
  '4294967296',
]

/** JSON text of a value, sometimes with one number literal swapped for one JSON.stringify cannot produce. */
export function jsonTextArb(value: fc.Arbitrary<Json>): fc.Arbitrary<string> {
  return fc
    .tuple(value, fc.constantFrom(0, 2), fc.option(fc.tuple(fc.nat(), fc.constantFrom(...NUMBER_LITERALS)), { freq: 4 }))
    .map(([v, indent, literal]) => {
      const text = JSON.stringify(v, null, indent) ?? 'null'
      if (literal === null) return text
      // Each match starts at a ':', '[' or ',' (a lookbehind would rescan long runs of blanks: quadratic).
      const numbers = [...text.matchAll(/[:[,]\s*(-?\d[\d.eE+-]*)/g)]
      const hit = numbers[literal[0] % Math.max(1, numbers.length)]
      if (hit?.index === undefined) return text
      const at = hit.index + hit[0].length - hit[1]!.length
      return text.slice(0, at) + literal[1] + text.slice(at + hit[1]!.length)
    })
}
