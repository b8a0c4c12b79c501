/**
 * The Public Suffix List (https://publicsuffix.org/list/), loaded as data instead of code.
 *
 * Why: the whole list as code (tldts) was 270 KB of the service worker's start-up script, and an
 * MV3 service worker cannot load code lazily (no import()). The list now ships as a packaged data
 * file (scripts/public-suffix-list-data.mjs writes it from the trie tldts carries), which the
 * background fetches on first use (src/background/site/) and installs here. The steps of tldts-core's
 * parse (IP detection, registrable domain) are its own modules; only the suffix lookup is ours, a port of tldts's
 * src/suffix-trie.ts (https://github.com/remusao/tldts, MIT) over the loaded arrays, so the
 * answers are tldts's: the unit tests compare both on every rule of the list.
 *
 * Until a list is installed every lookup throws SITE_LIST_UNAVAILABLE: never a guessed answer
 * that could bind a code to the wrong site.
 */
import { fastPathLookup, type IPublicSuffix, type ISuffixLookupOptions } from 'tldts-core'
import getDomain from 'tldts-core/dist/es6/src/domain.js'
import isIp from 'tldts-core/dist/es6/src/is-ip.js'
import { KeyfobError } from '../errors.ts'

/** The data file's name in the built extension (vite.config.ts emits it there). */
export const PUBLIC_SUFFIX_LIST_FILE = 'public-suffix-list.bin'

const MAGIC = 'KPSL'
const HEADER_BYTES = 24
const ICANN = 1
const PRIVATE = 2

/** The list's trie, as tldts lays it out: nodes with flags, and edges (labels) to child nodes. */
export interface PublicSuffixList {
  readonly nodeFlags: Uint8Array
  readonly edgeStart: Uint16Array
  readonly edgeLength: Uint8Array
  readonly edgeChild: Uint16Array
  readonly labelText: string
  readonly rulesRoot: number
  readonly exceptionsRoot: number
  /** Derived at load: where each label starts. */
  readonly edgeOffset: Uint32Array
  /**
   * Derived per node on its first lookup (hashNode), as tldts derives them at load: each label's djb2 hash and each
   * node's '*' edge. Hashing all 10,000 labels at load took 5–9 ms of a cold worker's first popup (issue #15); a
   * lookup visits a few nodes.
   */
  readonly edgeHash: Uint32Array
  readonly wildcardEdge: Int32Array
  readonly nodeHashed: Uint8Array
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

const corrupt = (why: string) => new KeyfobError('SITE_LIST_UNAVAILABLE', `The public-suffix list file is damaged (${why}).`)

/** Reads the data file (layout: scripts/public-suffix-list-data.mjs); throws SITE_LIST_UNAVAILABLE if it is not one. */
export function decodePublicSuffixList(bytes: Uint8Array): PublicSuffixList {
  if (bytes.length < HEADER_BYTES || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) throw corrupt('not a list')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const [nodes, edges, labelBytes, rulesRoot, exceptionsRoot] = [0, 1, 2, 3, 4].map((i) => view.getUint32(4 + 4 * i, true)) as [
    number,
    number,
    number,
    number,
    number,
  ]
  if (bytes.length !== HEADER_BYTES + 2 * (nodes + 1) + 2 * edges + nodes + edges + labelBytes) throw corrupt('length')
  let at = HEADER_BYTES
  const u16 = (n: number) => {
    // The file is little-endian, as is every platform browsers run on: one copy, no loop over 11,000 entries.
    if (LITTLE_ENDIAN) return new Uint16Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + (at += 2 * n)))
    const a = new Uint16Array(n)
    for (let i = 0; i < n; i += 1, at += 2) a[i] = view.getUint16(at, true)
    return a
  }
  const u8 = (n: number) => bytes.slice(at, (at += n))
  const edgeStart = u16(nodes + 1)
  const edgeChild = u16(edges)
  const nodeFlags = u8(nodes)
  const edgeLength = u8(edges)
  let labelText: string
  try {
    labelText = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at))
  } catch {
    throw corrupt('labels')
  }
  if (rulesRoot >= nodes || exceptionsRoot >= nodes || edgeStart[nodes] !== edges) throw corrupt('roots')
  if (edgeChild.some((c) => c >= nodes)) throw corrupt('edges')

  for (let node = 0; node < nodes; node += 1) if ((edgeStart[node + 1] as number) < (edgeStart[node] as number)) throw corrupt('order')
  const edgeOffset = new Uint32Array(edges)
  let offset = 0
  for (let edge = 0; edge < edges; edge += 1) {
    edgeOffset[edge] = offset
    offset += edgeLength[edge] as number
  }
  if (offset !== labelText.length) throw corrupt('labels')
  const edgeHash = new Uint32Array(edges)
  const wildcardEdge = new Int32Array(nodes).fill(-1)
  const nodeHashed = new Uint8Array(nodes)
  return {
    nodeFlags,
    edgeStart,
    edgeLength,
    edgeChild,
    labelText,
    rulesRoot,
    exceptionsRoot,
    edgeOffset,
    edgeHash,
    wildcardEdge,
    nodeHashed,
  }
}

/** Derives `node`'s edge hashes (tldts's djb2 over the label, right to left) and its '*' edge, once. */
function hashNode(l: PublicSuffixList, node: number): void {
  if (l.nodeHashed[node] === 1) return
  for (let edge = l.edgeStart[node] as number, to = l.edgeStart[node + 1] as number; edge < to; edge += 1) {
    const start = l.edgeOffset[edge] as number
    const length = l.edgeLength[edge] as number
    let hash = 5381
    for (let i = start + length - 1; i >= start; i -= 1) hash = (hash * 33) ^ l.labelText.charCodeAt(i)
    l.edgeHash[edge] = hash >>> 0
    if (length === 1 && l.labelText.charCodeAt(start) === 42 /* '*' */) l.wildcardEdge[node] = edge
  }
  l.nodeHashed[node] = 1
}

