import { ISSUER_SITES } from './issuer-sites.ts'
import { parseHost } from './public-suffix-list.ts'
import { registrableDomain } from './registrable-domain.ts'

const key = (s: string): string => s.toLowerCase().replace(/[^a-z\d]+/g, '')

/** Dotted, no spaces: an issuer written as a host name, whose site is looked up in the Public Suffix List. */
const HOST_LIKE = /^[^\s.]+(?:\.[^\s.]+)+\.?$/

/**
 * Sites to *suggest* for an account's issuer; the user confirms one before it is
 * bound, and this is never used for matching (an issuer is a free-text label
 * anyone can set in a QR code). In order of confidence:
 * 1. an issuer that is itself a host under a listed public suffix
 *    (`accounts.google.com` → `google.com`; not `v1.5`, `corp.local` or an IP);
 * 2. the whole issuer in the table (`Amazon Web Services`);
 * 3. its first word in the table (`Google Workspace`, `GitHub (work)`).
 * Unknown issuers get an empty list.
 */
export function suggestSitesFromIssuer(issuer: string): string[] {
  const s = issuer.trim()
  // Host-like: dotted, no spaces; registrableDomain rejects paths, userinfo and suffixes.
  if (HOST_LIKE.test(s)) {
    const site = registrableDomain(s)
    const r = site === null ? null : parseHost(site)
    if (site !== null && r?.isIp === false && (r.isIcann === true || r.isPrivate === true)) return [site]
  }
  const hit = ISSUER_SITES.get(key(s)) ?? ISSUER_SITES.get(key(s.split(/[\s:(,/|–-]/)[0] ?? ''))
  return hit === undefined ? [] : [...hit]
}
