import { percentDecode } from './percent-decode.ts'
import { quote } from './quote.ts'
import { splitQuery } from './split-query.ts'

/** A decoded query parameter; `key` keeps the spelling of its last occurrence. */
export interface QueryParam {
  key: string
  value: string
}

/**
 * Decodes an otpauth query into a map keyed by the lower-cased key (policy rule
 * 4): keys and values are form-decoded (`+` is a space), malformed escapes are
 * errors, and a later duplicate replaces an earlier one (pyotp/hectorm
 * behaviour). Pieces with an empty key (`=x`) carry nothing and are dropped.
 */
export function readQueryParams(query: string): Map<string, QueryParam> {
  const params = new Map<string, QueryParam>()
  for (const raw of splitQuery(query)) {
    const key = percentDecode(raw.key, { plusAsSpace: true, what: 'a parameter name' })
    if (key === '') continue
    const value = percentDecode(raw.value, { plusAsSpace: true, what: `the ${quote(key)} parameter` })
    const lower = key.toLowerCase()
    // Delete first so iteration order follows the occurrence that won.
    params.delete(lower)
    params.set(lower, { key, value })
  }
  return params
}