let installed: PublicSuffixList | null = null

/** Makes `list` the one every lookup uses (the background, once it has loaded the file; unit tests, from disk). */
export function installPublicSuffixList(list: PublicSuffixList | null): void {
  installed = list
}

/** Whether a list is installed: lookups would throw otherwise. */
export function hasPublicSuffixList(): boolean {
  return installed !== null
}

/** The child edge of `node` labelled hostname[start, start + length), or -1: binary search on the hash, then compare. */
function findEdge(l: PublicSuffixList, node: number, hash: number, hostname: string, start: number, length: number): number {
  const equals = (edge: number) => {
    if (l.edgeLength[edge] !== length) return false
    const offset = l.edgeOffset[edge] as number
    for (let i = 0; i < length; i += 1) if (l.labelText.charCodeAt(offset + i) !== hostname.charCodeAt(start + i)) return false
    return true
  }
  hashNode(l, node)
  let lo = l.edgeStart[node] as number
  let hi = l.edgeStart[node + 1] as number
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const value = l.edgeHash[mid] as number
    if (value < hash) lo = mid + 1
    else if (value > hash) hi = mid
    else {
      for (let e = mid; e >= lo && l.edgeHash[e] === hash; e -= 1) if (equals(e)) return e
      for (let e = mid + 1; e < hi && l.edgeHash[e] === hash; e += 1) if (equals(e)) return e
      return -1
    }
  }
  return -1
}

interface Match {
  node: number
  start: number
  end: number
}

/**
 * Walks the host's labels right to left from `root`; the deepest node whose flags pass `mask`,
 * with that match's label bounds, or null. An empty label never matches a '*' edge.
 */
function walk(l: PublicSuffixList, hostname: string, root: number, mask: number): Match | null {
  let node = root
  let end = hostname.length
  let hash = 5381
  let match: Match | null = null
  const step = (start: number): boolean => {
    let edge = findEdge(l, node, hash >>> 0, hostname, start, end - start)
    if (edge === -1 && end !== start) edge = l.wildcardEdge[node] as number
    if (edge === -1) return false
    node = l.edgeChild[edge] as number
    if (((l.nodeFlags[node] as number) & mask) !== 0) match = { node, start, end }
    return true
  }
  for (let i = hostname.length - 1; i >= 0; i -= 1) {
    const code = hostname.charCodeAt(i)
    if (code !== 46 /* '.' */) {
      hash = (hash * 33) ^ code
      continue
    }
    if (!step(i + 1)) return match
    end = i
    hash = 5381
  }
  step(0)
  return match
}

/** tldts's suffixLookup over the installed list: fills `out`, true when an exception rule matched. */
function suffixLookup(hostname: string, options: ISuffixLookupOptions, out: IPublicSuffix): boolean {
  const l = installed
  if (l === null) throw new KeyfobError('SITE_LIST_UNAVAILABLE', 'The public-suffix list is not loaded.')
  if (fastPathLookup(hostname, options, out)) return false
  const mask = (options.allowPrivateDomains ? PRIVATE : 0) | (options.allowIcannDomains ? ICANN : 0)
  // Exceptions come first and strip their own left-most label ('!www.ck': the suffix of www.ck is ck).
  const exception = walk(l, hostname, l.exceptionsRoot, mask)
  const rule = exception ?? walk(l, hostname, l.rulesRoot, mask)
  if (rule !== null) {
    const flags = l.nodeFlags[rule.node] as number
    out.isIcann = (flags & ICANN) !== 0
    out.isPrivate = (flags & PRIVATE) !== 0
    out.publicSuffix = exception ? hostname.slice(rule.end + 1) : hostname.slice(rule.start)
    return exception !== null
  }
  // No rule: the PSL's default '*' rule makes the right-most label the suffix.
  out.isIcann = false
  out.isPrivate = false
  const lastDot = hostname.lastIndexOf('.')
  out.publicSuffix = lastDot === -1 ? hostname : hostname.slice(lastDot + 1)
  return false
}

/** What parseHost tells of a host: tldts's parse() result, less what Keyfob does not use (subdomain…). */
export interface ParsedHost extends IPublicSuffix {
  hostname: string
  isIp: boolean
  domain: string | null
}

const OPTIONS: ISuffixLookupOptions = { allowIcannDomains: true, allowPrivateDomains: true }

/**
 * tldts's `parse(host, { allowPrivateDomains: true, extractHostname: false })` over the installed
 * list, step by step as tldts-core's parseImpl takes them for those options (src/factory.ts):
 * trailing dots dropped, an IP address is only that, then the suffix and the registrable domain.
 * `host` is already the canonical hostname (registrable-domain.ts), so tldts's URL parser, the
 * largest part of tldts-core, never runs and is not in the worker (issue #15).
 * Throws SITE_LIST_UNAVAILABLE when no list is installed.
 */
export function parseHost(host: string): ParsedHost {
  let end = host.length
  while (end > 1 && host.charCodeAt(end - 1) === 46 /* '.' */) end -= 1
  const hostname = end === host.length ? host : host.slice(0, end)
  const out: ParsedHost = { hostname, isIp: isIp(hostname), domain: null, isIcann: null, isPrivate: null, publicSuffix: null }
  if (out.isIp) return out
  suffixLookup(hostname, OPTIONS, out)
  if (out.publicSuffix !== null) out.domain = getDomain(out.publicSuffix, hostname, { validHosts: null })
  return out
}
