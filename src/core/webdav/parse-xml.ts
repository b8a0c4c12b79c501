/**
 * A small, strict, namespace-aware XML parser: enough for WebDAV's multistatus answers
 * (RFC 4918 §14.16), where a service worker has no DOMParser. It builds a tree of elements,
 * each named by namespace URI and local name (Namespaces in XML 1.0 §6: `d:href`, `D:href`,
 * an unprefixed `href` under a default namespace and Apache's `lp1:getetag` all resolve to
 * the same name), with their character data.
 *
 * Strict on purpose: a DOCTYPE (and so any entity declaration, the way to "billion laughs"),
 * an unknown entity, an unbound prefix, a mismatched end tag, text outside the root or a
 * document that ends inside an element is a SYNC_BAD_RESPONSE, never a best guess: a body
 * cut off halfway must not read as a shorter listing. Depth and length are bounded.
 */
import { KeyfobError } from '../errors.ts'

export interface XmlElement {
  /** The namespace URI ('' for none) and the local name. */
  ns: string
  name: string
  children: XmlElement[]
  /** The character data directly inside the element, entities and CDATA decoded. */
  text: string
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace'
const MAX_LENGTH = 32 * 1024 * 1024
const MAX_DEPTH = 64
// A QName (prefix and local part), without the full Unicode name classes: anything but markup and space.
const QNAME = /([^\s<>/=!?"':&;]+)(?::([^\s<>/=!?"':&;]+))?/y
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

interface Open {
  el: XmlElement
  qname: string
  scope: Map<string, string>
}

function bad(detail: string): KeyfobError {
  return new KeyfobError('SYNC_BAD_RESPONSE', `The server's XML is malformed: ${detail}.`)
}

function decode(raw: string, at: number): string {
  if (!raw.includes('&')) return raw
  // Every & must start one of XML's five entities or a character reference (no DTD, no others).
  if (raw.replace(ENTITY, '').includes('&')) throw bad(`an unknown entity near character ${at}`)
  return raw.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named !== undefined) return NAMED[named] ?? ''
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec)
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
      throw bad(`a character reference to ${code} near character ${at}`)
    return String.fromCodePoint(code)
  })
}

export function parseXml(source: string): XmlElement {
  if (source.length > MAX_LENGTH) throw bad('the document is too long')
  const src = source.startsWith('\ufeff') ? source.slice(1) : source
  const stack: Open[] = []
  let root: XmlElement | undefined
  let i = 0

  const skip = (what: string, end: string) => {
    const at = src.indexOf(end, i)
    if (at < 0) throw bad(`the document ends inside ${what}`)
    const body = src.slice(i, at)
    i = at + end.length
    return body
  }
  const qname = () => {
    QNAME.lastIndex = i
    const m = QNAME.exec(src)
    if (!m) throw bad(`a name was expected at character ${i}`)
    i = QNAME.lastIndex
    return { full: m[0], prefix: m[2] === undefined ? '' : (m[1] ?? ''), local: m[2] ?? m[1] ?? '' }
  }
  const spaces = () => {
    while (i < src.length && ' \t\r\n'.includes(src.charAt(i))) i++
  }
  const resolve = (scope: Map<string, string>, prefix: string) => {
    if (prefix === 'xml') return XML_NS
    const ns = scope.get(prefix)
    if (ns === undefined) {
      if (prefix === '') return ''
      throw bad(`the prefix "${prefix}" is not bound to a namespace (character ${i})`)
    }
    return ns
  }

  while (i < src.length) {
    const top = stack.at(-1)
    if (src.charAt(i) !== '<') {
      const at = i
      const end = src.indexOf('<', i)
      const raw = src.slice(i, end < 0 ? src.length : end)
      i = end < 0 ? src.length : end
      if (top) top.el.text += decode(raw, at)
      else if (raw.trim() !== '') throw bad(`text outside the root element at character ${at}`)
    } else if (src.startsWith('<!--', i)) {
      i += 4
      skip('a comment', '-->')
    } else if (src.startsWith('<?', i)) {
      i += 2
      skip('a processing instruction', '?>')
    } else if (src.startsWith('<![CDATA[', i)) {
      if (!top) throw bad(`CDATA outside the root element at character ${i}`)
      i += 9
      top.el.text += skip('a CDATA section', ']]>')
    } else if (src.startsWith('<!', i)) {
      throw bad(`a DOCTYPE or declaration at character ${i} (not allowed)`)
    } else if (src.startsWith('</', i)) {
      i += 2
      const name = qname()
      spaces()
      if (src.charAt(i) !== '>') throw bad(i >= src.length ? 'the document ends inside an end tag' : `">" expected at character ${i}`)
      i++
      if (!top || top.qname !== name.full) throw bad(`</${name.full}> does not close ${top ? `<${top.qname}>` : 'any element'}`)
      stack.pop()
    } else {
      if (!top && root) throw bad(`a second root element at character ${i}`)
      if (stack.length >= MAX_DEPTH) throw bad('elements nest too deeply')
      i++
      const name = qname()
      const attrs = new Map<string, string>()
      for (;;) {
        const before = i
        spaces()
        if (i >= src.length) throw bad(`the document ends inside <${name.full}>`)
        if (src.startsWith('/>', i) || src.charAt(i) === '>') break
        if (i === before) throw bad(`a space is expected before an attribute at character ${i}`)
        const attr = qname()
        spaces()
        if (src.charAt(i) !== '=') throw bad(`"=" expected at character ${i}`)
        i++
        spaces()
        const quote = src.charAt(i)
        if (quote !== '"' && quote !== "'") throw bad(`a quoted value expected at character ${i}`)
        i++
        const at = i
        const value = skip('an attribute value', quote)
        if (value.includes('<')) throw bad(`"<" in an attribute value at character ${at}`)
        if (attrs.has(attr.full)) throw bad(`the attribute ${attr.full} appears twice`)
        attrs.set(attr.full, decode(value, at))
      }
      const scope = new Map(top?.scope)
      for (const [key, value] of attrs) {
        if (key === 'xmlns') scope.set('', value)
        else if (key.startsWith('xmlns:')) {
          if (value === '') throw bad(`the prefix ${key.slice(6)} is bound to no namespace`)
          scope.set(key.slice(6), value)
        }
      }
      const el: XmlElement = { ns: resolve(scope, name.prefix), name: name.local, children: [], text: '' }
      if (top) top.el.children.push(el)
      else root = el
      if (src.startsWith('/>', i)) i += 2
      else {
        i++
        stack.push({ el, qname: name.full, scope })
      }
    }
  }
  const open = stack.at(-1)
  if (open) throw bad(`the document ends inside <${open.qname}> (cut off?)`)
  if (!root) throw bad('there is no element')
  return root
}
