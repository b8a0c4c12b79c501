/**
 * Schemas for message inputs: each endpoint's check is declared once (src/shared/protocol.ts) and
 * its TypeScript input type is derived from it (`Infer`). Every message is untrusted until its
 * schema has accepted it; failures are INVALID_MESSAGE naming the offending field.
 *
 * Our own few combinators rather than a schema library. Valibot (the smallest, and modular) came to
 * 7.0 KiB minified, 2.0 KiB gzipped for the content script's eight schemas alone (measured with
 * esbuild), and the content script was at 8.6 of its 10 KiB gzipped budget before serve() was added:
 * it would not fit. These combinators, the schemas and serve() together added 2.0 KiB minified,
 * 0.8 KiB gzipped to the content script (now 9.4). They also keep the error sentences the pages
 * show, and need no dependency. Every factory is free of side effects (`@__NO_SIDE_EFFECTS__`), so
 * a bundle that uses one direction's schemas drops the others (the content script carries none of
 * the popup's); the popup loads none (its client needs only the types).
 */
import { KeyfobError } from '../core/errors.ts'

/** Checks `input` and returns it typed (possibly normalised); throws INVALID_MESSAGE. `at`: the field's name, for the message. */
export type Schema<T> = (input: unknown, at?: string) => T
export type Infer<S> = S extends Schema<infer T> ? T : never

/** A field that may be left out of its object. */
export interface Optional<T> extends Schema<T> {
  optional: true
}

export function fail(message: string): never {
  throw new KeyfobError('INVALID_MESSAGE', message)
}

type Shape = Record<string, Schema<unknown>>
type Flat<T> = { [K in keyof T]: T[K] }
type ObjectOf<S extends Shape> = Flat<
  { [K in keyof S as S[K] extends Optional<unknown> ? never : K]: Infer<S[K]> } & {
    [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: Infer<S[K]>
  }
>

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** An object with exactly these fields (no others); a missing input is an empty object. */
/* @__NO_SIDE_EFFECTS__ */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return (input, at) => {
    const o = input ?? {}
    if (!isObject(o)) fail(at ? `'${at}' must be an object.` : 'The message input must be an object.')
    for (const key of Object.keys(o)) if (!Object.hasOwn(shape, key)) fail(`The message has an unexpected field '${key}'.`)
    const out: Record<string, unknown> = {}
    for (const [key, schema] of Object.entries(shape)) {
      if (o[key] === undefined && (schema as Partial<Optional<unknown>>).optional) continue
      out[key] = schema(o[key], at ? `${at}.${key}` : key)
    }
    return out as ObjectOf<S>
  }
}

/* @__NO_SIDE_EFFECTS__ */
export function optional<T>(schema: Schema<T>): Optional<T> {
  return Object.assign((input: unknown, at?: string) => schema(input, at), { optional: true as const })
}

/* @__NO_SIDE_EFFECTS__ */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return (input, at) => (input === null ? null : schema(input, at))
}

/** A string of at most `max` characters, matching `pattern` when given. */
/* @__NO_SIDE_EFFECTS__ */
export function string(max = 10_000, pattern?: RegExp, what = 'a valid value'): Schema<string> {
  return (v, at) => {
    if (typeof v !== 'string') fail(`'${at}' must be a string.`)
    if (v.length > max) fail(`'${at}' is too long.`)
    if (pattern && !pattern.test(v)) fail(`'${at}' must be ${what}.`)
    return v
  }
}

/* @__NO_SIDE_EFFECTS__ */
export function integer(min: number, max: number): Schema<number> {
  return (v, at) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(`'${at}' must be an integer from ${min} to ${max}.`)
    return v
  }
}

/** A finite number from `min` to `max`. */
/* @__NO_SIDE_EFFECTS__ */
export function number(min: number, max: number): Schema<number> {
  return (v, at) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(`'${at}' must be a number from ${min} to ${max}.`)
    return v
  }
}

export const boolean: Schema<boolean> = (v, at) => {
  if (typeof v !== 'boolean') fail(`'${at}' must be true or false.`)
  return v
}

/* @__NO_SIDE_EFFECTS__ */
export function oneOf<const T>(allowed: readonly T[]): Schema<T> {
  return (v, at) => {
    if (!allowed.includes(v as T)) fail(`'${at}' must be one of ${allowed.join(', ')}.`)
    return v as T
  }
}

/** A list of at most `maxItems`, each checked by `item`. */
/* @__NO_SIDE_EFFECTS__ */
export function array<T>(item: Schema<T>, maxItems: number): Schema<T[]> {
  return (v, at) => {
    if (!Array.isArray(v) || v.length > maxItems) fail(`'${at}' must be a list of at most ${maxItems} items.`)
    return v.map((x, i) => item(x, `${at}[${i}]`))
  }
}

/** Short strings: sites, tags, names. */
/* @__NO_SIDE_EFFECTS__ */
export function strings(maxItems = 100, maxLength = 200): Schema<string[]> {
  return array(string(maxLength), maxItems)
}

/** The empty input of a request that takes nothing. */
export const empty: Schema<Record<string, never>> = object({})
