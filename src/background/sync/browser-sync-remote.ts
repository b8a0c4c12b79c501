/**
 * The sync folder in the browser's own sync storage: `storage.sync`, which Chrome syncs
 * through the person's Google account and Firefox through Firefox Sync (Chrome's storage API
 * documentation, https://developer.chrome.com/docs/extensions/reference/api/storage#property-sync;
 * MDN, https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/storage/sync).
 * Only what core/sync has already encrypted is written here: the header and the records.
 * This is the one file that uses that area; the worker passes it in (`area`).
 *
 * Files are laid out as items (keys `kf:…`) as sync-area-items.ts describes: a file that fits
 * one item is written in one `set`, and a reader anywhere sees all of it or none. A larger file
 * is written as chunks keyed by a new version, then its index naming that version, then the
 * old version's chunks are removed: a device that has received only some of these items sees
 * the old version, or no file (an index whose chunks have not all arrived), never a mix.
 *
 * Conditional writes. The area has no compare-and-swap. Here, writes are serialised (one at a
 * time per remote) and each checks the file's current version on this device before it writes.
 * Across devices nothing is atomic: the browser syncs each item on its own and, when two
 * devices wrote the same key, keeps the last write (per key, last writer wins); both writers'
 * checks may pass. That is safe for Keyfob's files because every record is a state-based CRDT
 * (core/sync/sync-state.ts: last-writer-wins registers stamped with hybrid logical clocks, the
 * HOTP counter's maximum, deletions as tombstones), and the merge is commutative, associative
 * and idempotent. The device whose write lost still holds its state; its next list shows a
 * version it did not write, and it reads that version, merges its own state in and writes
 * the result back if it differs. Every device ends with the merge of all writes, whichever
 * order the browser applied them in: nothing is lost, only delayed by a sync round. (The
 * header is written once, create-only, when the space is made.) Chunked files stay whole
 * under this too: an index and its chunks come from the same write, since chunk keys are
 * never reused.
 *
 * Quotas (Chrome's; Firefox enforces the first three alike): QUOTA_BYTES 102,400 in all,
 * QUOTA_BYTES_PER_ITEM 8,192, MAX_ITEMS 512, and 120 writes a minute, 1,800 an hour. A write
 * is measured first, and refused with SYNC_STORAGE_FULL when it would not fit (nothing
 * written), or with RemoteBusy (SYNC_UNREACHABLE, "try again later", nothing written) when the
 * write rate would pass the limit (write-budget.ts). If the browser refuses anyway, its errors
 * map the same way. The engine says how many accounts fit beforehand (accounts-that-fit.ts).
 *
 * Chrome keeps this area on the device when browser sync, or its "Extensions" type, is off
 * (Firefox: when "Add-ons" is not synced): writes succeed and nothing leaves the device. Keyfob
 * cannot tell from here; the label says which browser's sync it relies on.
 *
 * The daily backups are not kept here (holdsBackups: false; write-daily-backup.ts): ten copies
 * of the accounts beside the records would not fit in 100 KB.
 *
 * Other devices' writes arrive as changes of the area (storage.onChanged), and so do this
 * device's own. `foreign` tells them apart, for the sync feature to run a cycle only for the
 * former (sync/index.ts): every write's items carry the write's version, which is new and
 * random for each write, so an item whose version this remote wrote is its own.
 */
import { KeyfobError } from '../../core/errors.ts'
import {
  assemble,
  CHROME_SYNC_LIMITS,
  chunkKeys,
  indexKey,
  itemBytes,
  nameOfKey,
  newVersion,
  parseIndex,
  planFile,
  storedIndex,
  versionOfChunkKey,
  versionTime,
  type FileIndex,
  type SyncAreaLimits,
} from './sync-area-items.ts'
import { RemoteBusy, RemoteConflict, type RemoteEntry, type SyncRemote, type WriteCondition } from './sync-remote.ts'
import { createWriteBudget, type WriteBudget } from './write-budget.ts'

/**
 * The part of a `storage.sync` area this uses (webextension-polyfill's and @types/chrome's
 * StorageArea both fit). Firefox may not expose the quota constants: Chrome's values apply then.
 */
