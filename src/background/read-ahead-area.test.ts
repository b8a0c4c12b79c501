import { describe, expect, it } from 'vitest'
import type { KeyValueArea } from './key-value-area.ts'
import { readAheadArea } from './read-ahead-area.ts'

/** An in-memory area that counts its reads and reports every change, like storage.onChanged. */
function memoryArea(initial: Record<string, unknown>) {
  const data = new Map(Object.entries(initial))
  const listeners: ((changes: Record<string, unknown>) => void)[] = []
  const reads: string[][] = []
  const changed = (keys: string[]) => listeners.forEach((l) => l(Object.fromEntries(keys.map((k) => [k, {}]))))
  const area: KeyValueArea & { reads: string[][]; data: Map<string, unknown>; fail?: boolean } = {
    reads,
    data,
    async get(keys) {
      reads.push([...keys])
      if (area.fail) throw new Error('storage is gone')
      return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]))
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v))
      changed(Object.keys(items))
    },
    async remove(keys) {
      for (const k of keys) data.delete(k)
      changed(keys)
    },
    onChanged: { addListener: (l) => void listeners.push(l) },
  }
  return area
}

describe('readAheadArea', () => {
  it('answers the first reads of its keys from one read made at start', async () => {
    const area = memoryArea({ vault: { v: 1 }, settings: { theme: 'dark' }, other: 3 })
    const ahead = readAheadArea(area, ['vault', 'settings', 'throttle'])
    expect(area.reads).toEqual([['vault', 'settings', 'throttle']])
    expect(await ahead.get(['vault'])).toEqual({ vault: { v: 1 } })
    expect(await ahead.get(['settings', 'throttle'])).toEqual({ settings: { theme: 'dark' } })
    expect(area.reads, 'no further read').toHaveLength(1)
    // A key outside the read-ahead, or read a second time, is read from the area.
    expect(await ahead.get(['other', 'vault'])).toEqual({ other: 3, vault: { v: 1 } })
    expect(area.reads.slice(1)).toEqual([['other', 'vault']])
  })

  it('reads the rest of a mixed request from the area, in one answer', async () => {
    const area = memoryArea({ lastUsed: 'x', 'hotp:a': 'c' })
    const ahead = readAheadArea(area, ['lastUsed'])
    expect(await ahead.get(['hotp:a', 'lastUsed'])).toEqual({ 'hotp:a': 'c', lastUsed: 'x' })
    expect(area.reads).toEqual([['lastUsed'], ['hotp:a']])
  })

  it('never answers a key written or removed since the read began, through it or by any context', async () => {
    const area = memoryArea({ settings: 1, throttle: 1, clock: 1 })
    const ahead = readAheadArea(area, ['settings', 'throttle', 'clock'])
    await ahead.set({ settings: 2 })
    await ahead.remove(['throttle'])
    await area.set({ clock: 2 }) // another context: only the change event tells
    expect(await ahead.get(['settings', 'throttle', 'clock'])).toEqual({ settings: 2, clock: 2 })
    expect(area.reads.slice(1)).toEqual([['settings', 'throttle', 'clock']])
  })

  it('falls back to the area when the read-ahead failed', async () => {
    const area = memoryArea({ vault: 'v' })
    area.fail = true
    const ahead = readAheadArea(area, ['vault'])
    area.fail = false
    expect(await ahead.get(['vault'])).toEqual({ vault: 'v' })
    expect(area.reads).toEqual([['vault'], ['vault']])
  })

  it('drops what nobody read after a while: later reads see the area', async () => {
    const area = memoryArea({ clock: 1 })
    const ahead = readAheadArea(area, ['clock'], 5)
    area.data.set('clock', 2) // not through an event: only the expiry stops the old value being answered
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await ahead.get(['clock'])).toEqual({ clock: 2 })
  })

  it('passes on the area’s change events, so readers can still cache what they read', () => {
    const area = memoryArea({})
    expect(readAheadArea(area, []).onChanged).toBe(area.onChanged)
    const { onChanged: _, ...unwatched } = area
    expect(readAheadArea(unwatched, ['x']).onChanged).toBeUndefined()
  })
})
