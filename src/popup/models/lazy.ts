import { signal } from '@preact/signals'

/**
 * Starts `load` the first time its result is asked for, and gives that result once it is there
 * (null until then; a component that asked draws again then). What only a panel uses loads with
 * the panel, out of the code every opening of the popup loads.
 */
export function lazy<T>(load: () => Promise<T>): () => T | null {
  const loaded = signal<T | null>(null)
  let started = false
  return () => {
    if (!started) {
      started = true
      void load().then((value) => (loaded.value = value))
    }
    return loaded.value
  }
}
