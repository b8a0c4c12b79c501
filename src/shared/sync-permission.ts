/**
 * The browser's permission to reach a sync folder's server, asked for by the page where the
 * person connects sync, before it sends syncConnect: `permissions.request` needs a user gesture
 * in a page (the background cannot ask). Only that origin is asked for, within the manifest's
 * optional_host_permissions (https anywhere, plain http to this computer, as webdav-folder.ts allows).
 */
import type { Permissions } from 'webextension-polyfill'
import { ext } from './browser-api.ts'

/**
 * The match pattern for `url`'s host. No port: Firefox's match patterns take none, and a pattern
 * without one covers every port in both browsers. Null for an address sync would refuse anyway.
 */
export function syncOriginPattern(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost'
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) return null
  return `${parsed.protocol}//${parsed.hostname}/*`
}

/**
 * Asks for the folder's origin (from a click handler: a user gesture). True when granted, now or
 * earlier; false when refused, or for an address outside the manifest's optional hosts.
 */
export async function requestSyncOrigin(url: string, permissions: Pick<Permissions.Static, 'request'> = ext.permissions): Promise<boolean> {
  const pattern = syncOriginPattern(url)
  if (pattern === null) return false
  return permissions.request({ origins: [pattern] }).catch(() => false)
}
