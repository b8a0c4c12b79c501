/**
 * Small helpers for validating untrusted JSON (the stored envelope, decrypted
 * content). Each check names the offending path so that a VAULT_CORRUPT message
 * says exactly what was wrong.
 */

/** Throws the caller's error; never returns. */
export type Fail = (message: string) => never

/** A plain JSON object: not null, not an array, not a class instance. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

export function expectRecord(value: unknown, path: string, fail: Fail): Record<string, unknown> {
  if (!isRecord(value)) fail(`${path} must be an object.`)
  return value
}

/** Rejects missing required keys and any key that is not listed. */
export function expectKeys(
  obj: Record<string, unknown>,
  path: string,
  required: readonly string[],
  optional: readonly string[],
  fail: Fail,
): void {
  for (const key of required) {
    if (!Object.hasOwn(obj, key)) fail(`${path}.${key} is missing.`)
  }
  for (const key of Object.keys(obj)) {
    if (!required.includes(key) && !optional.includes(key)) fail(`${path} has an unknown field '${key}'.`)
  }
}

export function expectString(value: unknown, path: string, fail: Fail): string {
  if (typeof value !== 'string') fail(`${path} must be a string.`)
  return value
}

export function expectBoolean(value: unknown, path: string, fail: Fail): boolean {
  if (typeof value !== 'boolean') fail(`${path} must be true or false.`)
  return value
}

export function expectInteger(value: unknown, path: string, min: number, max: number, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(`${path} must be an integer from ${min} to ${max}.`)
  }
  return value
}

export function expectArray(value: unknown, path: string, fail: Fail): readonly unknown[] {
  if (!Array.isArray(value)) fail(`${path} must be an array.`)
  return value
}

export function expectStringArray(value: unknown, path: string, fail: Fail): string[] {
  return expectArray(value, path, fail).map((item, i) => expectString(item, `${path}[${i}]`, fail))
}

export function expectOneOf<T extends string>(value: unknown, path: string, options: readonly T[], fail: Fail): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    fail(`${path} must be one of ${options.map((o) => `'${o}'`).join(', ')}.`)
  }
  return value as T
}

/** Lower-case RFC 9562 UUID text, as `crypto.randomUUID()` writes it. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function expectUuid(value: unknown, path: string, fail: Fail): string {
  if (typeof value !== 'string' || !UUID.test(value)) fail(`${path} must be a lower-case UUID.`)
  return value
}
