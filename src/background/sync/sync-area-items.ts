/**
 * How one file of the sync folder is laid out as items of the browser's sync area
 * (browser-sync-remote.ts), and what each item costs against the area's quotas.
 *
 * Every key starts with `kf:`, so Keyfob's items are recognisable among any others:
 *
 *   kf:f:<name>          the file's index, naming its current version:
 *                          { "v": version, "t": text }          the whole file, when it fits one item
 *                                                              (the header, every ordinary record)
 *                          { "v": version, "n": chunks, "l": length }   otherwise
 *   kf:c:<version>:<i>   chunk i (from 0) of the text of that version, a string
 *
 * A version is made for each write and never reused (`newVersion`: the time, then 72 random
 * bits), so a chunk key is written once and never changed: the items of two writes can never
 * be mixed, whatever order another device receives them in. A file is there (for list and
 * read) when its index is and, if it is chunked, every chunk of the version it names; an index
 * whose chunks have not all arrived is a write still on its way, and the file counts as absent
 * until they do (`assemble` answers null), never as damaged data.
 *
 * Sizes are measured as Chrome measures them (SettingsStorageQuotaEnforcer): the key's UTF-8
 * length plus the UTF-8 length of the value's JSON as base::JSONWriter writes it, which is
 * JSON.stringify's except that `<`, U+2028 and U+2029 are written as \\uXXXX escapes
 * (base/json/string_escape.cc). Firefox counts the key and JSON.stringify's bytes
 * (webext-storage), never more. Chrome's storage API documentation, the sync area:
 * https://developer.chrome.com/docs/extensions/reference/api/storage#property-sync
 */
import { KeyfobError } from '../../core/errors.ts'
import { bytesToBase64 } from '../../core/vault/base64.ts'

/** Every item Keyfob writes to the sync area has a key starting with this. */
const ITEM_PREFIX = 'kf:'
const INDEX_PREFIX = `${ITEM_PREFIX}f:`
const CHUNK_PREFIX = `${ITEM_PREFIX}c:`

/**
 * The area's limits, as Chrome's sync area names them. Firefox enforces the first three
 * with the same values (MDN, the sync area's page) and may not expose the constants.
 */
export interface SyncAreaLimits {
  QUOTA_BYTES: number
  QUOTA_BYTES_PER_ITEM: number
  MAX_ITEMS: number
  MAX_WRITE_OPERATIONS_PER_MINUTE: number
  MAX_WRITE_OPERATIONS_PER_HOUR: number
}

/** Chrome's values (the documentation's, and @types/chrome's SyncStorageArea). */
export const CHROME_SYNC_LIMITS: SyncAreaLimits = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
}

/**
 * The most one item of a file may cost (7 KiB): well under QUOTA_BYTES_PER_ITEM (8 KiB), so a
 * browser that measures a little differently still takes it. A file up to about 6.9 KB (an
 * account padded to 4 KiB, the header) is one item; a larger one is cut into chunks of this size.
 */
export const ITEM_BUDGET = 7 * 1024

const VERSION = /^[0-9a-z]{9}\.[A-Za-z0-9_-]{12}$/
const TIME_DIGITS = 9

