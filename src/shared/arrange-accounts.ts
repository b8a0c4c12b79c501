/**
 * The account list as the popup shows it. Shared with the worker, which arranges a stored list the same way to know which
 * rows a popup opens on, and computes only their codes first (background/codes/account-handlers.ts, issue #15).
 */
import type { SortOrder } from './settings.ts'

/** What arranging reads of an account: a popup's view or a stored account (whose time of use may be absent). */
export interface Arrangeable {
  id: string
  issuer: string
  account: string
  tags: readonly string[]
  pinned: boolean
  order: number
  lastUsedAt?: number | null
}

/** Case- and accent-insensitive text for matching ("Bäckerei" matches "backerei"). */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** An empty query folds nothing: the Unicode-aware pattern costs ~0.7 ms to compile in a cold worker or popup (issue #15). */
const queryWords = (query: string) => (query.trim() === '' ? [] : fold(query).split(/\s+/).filter(Boolean))
const hasWords = (a: Arrangeable, words: readonly string[]) => {
  const haystack = fold([a.issuer, a.account, ...a.tags].join(' '))
  return words.every((w) => haystack.includes(w))
}

/** Every word of the query must appear in the issuer, the account or a tag. */
export function matchesQuery(a: Arrangeable, query: string): boolean {
  return hasWords(a, queryWords(query))
}

/**
 * One collator for every comparison: String.prototype.localeCompare with options builds a new one each call, which made
 * sorting 1000 accounts by name take ~50 ms at every opening and every keystroke of a search, against ~1.5 ms (issue #15).
 */
let collator: Intl.Collator | null = null
const compareText = (a: string, b: string) => (collator ??= new Intl.Collator(undefined, { sensitivity: 'base' })).compare(a, b)

const byText = (pick: (a: Arrangeable) => string) => (a: Arrangeable, b: Arrangeable) => compareText(pick(a), pick(b)) || a.order - b.order

const COMPARE: Record<SortOrder, (a: Arrangeable, b: Arrangeable) => number> = {
  manual: (a, b) => a.order - b.order,
  issuer: byText((a) => a.issuer || a.account),
  account: byText((a) => a.account || a.issuer),
  recent: (a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) || a.order - b.order,
}

/**
 * The list as shown: filtered by the query, then accounts bound to the active tab's
 * site first, then pinned ones, then the chosen order.
 */
export function arrangeAccounts<T extends Arrangeable>(
  list: readonly T[],
  query: string,
  sort: SortOrder,
  onSite: ReadonlySet<string> = new Set(),
): T[] {
  // The query is read once, and an empty one filters nothing (the popup opens with none, over up to 1000 accounts).
  const words = queryWords(query)
  return (words.length === 0 ? [...list] : list.filter((a) => hasWords(a, words))).sort(
    (a, b) => Number(onSite.has(b.id)) - Number(onSite.has(a.id)) || Number(b.pinned) - Number(a.pinned) || COMPARE[sort](a, b),
  )
}
