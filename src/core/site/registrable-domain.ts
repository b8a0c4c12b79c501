import { parseHost } from './public-suffix-list.ts'

/**
 * `scheme:` at the start, unless what follows the colon is only a port
 * (`localhost:3000`, `example.com:8443` are hosts, not URLs).
 */
const SCHEME = /^([a-z][a-z\d+.-]*):(?!\d+(?:[/?#]|$))/i
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/

/**
 * The host of an http(s) URL or of a bare host (`example.com`, `Example.COM.`,
 * `localhost:3000`, `::1`, `[::1]:8080`), canonicalised by the WHATWG URL parser
 * exactly as the browser does it: lower case, IDNA/punycode (`münchen.de` →
 * `xn--mnchen-3ya.de`), IPv4 forms normalised (`0x7f.1` → `127.0.0.1`), IPv6
 * compressed and bracketed, userinfo and port dropped. Anything else → null.
 */
function canonicalHost(urlOrHost: string): string | null {
  const s = urlOrHost.trim()
  const scheme = SCHEME.exec(s)?.[1]
  try {
    if (scheme !== undefined) {
      // data:, file:, javascript:, blob:, about:, ftp:… have no site to match.
      return /^https?$/i.test(scheme) ? new URL(s).hostname : null
    }
    // A bare host: no path, query, fragment, userinfo or spaces to smuggle a second host in.
    if (s === '' || /[/?#@\\\s]/.test(s)) return null
    const bareIpv6 = !s.startsWith('[') && s.split(':').length > 2
    return new URL(`http://${bareIpv6 ? `[${s}]` : s}`).hostname
  } catch {
    return null
  }
}

/**
 * The registrable domain (eTLD+1) of a URL or host: the unit Keyfob binds an
 * account to, computed with the Public Suffix List (https://publicsuffix.org/list/)
 * (public-suffix-list.ts: tldts's algorithm over the packaged list), never by substring.
 * Throws SITE_LIST_UNAVAILABLE when the list is not loaded yet (the background loads it first).
 *
 * Decisions:
 * - Private suffixes count (`allowPrivateDomains: true`), as password managers do:
 *   `alice.github.io` and `bob.github.io` are different sites, and `github.io`
 *   itself is a suffix, so it has no registrable domain (null).
 * - IP addresses are their own site (`127.0.0.1`, `[::1]`), as is a single-label
 *   host that is not itself a public suffix (`localhost`, `intranet`); `com` → null.
 * - Unknown TLDs (`corp.local`, `example.test`) follow the PSL's default `*` rule,
 *   so intranet sites can be bound too.
 * - URLs must be http(s); everything else is null, as is any unparsable input.
 *
 * The result is lower-case ASCII (punycode), with no trailing dot.
 */
export function registrableDomain(urlOrHost: string): string | null {
  let host = canonicalHost(urlOrHost)
  if (host === null) return null
  if (host.startsWith('[')) return host
  // `example.com.` is the same host as `example.com` (a fully qualified name).
  host = host.replace(/\.$/, '')
  if (host === '' || host.includes('..') || host.startsWith('.')) return null
  if (IPV4.test(host)) return host
  const r = parseHost(host)
  if (r.domain !== null) return r.domain
  const isSuffix = r.isIcann === true || r.isPrivate === true
  return !isSuffix && r.hostname === host && !host.includes('.') ? host : null
}
