import { registrableDomain } from './registrable-domain.ts'

/**
 * The one site (registrable domain) every http(s) URL in `urls` belongs to, or null when
 * they name two sites, one has no site, or there is none: what a scanned code is bound to
 * must have come, all of it, from that site (the frame, the image, where a fetch ended up).
 */
export function commonSite(urls: readonly string[]): string | null {
  const sites = new Set(urls.map(registrableDomain))
  const [only] = sites
  return sites.size === 1 && only !== undefined ? only : null
}
