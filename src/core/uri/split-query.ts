/** One `key=value` piece of a query string, still percent-encoded. */
export interface RawQueryPair {
  key: string
  value: string
}

/**
 * Splits a query string on `&`, and each piece on its first `=` (otpauth-uri.md,
 * policy rule 4). A piece without `=` is a key with an empty value (Stratum's
 * bare `steam` flag); empty pieces (`a=1&&b=2`) are dropped. Nothing is decoded
 * here, so callers choose how `+` is treated.
 */
export function splitQuery(query: string): RawQueryPair[] {
  const pairs: RawQueryPair[] = []
  for (const piece of query.split('&')) {
    if (piece === '') continue
    const eq = piece.indexOf('=')
    pairs.push(eq === -1 ? { key: piece, value: '' } : { key: piece.slice(0, eq), value: piece.slice(eq + 1) })
  }
  return pairs
}
