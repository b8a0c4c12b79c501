/**
 * A storage area of its own (the KeyValueArea the vault needs), for tests that run several
 * devices at once: @webext-core/fake-browser has one storage.local for the whole process. Values
 * go through JSON as they do in the browser's storage, so nothing is shared by reference.
 */
import type { KeyValueArea } from '../../src/background/key-value-area.ts'

export function memoryArea(): KeyValueArea {
  const items = new Map<string, string>()
  return {
    async get(keys) {
      const found: Record<string, unknown> = {}
      for (const key of keys) {
        const text = items.get(key)
        if (text !== undefined) found[key] = JSON.parse(text)
      }
      return found
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) items.set(key, JSON.stringify(value))
    },
    async remove(keys) {
      for (const key of keys) items.delete(key)
    },
  }
}
