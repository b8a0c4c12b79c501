/**
 * Loads the Public Suffix List on first use (issue #15): the data file ships with the extension
 * (PUBLIC_SUFFIX_LIST_FILE) instead of 270 KB of code in the worker's start-up script. index.ts
 * reads it from runtime.getURL(…), the worker's own resource (no web_accessible_resources
 * needed); unit tests read it from disk.
 */
import { KeyfobError } from '../../core/errors.ts'
import { decodePublicSuffixList, hasPublicSuffixList, installPublicSuffixList } from '../../core/site/index.ts'

/**
 * A function that makes sure the list is installed. Calls while it loads share one promise, so
 * the file is read and decoded once; a failure (the file unreadable or damaged) rejects with
 * SITE_LIST_UNAVAILABLE and leaves nothing installed, so lookups keep refusing rather than
 * guessing, and the next call tries again.
 */
export function createPublicSuffixListLoader(readFile: () => Promise<Uint8Array>): () => Promise<void> {
  let loading: Promise<void> | null = null
  return () => {
    if (hasPublicSuffixList()) return Promise.resolve()
    loading ??= (async () => {
      try {
        installPublicSuffixList(decodePublicSuffixList(await readFile()))
      } catch (e) {
        loading = null
        throw e instanceof KeyfobError
          ? e
          : new KeyfobError('SITE_LIST_UNAVAILABLE', 'The public-suffix list could not be read.', { cause: e })
      }
    })()
    return loading
  }
}

type AnyHandler = (...args: never[]) => unknown

/** `table`'s handlers, each answering once the list has been asked for. */
type AfterSiteList<T extends Record<string, AnyHandler>> = {
  [K in keyof T]: (...args: Parameters<T[K]>) => Promise<Awaited<ReturnType<T[K]>>>
}

/** Each handler of `table`, run once the list has been asked for: a failure to load shows where a lookup needs it. */
export function afterSiteList<T extends Record<string, AnyHandler>>(table: T, ready: () => Promise<void>): AfterSiteList<T> {
  const wrapped: Record<string, AnyHandler> = {}
  for (const [type, handler] of Object.entries(table)) {
    wrapped[type] = async (...args: never[]) => {
      await ready().catch(() => undefined)
      return handler(...args)
    }
  }
  return wrapped as AfterSiteList<T>
}
