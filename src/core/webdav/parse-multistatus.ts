/**
 * Reads a WebDAV PROPFIND answer (207 Multi-Status, RFC 4918 §9.1 and §14.16) down to what
 * sync needs of each resource: its href, its ETag (DAV:getetag, §15.6), whether it is a
 * collection (DAV:resourcetype, §15.9) and its length (DAV:getcontentlength, §15.4).
 * Properties count only from a propstat whose status is 200; a response in the
 * `href*, status` form (§14.24) gives its status to each of its hrefs.
 */
import { KeyfobError } from '../errors.ts'
import { parseXml, type XmlElement } from './parse-xml.ts'
import { parseEntityTag } from './entity-tag.ts'

export interface DavResource {
  /** The href as the server wrote it (percent-encoded path or absolute URL). */
  href: string
  /** The HTTP status of the response-level `status` form (404…), or 200 for propstat answers. */
  status: number
  etag: string | null
  collection: boolean
  length: number | null
}

const DAV = 'DAV:'

function bad(detail: string): KeyfobError {
  return new KeyfobError('SYNC_BAD_RESPONSE', `The server's folder listing is not a WebDAV multistatus: ${detail}.`)
}

const dav = (el: XmlElement, name: string) => el.children.filter((c) => c.ns === DAV && c.name === name)

/** "HTTP/1.1 200 OK" → 200 (RFC 4918 §14.28: a status-line, RFC 9112 §4). */
function statusCode(el: XmlElement): number {
  const m = /^\s*HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s|$)/.exec(el.text)
  if (!m) throw bad(`the status "${el.text.trim().slice(0, 40)}" is not an HTTP status line`)
  return Number(m[1])
}

function one(el: XmlElement, name: string): XmlElement {
  const found = dav(el, name)
  if (found.length !== 1) throw bad(`a ${el.name} has ${found.length} ${name} elements, not one`)
  return found[0] as XmlElement
}

export function parseMultistatus(xml: string): DavResource[] {
  const root = parseXml(xml)
  if (root.ns !== DAV || root.name !== 'multistatus') throw bad(`the root element is {${root.ns}}${root.name}`)
  const resources: DavResource[] = []
  for (const response of dav(root, 'response')) {
    const hrefs = dav(response, 'href').map((h) => h.text.trim())
    if (hrefs.length === 0 || hrefs.some((h) => h === '')) throw bad('a response without an href')
    const propstats = dav(response, 'propstat')
    if (propstats.length === 0) {
      const status = statusCode(one(response, 'status'))
      for (const href of hrefs) resources.push({ href, status, etag: null, collection: false, length: null })
      continue
    }
    if (hrefs.length !== 1) throw bad('a response with properties names more than one href')
    const resource: DavResource = { href: hrefs[0] as string, status: 200, etag: null, collection: false, length: null }
    for (const propstat of propstats) {
      if (statusCode(one(propstat, 'status')) !== 200) continue
      const prop = one(propstat, 'prop')
      for (const etag of dav(prop, 'getetag')) resource.etag = parseEntityTag(etag.text.trim())
      for (const type of dav(prop, 'resourcetype')) resource.collection = dav(type, 'collection').length > 0
      for (const length of dav(prop, 'getcontentlength')) {
        const text = length.text.trim()
        if (!/^\d{1,15}$/.test(text)) throw bad(`the length "${text.slice(0, 20)}" is not a number`)
        resource.length = Number(text)
      }
    }
    resources.push(resource)
  }
  return resources
}
