/**
 * The sync folder's address, and the names of the files in it: which URLs Keyfob accepts,
 * how a file name becomes a URL and how an href from a listing becomes a file name again.
 */
import { KeyfobError } from '../../core/errors.ts'

export interface WebdavFolder {
  /** The folder's URL, always ending in "/". */
  url: URL
  /** A file's URL: the name percent-encoded as one path segment (RFC 3986 §3.3). */
  fileUrl(name: string): string
  /** The file name an href (path or absolute URL) names directly inside the folder, or null. */
  nameOf(href: string): string | null
}

const invalid = (detail: string) => new KeyfobError('INVALID_PARAMETER', detail, { field: 'url' })

/** Loopback names: traffic to them never leaves the machine, so plain http leaks nothing. */
const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)

function segments(pathname: string): string[] | null {
  try {
    return pathname.split('/').map(decodeURIComponent)
  } catch {
    return null
  }
}

export function webdavFolder(address: string): WebdavFolder {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    throw invalid('The sync address is not a URL.')
  }
  // Basic authentication sends the password in every request, readable by anyone on the path
  // unless TLS protects it: plain http only to this machine (a local server, tests).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw invalid('The sync address must start with https:// (plain http only for this computer).')
  }
  if (url.username !== '' || url.password !== '') throw invalid('Put the user name and password in their own fields, not in the address.')
  if (url.search !== '' || url.hash !== '') throw invalid('The sync address cannot have a query (?) or a fragment (#).')
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  const folderSegments = segments(url.pathname)?.slice(0, -1) ?? []

  return {
    url,
    fileUrl(name) {
      // One segment only: an encoded "/" (%2F) is refused by Apache (AllowEncodedSlashes) and means a subfolder to others.
      if (name === '' || name === '.' || name === '..' || name.length > 200 || /[/\\\0]/.test(name))
        throw new KeyfobError('INVALID_PARAMETER', `"${name.slice(0, 40)}" is not a sync file name.`)
      return new URL(encodeURIComponent(name), url).href
    },
    nameOf(href) {
      let target: URL
      try {
        target = new URL(href, url)
      } catch {
        return null
      }
      if (target.origin !== url.origin) return null
      // Servers encode differently (Apache leaves "@" and "~" alone, others do not): compare decoded segments.
      const parts = segments(target.pathname)
      if (!parts || parts.length !== folderSegments.length + 1) return null
      if (folderSegments.some((s, i) => parts[i] !== s)) return null
      const name = parts.at(-1) ?? ''
      return name === '' ? null : name
    },
  }
}
