import { describe, expect, it } from 'vitest'
import type { KeyValueArea } from './key-value-area.ts'
import { watchedKey } from './watched-key.ts'

/** An in-memory area counting its reads; its change events are delivered when the test says (as the browser's come later). */
function memoryArea(initial: Record<string, unknown>, withEvents = true) {
  const data = new Map(Object.entries(initial))
  const listeners: ((changes: Record<string, unknown>) => void)[] = []
  let reads = 0
  const area: KeyValueArea = {
    async get(keys) {
      reads += 1
      return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]))
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v))
    },
    async remove(keys) {
      for (const k of keys) data.delete(k)
    },
    ...(withEvents ? { onChanged: { addListener: (l: (changes: Record<string, unknown>) => void) => void listeners.push(l) } } : {}),
  }
  return {
    area,
    data,
    reads: () => reads,
    /** Another context wrote `key`: the value changes and the event arrives. */
    changeElsewhere(key: string, value: unknown) {
      data.set(key, value)
      listeners.forEach((l) => l({ [key]: { newValue: value } }))
    },
  }
}

describe('watchedKey', () => {
  it('reads once: later and simultaneous reads share it', async () => {
    const m = memoryArea({ settings: { theme: 'dark' } })
    const settings = watchedKey(m.area, 'settings')
    const [a, b] = await Promise.all([settings.read(), settings.read()])
    expect(await settings.read()).toEqual({ theme: 'dark' })
    expect([a, b]).toEqual([{ theme: 'dark' }, { theme: 'dark' }])
    expect(m.reads()).toBe(1)
  })

  it("reads again after any context's change of the key, and never keeps a read that a change overtook", async () => {
    const m = memoryArea({ settings: 1 })
    const settings = watchedKey(m.area, 'settings')
    const overtaken = settings.read()
    m.changeElsewhere('settings', 2)
    expect(await overtaken).toBe(1) // read before the change: answered as it was
    expect(await settings.read()).toBe(2)
    m.changeElsewhere('other', 3)
    expect(await settings.read()).toBe(2)
    expect(m.reads()).toBe(2)
  })

  it('a write through it is read back at once, before its change event arrives', async () => {
    const m = memoryArea({ settings: 1 })
    const settings = watchedKey(m.area, 'settings')
    expect(await settings.read()).toBe(1)
    await settings.write(5)
    expect(await settings.read()).toBe(5)
  })

  it('a removal through it is read back at once as no value', async () => {
    const m = memoryArea({ throttle: { failures: 3 } })
    const throttle = watchedKey(m.area, 'throttle')
    expect(await throttle.read()).toEqual({ failures: 3 })
    await throttle.remove()
    expect(await throttle.read()).toBeUndefined()
    expect(m.data.has('throttle')).toBe(false)
  })

  it('keeps nothing where the area has no change events', async () => {
    const m = memoryArea({ settings: 1 }, false)
    const settings = watchedKey(m.area, 'settings')
    await settings.read()
    m.data.set('settings', 2)
    expect(await settings.read()).toBe(2)
    expect(m.reads()).toBe(2)
  })
})
