import { registrableDomain } from './registrable-domain.ts'

/**
 * Whether `url` belongs to the site an account is bound to: true only when the
 * URL is http(s) and its registrable domain equals the bound site's. Look-alikes
 * fail by construction because nothing is compared by substring: `example.com.evil.test`
 * is `evil.test`, `example.com@evil.test` is `evil.test` (userinfo is dropped by
 * the URL parser), `exаmple.com` (Cyrillic а) is its punycode form, and ports
 * are ignored.
 *
 * `boundSite` is normalised with the same function, so a bound `login.example.com`
 * means `example.com`: binding is per registrable domain by design.
 */
export function siteMatches(boundSite: string, url: string): boolean {
  if (!/^\s*https?:/i.test(url)) return false
  const site = registrableDomain(boundSite)
  return site !== null && site === registrableDomain(url)
}