/** A new version for a write at `now` (ms): 9 base-36 digits of the time, then 12 random base64url characters. */
export function newVersion(now: number): string {
  const random = bytesToBase64(crypto.getRandomValues(new Uint8Array(9)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
  return `${Math.max(0, Math.floor(now)).toString(36).padStart(TIME_DIGITS, '0')}.${random}`
}

/** When a version was written (ms), by its writer's clock. */
export function versionTime(version: string): number {
  return parseInt(version.slice(0, TIME_DIGITS), 36)
}

export const indexKey = (name: string) => `${INDEX_PREFIX}${name}`
const chunkKey = (version: string, i: number) => `${CHUNK_PREFIX}${version}:${i}`
/** The file a key is the index of, or null. */
export const nameOfKey = (key: string) => (key.startsWith(INDEX_PREFIX) ? key.slice(INDEX_PREFIX.length) : null)
/** The version a key is a chunk of, or null. */
export const versionOfChunkKey = (key: string) =>
  key.startsWith(CHUNK_PREFIX) ? key.slice(CHUNK_PREFIX.length, key.lastIndexOf(':')) : null

export type FileIndex = { version: string; text: string } | { version: string; chunks: number; length: number }

/** The keys of a file's chunks (none for a file held whole in its index). */
export const chunkKeys = (index: FileIndex) =>
  'chunks' in index ? Array.from({ length: index.chunks }, (_, i) => chunkKey(index.version, i)) : []

const utf8 = new TextEncoder()

/** JSON as Chrome's base::JSONWriter writes it: JSON.stringify's, with `<`, U+2028 and U+2029 escaped. */
const chromeJson = (value: unknown) =>
  JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)

/** What an item costs against QUOTA_BYTES and QUOTA_BYTES_PER_ITEM, as Chrome counts it. */
export function itemBytes(key: string, value: unknown): number {
  return utf8.encode(key).length + utf8.encode(chromeJson(value)).length
}

/** What one code point costs inside a JSON string, as chromeJson writes it and in UTF-8. */
function escapedBytes(cp: number): number {
  if (cp === 0x22 || cp === 0x5c || cp === 0x08 || cp === 0x0c || cp === 0x0a || cp === 0x0d || cp === 0x09) return 2
  if (cp < 0x20 || cp === 0x3c || cp === 0x2028 || cp === 0x2029) return 6
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
}

/** The items that hold `text` as file `name` at `version`: its chunks (if any), and its index last. */
export function planFile(name: string, text: string, version: string): { chunks: Record<string, string>; index: [string, FileIndex] } {
  const key = indexKey(name)
  if (itemBytes(key, { v: version, t: text }) <= ITEM_BUDGET) return { chunks: {}, index: [key, { version, text }] }
  const chunks: Record<string, string> = {}
  let n = 0
  let start = 0
  let cost = 0
  // The budget of a chunk's value: the item less its key (the largest index this file could reach) and the string's quotes.
  const room = ITEM_BUDGET - utf8.encode(chunkKey(version, 999)).length - 2
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0
    const width = cp > 0xffff ? 2 : 1
    const bytes = escapedBytes(cp)
    if (cost + bytes > room) {
      chunks[chunkKey(version, n++)] = text.slice(start, i)
      start = i
      cost = 0
    }
    cost += bytes
    i += width
  }
  chunks[chunkKey(version, n++)] = text.slice(start)
  for (const [k, v] of Object.entries(chunks)) {
    if (itemBytes(k, v) > ITEM_BUDGET) throw new KeyfobError('INTERNAL', `A chunk of ${name} came out larger than an item may be.`)
  }
  return { chunks, index: [key, { version, chunks: n, length: text.length }] }
}

/** The index's value as stored. */
export const storedIndex = (index: FileIndex) =>
  'text' in index ? { v: index.version, t: index.text } : { v: index.version, n: index.chunks, l: index.length }

/** What file `name` costs in the area: every item of it, by Chrome's measure (any version has the same length). */
export function fileBytes(name: string, text: string): number {
  const { chunks, index } = planFile(name, text, newVersion(0))
  return Object.entries(chunks).reduce((sum, [k, v]) => sum + itemBytes(k, v), itemBytes(index[0], storedIndex(index[1])))
}

const bad = (name: string, what: string) =>
  new KeyfobError('SYNC_BAD_RESPONSE', `The browser's sync storage holds a damaged index for ${name}: ${what}.`)

/** A stored index, checked: SYNC_BAD_RESPONSE when it is not what Keyfob writes. */
export function parseIndex(name: string, value: unknown): FileIndex {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(name, 'not an object')
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).sort().join(',')
  const { v, t, n, l } = record
  if (typeof v !== 'string' || !VERSION.test(v)) throw bad(name, 'no valid version')
  if (keys === 't,v' && typeof t === 'string' && t !== '') return { version: v, text: t }
  if (
    keys === 'l,n,v' &&
    Number.isSafeInteger(n) &&
    Number.isSafeInteger(l) &&
    (n as number) >= 1 &&
    (n as number) <= CHROME_SYNC_LIMITS.MAX_ITEMS &&
    (l as number) >= 1
  ) {
    return { version: v, chunks: n as number, length: l as number }
  }
  throw bad(name, `unexpected fields (${keys})`)
}

/**
 * The file's text from its index and the area's items, or null when a chunk has not arrived
 * (a write still on its way from another device, or one whose clean-up arrived first).
 */
export function assemble(name: string, index: FileIndex, items: Record<string, unknown>): string | null {
  if ('text' in index) return index.text
  const parts: string[] = []
  for (const key of chunkKeys(index)) {
    const part = items[key]
    if (part === undefined) return null
    if (typeof part !== 'string' || part === '') throw bad(name, `chunk ${key} is not text`)
    parts.push(part)
  }
  const text = parts.join('')
  // A chunk key is written once (its version is new), so whole chunks of a wrong length are damage, not a sync in progress.
  if (text.length !== index.length) throw bad(name, `its chunks hold ${text.length} characters, not ${index.length}`)
  return text
}
