/**
 * Typed reads from parsed JSON. A field of the wrong JSON type makes the whole
 * file INVALID_FILE, with a message naming the field by its path
 * (`db.entries[2].info.digits`); absent and null optional fields read as
 * undefined. Only own properties are read, so `__proto__` keys stay data.
 */
import { base64Decode } from '../encoding/base64.ts'
import { hexDecode } from '../encoding/hex.ts'
import { KeyfobError } from '../errors.ts'
import { MAX_ENTRIES } from './limits.ts'

export type JsonRecord = Record<string, unknown>

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function kind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  switch (typeof value) {
    case 'string':
      return 'text'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'true/false'
    case 'object':
      return 'an object'
    default:
      return typeof value
  }
}

export function wrongType(path: string, expected: string, value: unknown): KeyfobError {
  return new KeyfobError('INVALID_FILE', `Invalid file: '${path}' must be ${expected}, not ${kind(value)}.`)
}

export function field(obj: JsonRecord, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined
}

export function asRecord(value: unknown, path: string): JsonRecord {
  if (!isRecord(value)) throw wrongType(path, 'an object', value)
  return value
}

export function asArray(value: unknown, path: string, max = MAX_ENTRIES): unknown[] {
  if (!Array.isArray(value)) throw wrongType(path, 'a list', value)
  if (value.length > max) {
    throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}' has ${value.length} items; the limit is ${max}.`)
  }
  return value
}

export function optRecord(obj: JsonRecord, key: string, path: string): JsonRecord | undefined {
  const v = field(obj, key)
  return v === undefined || v === null ? undefined : asRecord(v, `${path}.${key}`)
}

export function optArray(obj: JsonRecord, key: string, path: string, max = MAX_ENTRIES): unknown[] | undefined {
  const v = field(obj, key)
  return v === undefined || v === null ? undefined : asArray(v, `${path}.${key}`, max)
}

export function optString(obj: JsonRecord, key: string, path: string): string | undefined {
  const v = field(obj, key)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw wrongType(`${path}.${key}`, 'text', v)
  return v
}

export function reqString(obj: JsonRecord, key: string, path: string): string {
  const v = optString(obj, key, path)
  if (v === undefined) throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}.${key}' is missing.`)
  return v
}

export function optBoolean(obj: JsonRecord, key: string, path: string): boolean | undefined {
  const v = field(obj, key)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'boolean') throw wrongType(`${path}.${key}`, 'true or false', v)
  return v
}

/** A whole number that JSON carried exactly (|n| ≤ 2^53 − 1). */
export function optInteger(obj: JsonRecord, key: string, path: string): number | undefined {
  const v = field(obj, key)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw wrongType(`${path}.${key}`, 'a whole number', v)
  return v
}

export function reqInteger(obj: JsonRecord, key: string, path: string): number {
  const v = optInteger(obj, key, path)
  if (v === undefined) throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}.${key}' is missing.`)
  return v
}

/** Lenient variant for formats that write numbers as text sometimes (Raivo). */
export function optIntegerish(obj: JsonRecord, key: string, path: string): number | undefined {
  const v = field(obj, key)
  if (typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(v)) return Number(v)
  return optInteger(obj, key, path)
}

/** An array of strings (tags); anything else in it is a type error. */
export function optStringArray(obj: JsonRecord, key: string, path: string): string[] | undefined {
  const list = optArray(obj, key, path)
  if (list === undefined) return undefined
  return list.map((v, i) => {
    if (typeof v !== 'string') throw wrongType(`${path}.${key}[${i}]`, 'text', v)
    return v
  })
}

/** Base64 (standard or URL-safe) from a file field; a bad value is INVALID_FILE naming the field. */
export function decodeBase64Field(text: string, path: string, length?: number): Uint8Array {
  let bytes: Uint8Array
  try {
    bytes = base64Decode(text.trim())
  } catch (cause) {
    throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}' is not base64.`, { cause })
  }
  checkLength(bytes, path, length)
  return bytes
}

export function decodeHexField(text: string, path: string, length?: number): Uint8Array {
  let bytes: Uint8Array
  try {
    bytes = hexDecode(text)
  } catch (cause) {
    throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}' is not hexadecimal.`, { cause })
  }
  checkLength(bytes, path, length)
  return bytes
}

function checkLength(bytes: Uint8Array, path: string, length: number | undefined): void {
  if (length !== undefined && bytes.length !== length) {
    throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}' must be ${length} bytes, not ${bytes.length}.`)
  }
}