export interface BrowserSyncArea extends Partial<Readonly<SyncAreaLimits>> {
  get(keys: null | string | string[]): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
  remove(keys: string | string[]): Promise<void>
  getBytesInUse(keys: null | string | string[]): Promise<number>
}

/** A change of one item, as storage.onChanged reports it (StorageChange). */
export interface AreaChange {
  oldValue?: unknown
  newValue?: unknown
}

export interface BrowserSyncRemote extends SyncRemote {
  /** Whether any of these changes of the area is Keyfob's and not this remote's own write or removal (another device's). */
  foreign(changes: Readonly<Record<string, AreaChange>>): boolean
}

export interface BrowserSyncRemoteOptions {
  area: BrowserSyncArea
  /** What the person is shown: "Chrome sync", "Firefox Sync". */
  label: string
  /** The clock (ms), for the write rate and versions; tests pass their own. */
  now?: () => number
}

/**
 * Chunks no index names are left-overs (a write cut off, or one that lost to another device's).
 * They may also be a write whose index has not arrived yet, so another device's are removed
 * only once they are a week old; this remote's own are removed at its next write.
 */
const ORPHAN_AGE_MS = 7 * 24 * 3_600_000
/** How long to wait after the browser itself refused for its rate limits (its windows are a minute and an hour). */
const REFUSED_MINUTE_MS = 61_000
const REFUSED_HOUR_MS = 15 * 60_000

const isName = (name: string) => !(name === '' || name === '.' || name === '..' || name.length > 200 || /[/\\\0]/.test(name))
const checkName = (name: string) => {
  if (!isName(name)) throw new KeyfobError('INVALID_PARAMETER', `"${name.slice(0, 40)}" is not a sync file name.`)
}
/** A lone surrogate would reach the browser's storage as U+FFFD: the file would not read back as written. */
const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)

function limitsOf(area: BrowserSyncArea): SyncAreaLimits {
  const pick = (name: keyof SyncAreaLimits) => {
    const value = area[name]
    return typeof value === 'number' && value > 0 ? value : CHROME_SYNC_LIMITS[name]
  }
  return {
    QUOTA_BYTES: pick('QUOTA_BYTES'),
    QUOTA_BYTES_PER_ITEM: pick('QUOTA_BYTES_PER_ITEM'),
    MAX_ITEMS: pick('MAX_ITEMS'),
    MAX_WRITE_OPERATIONS_PER_MINUTE: pick('MAX_WRITE_OPERATIONS_PER_MINUTE'),
    MAX_WRITE_OPERATIONS_PER_HOUR: pick('MAX_WRITE_OPERATIONS_PER_HOUR'),
  }
}

/**
 * A failure of the area as a KeyfobError. Chrome's messages: "This request exceeds the
 * MAX_WRITE_OPERATIONS_PER_MINUTE quota." (and _PER_HOUR) from its quota service; "QUOTA_BYTES
 * quota exceeded", "QUOTA_BYTES_PER_ITEM quota exceeded", "MAX_ITEMS quota exceeded", which
 * Chrome 130-something began to spell "Resource::kQuotaBytes quota exceeded" and so on.
 */
function areaError(e: unknown, what: string, budget: WriteBudget, now: number): KeyfobError {
  const message = e instanceof Error ? e.message : String(e)
  const rate = /MAX_WRITE_OPERATIONS_PER_(?:MINUTE|HOUR)|kMaxWriteOperationsPer(?:Minute|Hour)/.exec(message)
  if (rate) {
    const wait = /MINUTE|Minute/.test(rate[0]) ? REFUSED_MINUTE_MS : REFUSED_HOUR_MS
    budget.blockUntil(now + wait)
    return new RemoteBusy(`The browser refused to write its sync storage so often (${message}): Keyfob waits ${wait / 1000} s.`, wait)
  }
  if (/QUOTA_BYTES|kQuotaBytes|MAX_ITEMS|kMaxItems|quota/i.test(message)) {
    return new KeyfobError('SYNC_STORAGE_FULL', `The browser's sync storage is full (${message}, on ${what}).`, { cause: e })
  }
  return new KeyfobError('SYNC_UNREACHABLE', `The browser's sync storage failed (${what}): ${message}`, { cause: e })
}

