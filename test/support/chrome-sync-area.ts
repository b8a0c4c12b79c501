/**
 * An in-memory stand-in for Chrome's `chrome.storage.sync` in unit tests, with Chrome's quota
 * checks and error messages reproduced exactly: it stands in for the browser API only. The real
 * browser area is tested end to end once sync is wired into the extension.
 *
 * What it reproduces (Chrome's storage API documentation,
 * https://developer.chrome.com/docs/extensions/reference/api/storage#property-sync, and the
 * code behind it):
 * - Sizes: an item costs its key's UTF-8 length plus its value's JSON as base::JSONWriter writes
 *   it (JSON.stringify's, with `<`, U+2028 and U+2029 escaped as \\uXXXX), in UTF-8
 *   (SettingsStorageQuotaEnforcer; base/json/string_escape.cc). getBytesInUse answers these sums.
 * - set: refused whole, nothing written, when an item costs more than QUOTA_BYTES_PER_ITEM
 *   (8,192), else when the area would hold more than QUOTA_BYTES (102,400), else more than
 *   MAX_ITEMS (512) items; in that order, as the quota enforcer checks them. Messages:
 *   "Resource::kQuotaBytesPerItem quota exceeded" and so on (Chrome since about 2025), or
 *   "QUOTA_BYTES_PER_ITEM quota exceeded" (before) with `spelling: 'legacy'`.
 * - The write rate: every set, remove and clear call is one operation, counted before the call
 *   runs (so a call the quota then refuses still counts) by Chrome's QuotaService: a window of a
 *   minute for MAX_WRITE_OPERATIONS_PER_MINUTE (120), of an hour for _PER_HOUR (1,800), each
 *   opening at the first call after the last one closed (TimedLimit). Past either:
 *   "This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota." (or _PER_HOUR).
 * - Values are stored as JSON: get answers copies.
 *
 * `replicate(from, to)` copies items between two such areas as the browser's sync does: item by
 * item, the later write of each key winning (removals too), without quotas or rate limits (Chrome
 * applies synced changes with IGNORE_QUOTA), and only the keys chosen, for a sync seen half-way.
 */
import type { BrowserSyncArea } from '../../src/background/sync/browser-sync-remote.ts'

export interface ChromeSyncArea extends BrowserSyncArea {
  readonly QUOTA_BYTES: number
  readonly QUOTA_BYTES_PER_ITEM: number
  readonly MAX_ITEMS: number
  readonly MAX_WRITE_OPERATIONS_PER_MINUTE: number
  readonly MAX_WRITE_OPERATIONS_PER_HOUR: number
  clear(): Promise<void>
  /** Every item, as get(null) would answer, without counting as a call. */
  snapshot(): Record<string, unknown>
  /** The write calls made (set, remove, clear), refused ones included. */
  readonly writeCalls: number
}

interface Entry {
  json: string
  /** When it was written, on one clock shared by every area (the browser's sync keeps the later write). */
  stamp: number
}

interface State {
  entries: Map<string, Entry>
  /** Removed keys, and when: a removal syncs like a write. */
  removed: Map<string, number>
}

const states = new WeakMap<ChromeSyncArea, State>()
let stamps = 0

const utf8 = new TextEncoder()
const writerJson = (json: string) =>
  json.replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
const sizeOf = (key: string, json: string) => utf8.encode(key).length + utf8.encode(writerJson(json)).length

const RESOURCE = { QUOTA_BYTES: 'kQuotaBytes', QUOTA_BYTES_PER_ITEM: 'kQuotaBytesPerItem', MAX_ITEMS: 'kMaxItems' } as const

