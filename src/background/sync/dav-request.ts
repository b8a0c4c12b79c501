/**
 * One HTTP request to the WebDAV server, with everything every request shares: Basic
 * authentication (RFC 7617, the user-id and password in UTF-8), a timeout that covers the
 * body too (AbortSignal.timeout), no cookies or cache (`credentials: 'omit'`, `no-store`),
 * no redirects followed, and the failures every request maps the same way:
 *
 *   network error, dropped connection, timeout, 5xx → SYNC_UNREACHABLE (try again later)
 *   401, 403                                         → SYNC_AUTH_REFUSED
 *   507 Insufficient Storage (RFC 4918 §11.5)        → SYNC_STORAGE_FULL
 *   a redirect, a body cut off after the headers     → SYNC_BAD_RESPONSE
 *
 * Other statuses (404, 409, 412, 413, 423…) mean different things per method; the caller reads them.
 *
 * Redirects are not followed because following one would send the Authorization header to
 * wherever the server points (browsers drop it across origins, but not across paths of the
 * same origin, and a PUT or PROPFIND redirected is rarely what was meant): the person is
 * told the address moved instead. Credentials never appear in a URL, a message or a log.
 */
import { KeyfobError } from '../../core/errors.ts'

export interface DavResponse {
  status: number
  headers: Headers
  body: string
}

export interface DavRequestOptions {
  user: string
  password: string
  fetch: typeof globalThis.fetch
  timeoutMs: number
}

export type DavRequest = (method: string, url: string, init?: { headers?: Record<string, string>; body?: string }) => Promise<DavResponse>

function basicCredentials(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`)
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return `Basic ${btoa(binary)}`
}

const isTimeout = (e: unknown) => e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')

export function createDavRequest(options: DavRequestOptions): DavRequest {
  const authorization = basicCredentials(options.user, options.password)
  const fetch = options.fetch
  return async (method, url, init = {}) => {
    const signal = AbortSignal.timeout(options.timeoutMs)
    const what = `${method} ${new URL(url).pathname}`
    let response: Response
    try {
      response = await fetch(url, {
        method,
        headers: { ...init.headers, Authorization: authorization },
        body: init.body,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'manual',
        referrerPolicy: 'no-referrer',
        signal,
      })
    } catch (e) {
      const why = isTimeout(e) ? `did not answer within ${options.timeoutMs / 1000} s` : 'could not be reached'
      throw new KeyfobError('SYNC_UNREACHABLE', `The sync server ${why} (${what}).`, { cause: e })
    }
    const status = response.status
    // A browser answers a redirect not followed as an opaque one (status 0); Node shows the 3xx.
    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      void response.body?.cancel()
      const to = response.headers.get('location')
      throw new KeyfobError('SYNC_BAD_RESPONSE', `The server redirects ${what}${to ? ` to ${to}` : ''}: enter the address it points to.`)
    }
    if (status === 401 || status === 403) {
      void response.body?.cancel()
      throw new KeyfobError('SYNC_AUTH_REFUSED', `The sync server refused the credentials (${status} on ${what}).`)
    }
    if (status === 507) {
      void response.body?.cancel()
      throw new KeyfobError('SYNC_STORAGE_FULL', `The sync server is out of space (507 on ${what}).`)
    }
    if (status >= 500) {
      void response.body?.cancel()
      throw new KeyfobError('SYNC_UNREACHABLE', `The sync server failed (${status} on ${what}).`)
    }
    let body: string
    try {
      body = await response.text()
    } catch (e) {
      if (isTimeout(e))
        throw new KeyfobError(
          'SYNC_UNREACHABLE',
          `The sync server did not finish answering within ${options.timeoutMs / 1000} s (${what}).`,
          { cause: e },
        )
      throw new KeyfobError('SYNC_BAD_RESPONSE', `The answer to ${what} was cut off.`, { cause: e })
    }
    return { status, headers: response.headers, body }
  }
}