export function createBrowserSyncRemote(options: BrowserSyncRemoteOptions): BrowserSyncRemote {
  const { area, label } = options
  const now = options.now ?? Date.now
  const limits = limitsOf(area)
  const budget = createWriteBudget(
    { perMinute: limits.MAX_WRITE_OPERATIONS_PER_MINUTE, perHour: limits.MAX_WRITE_OPERATIONS_PER_HOUR },
    now,
  )
  /** Versions whose chunks this remote left behind (a write or a clean-up cut off): removed at its next write. */
  const leftovers = new Set<string>()
  let queue: Promise<unknown> = Promise.resolve()
  /** The versions this remote wrote, and the keys it removed and has not yet seen reported: `foreign` ignores their changes. */
  const ownVersions = new Set<string>()
  const ownRemovals = new Set<string>()
  /** Removes `keys`, noted first as this remote's (the change may be reported before the call returns). */
  function removeOwn(what: string, keys: string[]): Promise<void> {
    for (const k of keys) ownRemovals.add(k)
    return call(what, () => area.remove(keys))
  }

  /** One write at a time: each checks the version it replaces, then writes, with no other write of this remote between. */
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task)
    queue = run.catch(() => undefined)
    return run
  }

  async function call<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op()
    } catch (e) {
      throw areaError(e, what, budget, now())
    }
  }

  const everything = () => call('reading', () => area.get(null))

  /** The file as a reader sees it now: its index and text, or null when absent or not all arrived. */
  function visible(items: Record<string, unknown>, name: string): { index: FileIndex; text: string } | null {
    const raw = items[indexKey(name)]
    if (raw === undefined) return null
    const index = parseIndex(name, raw)
    const text = assemble(name, index, items)
    return text === null ? null : { index, text }
  }

  /** Chunk keys that no index names and that may go: this remote's left-overs, and week-old ones. */
  function orphans(items: Record<string, unknown>): string[] {
    const named = new Set<string>()
    for (const [key, value] of Object.entries(items)) {
      const name = nameOfKey(key)
      if (name === null) continue
      // A damaged index names nothing that can be read; its file is reported where it is read.
      const index = indexOrNull(name, value)
      if (index) named.add(index.version)
    }
    return Object.keys(items).filter((key) => {
      const version = versionOfChunkKey(key)
      return version !== null && !named.has(version) && (leftovers.has(version) || versionTime(version) < now() - ORPHAN_AGE_MS)
    })
  }

  /** A stored index, or null when there is none or it is damaged (a damaged one is replaced whole: it names no chunks). */
  function indexOrNull(name: string, value: unknown): FileIndex | null {
    if (value === undefined) return null
    try {
      return parseIndex(name, value)
    } catch {
      return null
    }
  }

  async function writeFile(name: string, text: string, condition: WriteCondition): Promise<{ etag: string }> {
    const items = await everything()
    const current = visible(items, name)
    const holds = 'create' in condition ? current === null : current?.index.version === condition.ifMatch
    if (!holds) throw new RemoteConflict(name)

    const key = indexKey(name)
    const version = newVersion(now())
    const plan = planFile(name, text, version)
    const newChunks = Object.entries(plan.chunks)
    // The chunks of the version being replaced, whether or not they all arrived here (an incoming write this one overrides).
    const replaced = indexOrNull(name, items[key])
    const oldChunks = replaced ? chunkKeys(replaced) : []
    const garbage = orphans(items)

    // Fits? At the peak, the new chunks are there beside the old ones (removed last, so a reader never loses the old version early).
    const used = await call('measuring', () => area.getBytesInUse(null))
    const sizeOf = (keys: string[]) => keys.reduce((sum, k) => sum + (items[k] === undefined ? 0 : itemBytes(k, items[k])), 0)
    const indexValue = storedIndex(plan.index[1])
    const peak =
      used - sizeOf(garbage) - sizeOf([key]) + itemBytes(key, indexValue) + newChunks.reduce((sum, [k, v]) => sum + itemBytes(k, v), 0)
    const count =
      Object.keys(items).length -
      garbage.filter((k) => items[k] !== undefined).length +
      newChunks.length +
      (items[key] === undefined ? 1 : 0)
    if (peak > limits.QUOTA_BYTES || count > limits.MAX_ITEMS) {
      const over =
        peak > limits.QUOTA_BYTES
          ? `${peak - limits.QUOTA_BYTES} bytes more than its ${limits.QUOTA_BYTES}`
          : `${count} items, more than its ${limits.MAX_ITEMS}`
      throw new KeyfobError('SYNC_STORAGE_FULL', `The browser's sync storage is full: writing ${name} would need ${over}.`)
    }

    const calls = (garbage.length > 0 ? 1 : 0) + (newChunks.length > 0 ? 1 : 0) + 1 + (oldChunks.length > 0 ? 1 : 0)
    budget.take(calls)

    ownVersions.add(version)
    if (garbage.length > 0) {
      await removeOwn(`removing left-overs`, garbage)
      for (const k of garbage) leftovers.delete(versionOfChunkKey(k) ?? '')
    }
    try {
      if (newChunks.length > 0) await call(`writing ${name}`, () => area.set(plan.chunks))
      await call(`writing ${name}`, () => area.set({ [key]: indexValue }))
    } catch (e) {
      // Nothing names these chunks: the file is still the old version everywhere.
      if (newChunks.length > 0) leftovers.add(version)
      throw e
    }
    if (replaced && oldChunks.length > 0) {
      // The write is done: a clean-up that fails only leaves chunks no index names, for the next write.
      await removeOwn(`cleaning up ${name}`, oldChunks).catch(() => leftovers.add(replaced.version))
    }
    return { etag: version }
  }

  /** Whether one reported change is Keyfob's and not this remote's own (an item of another extension's area is neither). */
  function foreignChange(key: string, change: AreaChange): boolean {
    const name = nameOfKey(key)
    const chunkVersion = versionOfChunkKey(key)
    if (name === null && chunkVersion === null) return false
    if (change.newValue === undefined) return !ownRemovals.delete(key)
    const version = name === null ? chunkVersion : (indexOrNull(name, change.newValue)?.version ?? null)
    return version === null || !ownVersions.has(version)
  }

  return {
    label,
    holdsBackups: false,

    foreign(changes) {
      // Every entry is looked at, so each own removal reported is forgotten.
      return Object.entries(changes).filter(([key, change]) => foreignChange(key, change)).length > 0
    },

    async check() {
      await call('measuring', () => area.getBytesInUse(null))
      const items = await everything()
      for (const key of Object.keys(items)) {
        const name = nameOfKey(key)
        if (name !== null) visible(items, name)
      }
    },

    async list() {
      const items = await everything()
      const entries: RemoteEntry[] = []
      for (const key of Object.keys(items)) {
        const name = nameOfKey(key)
        if (name === null || !isName(name)) continue
        const file = visible(items, name)
        if (file) entries.push({ name, etag: file.index.version })
      }
      return entries
    },

    async read(name) {
      checkName(name)
      const key = indexKey(name)
      const first = await call(`reading ${name}`, () => area.get(key))
      if (first[key] === undefined) return null
      // A chunked file is assembled from one reading of the whole area, so its index and chunks are of the same moment.
      const items = 'text' in parseIndex(name, first[key]) ? first : await everything()
      const file = visible(items, name)
      return file ? { text: file.text, etag: file.index.version } : null
    },

    async write(name, text, condition) {
      checkName(name)
      if (text === '') throw new KeyfobError('INVALID_PARAMETER', 'A sync file cannot be empty.')
      if (!wellFormed(text)) throw new KeyfobError('INVALID_PARAMETER', `${name} is not well-formed text (a lone surrogate).`)
      // Far too large for the area at all: refused before it is cut up.
      if (text.length > limits.QUOTA_BYTES)
        throw new KeyfobError(
          'SYNC_STORAGE_FULL',
          `${name} (${text.length} characters) is larger than the browser's sync storage (${limits.QUOTA_BYTES} bytes).`,
        )
      return serially(() => writeFile(name, text, condition))
    },

    async remove(name, etag) {
      checkName(name)
      return serially(async () => {
        const items = await everything()
        const current = visible(items, name)
        // Gone, or a newer write of it not all arrived: nothing this device read is there to remove.
        if (current === null) return
        if (current.index.version !== etag) throw new RemoteConflict(name)
        budget.take(1)
        // Index and chunks in one call: a device that gets the chunks' removal first sees no file, as it will.
        await removeOwn(`removing ${name}`, [indexKey(name), ...chunkKeys(current.index)])
      })
    },
  }
}
