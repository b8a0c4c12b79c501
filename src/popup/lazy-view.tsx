import { signal } from '@preact/signals'
import type { ComponentType } from 'preact'

/**
 * Loads a view's code the first time it is shown. Screens off the path from
 * opening the popup to reading a code (first run, add, edit, settings) stay out
 * of the bundle every popup open pays for.
 */
export function lazyView<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  const loaded = signal<ComponentType<P> | null>(null)
  let started = false
  return function LazyView(props: P) {
    if (!started) {
      started = true
      void load().then((m) => (loaded.value = m.default))
    }
    const View = loaded.value
    return View ? <View {...props} /> : null
  }
}
