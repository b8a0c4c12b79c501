import { KeyfobError } from '../../core/errors.ts'

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/

/**
 * Bound sites as the user types them ("https://github.com/login", "GitHub.com",
 * "bücher.de"): reduced to a lower-case ASCII host name (IDN → punycode by the URL
 * parser). Matching later compares registrable domains, never substrings.
 */
export function normalizeSites(sites: string[]): string[] {
  const hosts = sites.map((raw) => {
    const text = raw.trim()
    let host = ''
    try {
      host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).hostname.replace(/\.$/, '')
    } catch {
      host = ''
    }
    if (!HOST.test(host))
      throw new KeyfobError('INVALID_PARAMETER', `'${text}' is not a site name such as example.com.`, { field: 'sites' })
    return host
  })
  return [...new Set(hosts)]
}
