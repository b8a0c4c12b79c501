/**
 * Small shape checks for message inputs. Every message is untrusted until one of
 * these has accepted it; failures are INVALID_MESSAGE with the offending field named.
 */
import { KeyfobError } from '../core/errors.ts'

type Obj = Record<string, unknown>

function fail(message: string): never {
  throw new KeyfobError('INVALID_MESSAGE', message)
}

export function object(input: unknown, allowed: readonly string[] = []): Obj {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('The message input must be an object.')
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) fail(`The message has an unexpected field '${key}'.`)
  }
  return input as Obj
}

export function empty(input: unknown): Record<string, never> {
  object(input ?? {}, [])
  return {}
}

export function string(o: Obj, key: string, opts: { max?: number; optional?: boolean } = {}): string {
  const v = o[key]
  if (v === undefined && opts.optional) return ''
  if (typeof v !== 'string') fail(`'${key}' must be a string.`)
  if (v.length > (opts.max ?? 10_000)) fail(`'${key}' is too long.`)
  return v
}

export function integer(o: Obj, key: string, min: number, max: number): number {
  const v = o[key]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(`'${key}' must be an integer from ${min} to ${max}.`)
  }
  return v
}

export function boolean(o: Obj, key: string): boolean {
  const v = o[key]
  if (typeof v !== 'boolean') fail(`'${key}' must be true or false.`)
  return v
}

export function stringArray(o: Obj, key: string, maxItems = 100, maxLength = 200): string[] {
  const v = o[key]
  if (!Array.isArray(v) || v.length > maxItems) fail(`'${key}' must be a list of at most ${maxItems} items.`)
  return v.map((item) => {
    if (typeof item !== 'string' || item.length > maxLength) fail(`'${key}' must hold short strings.`)
    return item
  })
}
