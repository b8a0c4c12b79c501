// Size budgets for what loads on every popup open and on every web page
// (issue: popup ≤ 40 KiB minified, content script ≤ 10 KiB gzipped).
// Reads dist/: the popup's budget covers every script its HTML pulls in, transitively.
import { readFileSync, existsSync } from 'node:fs'
import { join, posix } from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = join(import.meta.dirname, '..', 'dist')
const KiB = 1024
export const BUDGETS = { popupMinified: 40 * KiB, contentGzipped: 10 * KiB }

/** Scripts statically reachable from an entry (import … from / import("…") are followed only when static). */
export function reachable(entryFiles) {
  const seen = new Set()
  const queue = [...entryFiles]
  while (queue.length) {
    const file = queue.pop()
    if (seen.has(file)) continue
    seen.add(file)
    const src = readFileSync(join(dist, file), 'utf8')
    for (const m of src.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)) {
      const spec = m[1]
      if (!spec.startsWith('.')) continue
      queue.push(posix.normalize(posix.join(posix.dirname(file), spec)))
    }
  }
  return [...seen]
}

export function measure() {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'))
  const popupHtml = manifest.action.default_popup
  const html = readFileSync(join(dist, popupHtml), 'utf8')
  // Vite writes root-relative URLs (/assets/…): resolve them against dist/, others against the page.
  const resolveSrc = (src) => (src.startsWith('/') ? src.slice(1) : posix.normalize(posix.join(posix.dirname(popupHtml), src)))
  const entries = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => resolveSrc(m[1]))
  const popupFiles = reachable(entries)
  const popupMinified = popupFiles.reduce((n, f) => n + readFileSync(join(dist, f)).length, 0)
  const popupGzipped = popupFiles.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0)
  const content = manifest.content_scripts.flatMap((c) => c.js)
  const contentMinified = content.reduce((n, f) => n + readFileSync(join(dist, f)).length, 0)
  const contentGzipped = content.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0)
  return { popupFiles, popupMinified, popupGzipped, contentMinified, contentGzipped }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(join(dist, 'manifest.json'))) {
    console.error('dist/ is missing: run `npm run build` first.')
    process.exit(1)
  }
  const m = measure()
  const kib = (n) => `${(n / KiB).toFixed(1)} KiB`
  console.log(`popup:          ${kib(m.popupMinified)} minified, ${kib(m.popupGzipped)} gzipped (budget ${kib(BUDGETS.popupMinified)} minified) [${m.popupFiles.join(', ')}]`)
  console.log(`content script: ${kib(m.contentMinified)} minified, ${kib(m.contentGzipped)} gzipped (budget ${kib(BUDGETS.contentGzipped)} gzipped)`)
  const over = []
  if (m.popupMinified > BUDGETS.popupMinified) over.push('popup')
  if (m.contentGzipped > BUDGETS.contentGzipped) over.push('content script')
  if (over.length) {
    console.error(`Over budget: ${over.join(', ')}`)
    process.exit(1)
  }
}
