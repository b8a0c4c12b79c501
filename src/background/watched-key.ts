/**
 * One key of a storage area, read once and then kept while the area reports its changes (issue #15:
 * the settings were read from storage on every request, twice for each popup opening; the throttle and
 * the clock records once each, one after the other, in a running worker's every opening). The kept value
 * is dropped on any change of the key, whoever made it (this worker, another context, a test); a read
 * that a change overtook is answered but not kept; reads under way are shared. Without change events
 * nothing is kept. Readers share the value: they must not modify it.
 */
import type { KeyValueArea } from './key-value-area.ts'

export interface WatchedKey {
  read(): Promise<unknown>
  /** Writes the key (what was kept is dropped first: the change event comes later). */
  write(value: unknown): Promise<void>
  /** Removes the key, likewise. */
  remove(): Promise<void>
}

export function watchedKey(area: KeyValueArea, key: string): WatchedKey {
  let kept: { value: unknown } | null = null
  /** Counts the key's changes, so a read that one overtook is not kept. */
  let changes = 0
  let reading: { changes: number; value: Promise<unknown> } | null = null
  const watched = area.onChanged !== undefined
  const forget = () => {
    changes += 1
    kept = null
  }
  area.onChanged?.addListener((changed) => {
    if (key in changed) forget()
  })
  return {
    read() {
      if (kept) return Promise.resolve(kept.value)
      if (reading?.changes === changes) return reading.value
      const before = changes
      const value = area.get([key]).then((items) => {
        if (watched && before === changes) kept = { value: items[key] }
        return items[key]
      })
      const current = (reading = { changes: before, value })
      const done = () => void (reading === current && (reading = null))
      value.then(done, done)
      return value
    },
    async write(value) {
      forget()
      await area.set({ [key]: value })
    },
    async remove() {
      forget()
      await area.remove([key])
    },
  }
}
