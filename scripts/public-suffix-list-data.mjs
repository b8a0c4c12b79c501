// The Public Suffix List as a packaged data file (issue #15, "Speed"): the service worker cannot
// load code lazily (no import() in an MV3 worker), but it can fetch data. The list is the one
// tldts carries (its generated trie, https://github.com/remusao/tldts, MIT), written out in
// the binary layout src/core/site/public-suffix-list.ts reads. vite.config.ts emits it into the
// build; the unit tests read it from here. Updating tldts updates the list.
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)

/** Where tldts keeps its trie (its CommonJS copy, which Node loads as it is). */
export const TLDTS_TRIE = join(import.meta.dirname, '..', 'node_modules', 'tldts', 'dist', 'cjs', 'src', 'data', 'trie.js')

/**
 * The bytes of the list, little-endian:
 *   'KPSL', u32 nodes, u32 edges, u32 label bytes, u32 rules root, u32 exceptions root   (24 bytes)
 *   u16 edgeStart[nodes + 1], u16 edgeChild[edges], u8 nodeFlags[nodes], u8 edgeLength[edges],
 *   labelText (UTF-8).
 */
export function publicSuffixListData() {
  const t = require(TLDTS_TRIE)
  const nodes = t.nodeFlags.length
  const edges = t.edgeLength.length
  const label = Buffer.from(t.labelText, 'utf8')
  if (t.edgeStart.length !== nodes + 1 || t.edgeChild.length !== edges) throw new Error('tldts trie: unexpected shape')
  for (const v of [...t.edgeStart, ...t.edgeChild]) if (v > 0xffff) throw new Error('tldts trie: an index does not fit 16 bits')
  const out = Buffer.alloc(24 + 2 * (nodes + 1) + 2 * edges + nodes + edges + label.length)
  out.write('KPSL', 0, 'latin1')
  ;[nodes, edges, label.length, t.rulesRoot, t.exceptionsRoot].forEach((v, i) => out.writeUInt32LE(v, 4 + 4 * i))
  let at = 24
  for (const v of t.edgeStart) at = out.writeUInt16LE(v, at)
  for (const v of t.edgeChild) at = out.writeUInt16LE(v, at)
  for (const v of t.nodeFlags) at = out.writeUInt8(v, at)
  for (const v of t.edgeLength) at = out.writeUInt8(v, at)
  label.copy(out, at)
  return new Uint8Array(out.buffer, out.byteOffset, out.length)
}
