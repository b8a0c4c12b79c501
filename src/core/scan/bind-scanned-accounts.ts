/**
 * Which site each scanned account is bound to (for autofill), when the person adds it.
 * A scan binds only what came from that site:
 * 1. Only the site of the frame that drew the code counts. A code with no such site
 *    (an image file, another site's frame or image, a source Keyfob cannot tell) binds
 *    to nothing.
 * 2. A site's setup page shows one service's code. A scan holding several services
 *    (by issuer), or a migration export (a transfer from another app, never a site's
 *    own setup code), binds an account only when its issuer names that site
 *    (suggestSitesFromIssuer): GitHub, Google and AWS from an export shown on a mail
 *    site stay unbound, and Keyfob will ask before filling them anywhere.
 * Unbound accounts keep working; the person can bind them in their settings.
 */
import { suggestSitesFromIssuer } from '../site/suggest-sites-from-issuer.ts'

export type Binding = { site: string; reason: 'shown-there' | 'issuer-matches' } | { site: null; reason: 'shown-elsewhere' | 'batch' }
export type BindReason = Binding['reason']

/** One service per issuer, compared as suggestSitesFromIssuer does ("GitHub" = "github"). */
const serviceKey = (issuer: string) => issuer.toLowerCase().replace(/[^a-z\d]+/g, '')

export function bindScannedAccounts(accounts: readonly { issuer: string; site: string | null; fromExport: boolean }[]): Binding[] {
  const batch = new Set(accounts.map((a) => serviceKey(a.issuer))).size > 1
  return accounts.map(({ issuer, site, fromExport }): Binding => {
    if (site === null) return { site: null, reason: 'shown-elsewhere' }
    if (!batch && !fromExport) return { site, reason: 'shown-there' }
    return suggestSitesFromIssuer(issuer).includes(site) ? { site, reason: 'issuer-matches' } : { site: null, reason: 'batch' }
  })
}
