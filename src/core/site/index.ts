/** Site binding: registrable-domain matching with the Public Suffix List (via tldts). */
export { registrableDomain } from './registrable-domain.ts'
export { siteMatches } from './site-matches.ts'
export { suggestSitesFromIssuer } from './suggest-sites-from-issuer.ts'
export { commonSite } from './common-site.ts'
