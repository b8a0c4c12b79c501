/**
 * Code the worker loads on first use: `load` imports a feature's module (import(), which Chromium's
 * classic worker turns into a chunk read from its install-time cache: scripts/classic-service-worker.mjs).
 * A worker that only shows and fills codes never parses it (issue #15). A failed load is tried again
 * with the next call.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any method's arguments
type Method = (...args: any[]) => unknown

/** `load`, run once: every call shares its result; after a failure, the next call runs it again. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null
  return () =>
    (loaded ??= load().catch((e: unknown) => {
      loaded = null
      throw e
    }))
}

/**
 * An object (a handler table, a service) whose methods load it with the first call of any of them.
 * Each method returns a promise: the object's own methods should already be async.
 */
export function lazyMethods<H extends { [K in keyof H]: Method }>(names: { [K in keyof H]: true }, load: () => Promise<H>): H {
  const loaded = loadOnce(load)
  const table: Record<string, Method> = {}
  for (const name of Object.keys(names)) {
    table[name] = async (...args: unknown[]) => {
      const target = (await loaded()) as Record<string, Method>
      return target[name]!(...args)
    }
  }
  return table as H
}
