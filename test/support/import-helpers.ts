/**
 * Shared assertions for the importer tests (test support only): comparing
 * results with fixtures, expecting typed errors, and the fast-check
 * properties "any input gives a value or a KeyfobError".
 */
import fc from 'fast-check'
import { expect } from 'vitest'
import { KeyfobError, isKeyfobError, type ErrorCode } from '../../src/core/errors.ts'
import type { ImportedEntry, ImportResult } from '../../src/core/import/import-result.ts'

type Field = keyof ImportedEntry
export const OTP_FIELDS: Field[] = ['type', 'issuer', 'account', 'secret', 'algorithm', 'digits', 'period', 'counter']

/** Picks `fields` of each entry, so formats that cannot carry tags/notes compare on what they carry. */
function pick(entries: readonly ImportedEntry[], fields: Field[]): Partial<ImportedEntry>[] {
  return entries.map((e) => Object.fromEntries(fields.filter((f) => e[f] !== undefined).map((f) => [f, e[f]])))
}

export function expectEntries(result: ImportResult, expected: readonly ImportedEntry[], fields: Field[] = OTP_FIELDS): void {
  expect(result.skipped).toEqual([])
  expect(pick(result.entries, fields)).toEqual(pick(expected, fields))
}

export async function expectError(promise: Promise<unknown> | (() => unknown), code: ErrorCode, message?: RegExp): Promise<KeyfobError> {
  let error: unknown
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (e) {
    error = e
  }
  expect(error, `expected ${code}`).toBeInstanceOf(KeyfobError)
  const k = error as KeyfobError
  expect(k.code, k.message).toBe(code)
  if (message) expect(k.message).toMatch(message)
  return k
}

/** Runs `run` (for fc.asyncProperty) and fails unless it returns or throws a KeyfobError other than INTERNAL. */
export async function valueOrKeyfobError(run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  } catch (e) {
    if (!isKeyfobError(e) || e.code === 'INTERNAL') throw e
  }
}

/** The synchronous variant, for fc.property. */
export function valueOrKeyfobErrorSync(run: () => unknown): void {
  try {
    run()
  } catch (e) {
    if (!isKeyfobError(e) || e.code === 'INTERNAL') throw e
  }
}

/** Every path into a JSON value, for replacing one node with arbitrary JSON. */
function jsonPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix)
  if (Array.isArray(value)) value.forEach((v, i) => jsonPaths(v, [...prefix, i], out))
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) jsonPaths(v, [...prefix, k], out)
  return out
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>
  const [head, ...rest] = path
  copy[head!] = replaceAt(copy[head!], rest, replacement)
  return copy
}

/** fast-check: a JSON document with one node replaced by arbitrary JSON (or deleted). */
export function mutatedJsonArb(document: unknown): fc.Arbitrary<unknown> {
  const paths = jsonPaths(document)
  return fc
    .tuple(fc.nat({ max: paths.length - 1 }), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)))
    .map(([i, v]) => replaceAt(document, paths[i]!, v))
}

/** fast-check: bytes with a few flipped, truncated or extended. */
export function mutatedBytesArb(bytes: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
      const out = new Uint8Array(bytes)
      for (const [i, x] of flips) out[i]! ^= x
      return out
    }),
    fc.nat({ max: bytes.length }).map((n) => bytes.slice(0, n)),
    fc.uint8Array({ maxLength: 16 }).map((extra) => new Uint8Array([...bytes, ...extra])),
  )
}

export type Rec = Record<string, unknown>
type Path = (string | number)[]

/** A JSON fixture file parsed back into an object, for patching in tests. */
export const json = (bytes: Uint8Array): Rec => JSON.parse(new TextDecoder().decode(bytes)) as Rec

export function getIn(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value)
}

export const strIn = (value: unknown, path: Path): string => String(getIn(value, path))

/** A copy of `value` with the node at `path` replaced. */
export const setIn = (value: unknown, path: Path, replacement: unknown): Rec => replaceAt(value, path, replacement) as Rec

/** Changes the first character of base64 text, so the bytes it carries change. */
export const flipFirst = (text: string): string => (text[0] === 'A' ? 'B' : 'A') + text.slice(1)

export const encode = (value: unknown): Uint8Array => new TextEncoder().encode(value === undefined ? '' : JSON.stringify(value))
