/** Site binding: registrable-domain matching with the Public Suffix List (public-suffix-list.ts). */
export { registrableDomain } from './registrable-domain.ts'
export { siteMatches } from './site-matches.ts'
export { suggestSitesFromIssuer } from './suggest-sites-from-issuer.ts'
export { commonSite } from './common-site.ts'
export { decodePublicSuffixList, installPublicSuffixList, hasPublicSuffixList, PUBLIC_SUFFIX_LIST_FILE } from './public-suffix-list.ts'