export function createChromeSyncArea(options: { now?: () => number; spelling?: 'current' | 'legacy' } = {}): ChromeSyncArea {
  const now = options.now ?? Date.now
  const quotaError = (resource: keyof typeof RESOURCE) =>
    new Error(options.spelling === 'legacy' ? `${resource} quota exceeded` : `Resource::${RESOURCE[resource]} quota exceeded`)
  const state: State = { entries: new Map(), removed: new Map() }
  const buckets = [
    { name: 'MAX_WRITE_OPERATIONS_PER_MINUTE', limit: 120, windowMs: 60_000, tokens: 0, expiration: -Infinity },
    { name: 'MAX_WRITE_OPERATIONS_PER_HOUR', limit: 1_800, windowMs: 3_600_000, tokens: 0, expiration: -Infinity },
  ]
  let writeCalls = 0

  /** QuotaService::Assess with TimedLimit: each heuristic in turn refills its bucket when its window has passed, then takes a token. */
  function assessWrite() {
    writeCalls++
    const t = now()
    for (const bucket of buckets) {
      if (t > bucket.expiration) {
        bucket.tokens = bucket.limit
        bucket.expiration = t + bucket.windowMs
      }
      if (bucket.tokens === 0) throw new Error(`This request exceeds the ${bucket.name} quota.`)
      bucket.tokens--
    }
  }

  const keysOf = (keys: null | undefined | string | string[]) =>
    keys === null || keys === undefined ? [...state.entries.keys()] : typeof keys === 'string' ? [keys] : keys
  const total = () => [...state.entries].reduce((sum, [k, e]) => sum + sizeOf(k, e.json), 0)

  const area: ChromeSyncArea = {
    QUOTA_BYTES: 102_400,
    QUOTA_BYTES_PER_ITEM: 8_192,
    MAX_ITEMS: 512,
    MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
    MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
    get writeCalls() {
      return writeCalls
    },

    async get(keys) {
      const out: Record<string, unknown> = {}
      for (const key of keysOf(keys)) {
        const entry = state.entries.get(key)
        if (entry) out[key] = JSON.parse(entry.json)
      }
      return out
    },

    async set(items) {
      assessWrite()
      const json = Object.entries(items).map(([k, v]) => [k, JSON.stringify(v)] as const)
      let used = total()
      let count = state.entries.size
      for (const [key, value] of json) {
        const old = state.entries.get(key)
        const size = sizeOf(key, value)
        if (size > area.QUOTA_BYTES_PER_ITEM) throw quotaError('QUOTA_BYTES_PER_ITEM')
        used += size - (old ? sizeOf(key, old.json) : 0)
        if (!old) count++
      }
      if (used > area.QUOTA_BYTES) throw quotaError('QUOTA_BYTES')
      if (count > area.MAX_ITEMS) throw quotaError('MAX_ITEMS')
      for (const [key, value] of json) {
        state.entries.set(key, { json: value, stamp: ++stamps })
        state.removed.delete(key)
      }
    },

    async remove(keys) {
      assessWrite()
      for (const key of keysOf(keys)) {
        // Chrome records a change only for a key that was there (ValueStore): removing an absent key syncs nothing.
        if (state.entries.delete(key)) state.removed.set(key, ++stamps)
      }
    },

    async clear() {
      assessWrite()
      for (const key of [...state.entries.keys()]) {
        state.entries.delete(key)
        state.removed.set(key, ++stamps)
      }
    },

    async getBytesInUse(keys) {
      return keysOf(keys).reduce((sum, k) => {
        const entry = state.entries.get(k)
        return sum + (entry ? sizeOf(k, entry.json) : 0)
      }, 0)
    },

    snapshot() {
      return Object.fromEntries([...state.entries].map(([k, e]) => [k, JSON.parse(e.json) as unknown]))
    },
  }
  states.set(area, state)
  return area
}

function stateOf(area: ChromeSyncArea): State {
  const state = states.get(area)
  if (!state) throw new Error('not an area made by createChromeSyncArea')
  return state
}

/**
 * Brings `to` the changes `from` has that `to` has not (items written or removed later there),
 * as the browser's sync would, for the keys `only` chooses (all by default). Answers the keys changed.
 */
export function replicate(from: ChromeSyncArea, to: ChromeSyncArea, only: (key: string) => boolean = () => true): string[] {
  const source = stateOf(from)
  const target = stateOf(to)
  const stampIn = (s: State, key: string) => s.entries.get(key)?.stamp ?? s.removed.get(key) ?? 0
  const changed: string[] = []
  for (const key of new Set([...source.entries.keys(), ...source.removed.keys()])) {
    if (!only(key) || stampIn(source, key) <= stampIn(target, key)) continue
    const entry = source.entries.get(key)
    if (entry) {
      target.entries.set(key, { ...entry })
      target.removed.delete(key)
    } else {
      target.entries.delete(key)
      target.removed.set(key, stampIn(source, key))
    }
    changed.push(key)
  }
  return changed
}

/** The keys `to` would change if `from` replicated to it now, without changing anything. */
export function pendingChanges(from: ChromeSyncArea, to: ChromeSyncArea): string[] {
  const source = stateOf(from)
  const target = stateOf(to)
  const stampIn = (s: State, key: string) => s.entries.get(key)?.stamp ?? s.removed.get(key) ?? 0
  return [...new Set([...source.entries.keys(), ...source.removed.keys()])].filter((key) => stampIn(source, key) > stampIn(target, key))
}
