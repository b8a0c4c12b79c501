/**
 * What the browser's sync place is called for the person: whose sync the vault then relies on.
 * Chrome syncs the area through the Google account ("Extensions" must be synced), Firefox through
 * Firefox Sync ("Add-ons" must be ticked). Edge, Opera and the like carry "Chrome/" in their user
 * agent but sync through their own accounts: they are "this browser's sync".
 */
export function syncAreaLabel(userAgent: string): string {
  if (/\bFirefox\//.test(userAgent)) return 'Firefox Sync'
  if (/\b(?:Edg|EdgA|OPR|Vivaldi|YaBrowser|SamsungBrowser)\//.test(userAgent)) return 'this browser’s sync'
  if (/Chrom(?:e|ium)\//.test(userAgent)) return 'Chrome sync'
  return 'this browser’s sync'
}
