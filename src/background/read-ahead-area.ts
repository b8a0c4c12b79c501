/**
 * A storage area whose first reads after the worker starts are answered by one read made at start.
 *
 * Why (issue #15): a stopped worker woken by the popup read storage in a chain of round trips, each
 * started by the answer before it (the vault and its key; then the settings and the lock-out count;
 * then the bookkeeping; then the clock; then a waiting scan), each also waiting while the thread was
 * busy. One read of every key the start needs, sent while the script is still being evaluated, turns
 * the chain into one round trip per area.
 *
 * Each key is taken from that read at most once, and never after a change of it since the read
 * began: a write or removal through this area, or the area's change event (any context's write).
 * Later reads go to the area itself. What no one read is dropped after READ_AHEAD_MS; a read-ahead
 * that fails only means the reads go to the area.
 */
import type { KeyValueArea } from './key-value-area.ts'

/** How long values nobody asked for are kept (the popup's opening asks for all of them within milliseconds). */
const READ_AHEAD_MS = 10_000

export function readAheadArea(area: KeyValueArea, keys: readonly string[], keepMs = READ_AHEAD_MS): KeyValueArea {
  /** Keys still to be answered from the read-ahead: not yet read, not changed since it began. */
  const fresh = new Set(keys)
  const values = area.get([...keys]).catch(() => null)
  const drop = (changed: Iterable<string>) => {
    for (const key of changed) fresh.delete(key)
  }
  area.onChanged?.addListener((changes) => drop(Object.keys(changes)))
  const expiry = setTimeout(() => fresh.clear(), keepMs)
  // A timer must not keep a process alive (Node in unit tests); browsers have no unref.
  ;(expiry as unknown as { unref?: () => void }).unref?.()

  return {
    async get(wanted) {
      const ahead = wanted.filter((key) => fresh.has(key))
      if (ahead.length === 0) return area.get(wanted)
      drop(ahead)
      const rest = wanted.filter((key) => !ahead.includes(key))
      const [read, others] = await Promise.all([values, rest.length > 0 ? area.get(rest) : {}])
      // The read-ahead failed: these keys are read now.
      const early = read ?? (await area.get(ahead))
      const result: Record<string, unknown> = { ...others }
      for (const key of ahead) if (key in early) result[key] = early[key]
      return result
    },
    set(items) {
      drop(Object.keys(items))
      return area.set(items)
    },
    remove(removed) {
      drop(removed)
      return area.remove(removed)
    },
    ...(area.onChanged ? { onChanged: area.onChanged } : {}),
  }
}
