import type { ComponentType } from 'preact'
import { lazy } from './models/lazy.ts'

/**
 * Loads a view's code the first time it is shown. Screens off the path from
 * opening the popup to reading a code (first run, add, edit, settings) stay out
 * of the bundle every popup open pays for.
 */
export function lazyView<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  const loaded = lazy(load)
  return function LazyView(props: P) {
    const View = loaded()?.default
    return View ? <View {...props} /> : null
  }
}
