/**
 * A handler table whose code loads with the first request of one of its types: `load` imports the
 * feature's module (import(), which Chromium's classic worker turns into a chunk read from its
 * install-time cache: scripts/classic-service-worker.mjs). A worker that only shows and fills codes
 * never parses it (issue #15). A failed load is tried again with the next request.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any handler's input and context
type Handler = (input: any, ctx: any) => unknown

export function lazyHandlers<H extends Record<string, Handler>>(types: { [K in keyof H]: true }, load: () => Promise<H>): H {
  let loaded: Promise<H> | null = null
  const table: Record<string, Handler> = {}
  for (const type of Object.keys(types)) {
    table[type] = async (input, ctx) => {
      loaded ??= load().catch((e: unknown) => {
        loaded = null
        throw e
      })
      return (await loaded)[type]?.(input, ctx)
    }
  }
  return table as H
}
