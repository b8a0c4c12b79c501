// Size budgets for what loads on every popup open, on every web page and at every start of the worker
// (issue #15: popup ≤ 40 KiB minified, content script ≤ 10 KiB gzipped, the worker's start-up script ≤ 100 KiB
// minified; the scan UI, injected only after a person asks for a scan, is not part of the content script:
// src/background/scan/inject-scan-ui.ts; the worker's lazy chunks are not start-up script).
// Reads dist/: the popup's budget covers every script its HTML pulls in, transitively.
import { readFileSync, existsSync, readdirSync } from 'node:fs'
import { join, posix } from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = join(import.meta.dirname, '..', 'dist')
const KiB = 1024
// And the popup's files: its first script (opening.js, which sends the opening's request) and one module with everything
// an opening runs (vite.config.ts, popupScript). Each file an extension page loads is one more request to the browser
// process, ~5 ms of an opening each in the benchmark's browser (issue #15).
export const BUDGETS = { popupMinified: 40 * KiB, popupFiles: 2, contentGzipped: 10 * KiB, workerMinified: 100 * KiB }

/**
 * Scripts statically reachable from an entry (import … from / import("…") are followed only when static).
 * Chromium's classic service worker (scripts/classic-service-worker.mjs) names its start-up chunks in an
 * importScripts("/…") call with string arguments; its lazy ones only in LAZY=[…] (see dynamicImports).
 */
export function reachable(entryFiles) {
  const seen = new Set()
  const queue = [...entryFiles]
  while (queue.length) {
    const file = queue.pop()
    if (seen.has(file)) continue
    seen.add(file)
    const src = readFileSync(join(dist, file), 'utf8')
    for (const m of src.matchAll(/(?:^|[;\s}/])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)) {
      const spec = m[1]
      if (!spec.startsWith('.')) continue
      queue.push(posix.normalize(posix.join(posix.dirname(file), spec)))
    }
    for (const m of src.matchAll(/\bimportScripts\(((?:\s*"[^"]+"\s*,?)+)\)/g)) {
      for (const s of m[1].matchAll(/"\/?([^"]+)"/g)) queue.push(s[1])
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
  // The worker's entry and every script it imports before it runs (Chromium: its importScripts at the top level).
  const workerFiles = reachable([manifest.background.service_worker])
  const workerMinified = workerFiles.reduce((n, f) => n + readFileSync(join(dist, f)).length, 0)
  // Scripts of the two start paths with a character beyond ASCII (vite.config.ts, ASCII): decoded as two-byte text at every load.
  const notAscii = [...popupFiles, ...workerFiles].filter((f) => /[\u0080-\uffff]/.test(readFileSync(join(dist, f), 'utf8')))
  return { popupFiles, popupMinified, popupGzipped, contentMinified, contentGzipped, workerFiles, workerMinified, notAscii }
}

// ── Every entry, for `npm run bench` (reports only; the budgets above are what CI checks) ──

/** Extension pages that the manifest does not name, by their path in dist/. */
const PAGE_NAMES = {
  'src/offscreen/index.html': 'offscreen document',
  'src/options/import.html': 'import page',
  'src/options/export.html': 'export page',
  'src/options/sync.html': 'sync page',
}

/**
 * Where the large modules sit, found through the source maps (a module's share of a
 * minified chunk is the generated text its mappings cover).
 */
const MODULE_GROUPS = [
  ['QR decoder (src/core/qr + jsQR)', /(^|\/)src\/core\/qr\/|node_modules\/jsqr\//],
  ['importers (src/core/import + @noble)', /(^|\/)src\/core\/import\/|node_modules\/@noble\//],
  ['exporters (src/core/export)', /(^|\/)src\/core\/export\//],
  ['QR encoder (qrcode)', /node_modules\/(qrcode|dijkstrajs)\//],
  // Argon2id and scrypt: hash-wasm (importers), argon2id (the vault's loader; its wasm is a packaged file).
  ['Argon2id and scrypt (hash-wasm, argon2id)', /node_modules\/(hash-wasm|argon2id)\//],
  // tldts-core's host parser; the list itself is a packaged data file (src/core/site/public-suffix-list.ts).
  ['public-suffix list (tldts)', /node_modules\/tldts/],
]

const sizeOf = (files) => ({
  files,
  minified: files.reduce((n, f) => n + readFileSync(join(dist, f)).length, 0),
  gzipped: files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0),
})

/** Targets of import("./…") in a built file (Vite writes lazy imports with backticks or quotes). */
function dynamicImports(file) {
  const src = readFileSync(join(dist, file), 'utf8')
  const lazyChunks = [...(/\bLAZY=\[([^\]]*)\]/.exec(src)?.[1] ?? '').matchAll(/"\/?([^"]+)"/g)].map((m) => m[1])
  return [
    ...[...src.matchAll(/\bimport\(\s*[`'"](\.[^`'"]+)[`'"]\s*\)/g)].map((m) => posix.normalize(posix.join(posix.dirname(file), m[1]))),
    ...lazyChunks,
  ]
}

/** Scripts and style sheets an HTML page in dist/ loads. */
function pageAssets(htmlPath) {
  const html = readFileSync(join(dist, htmlPath), 'utf8')
  const resolveSrc = (src) => (src.startsWith('/') ? src.slice(1) : posix.normalize(posix.join(posix.dirname(htmlPath), src)))
  return {
    scripts: [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => resolveSrc(m[1])),
    styles: [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => resolveSrc(m[1])),
  }
}

/** Decodes a source map's mappings into [line, column, sourceIndex] segments (sourceIndex -1: unmapped). */
function mappingSegments(mappings) {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const out = []
  let source = 0
  mappings.split(';').forEach((line, lineNo) => {
    let column = 0
    for (const seg of line.split(',')) {
      if (!seg) continue
      const values = []
      let value = 0
      let shift = 0
      for (const ch of seg) {
        const digit = B64.indexOf(ch)
        value += (digit & 31) << shift
        shift += 5
        if (!(digit & 32)) {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      column += values[0]
      if (values.length >= 4) source += values[1]
      out.push([lineNo, column, values.length >= 4 ? source : -1])
    }
  })
  return out
}

/** The generated text of `file` that each source covers, by source path. */
function textBySource(file) {
  if (!existsSync(join(dist, `${file}.map`))) return {}
  const map = JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8'))
  const lines = readFileSync(join(dist, file), 'utf8').split('\n')
  const texts = {}
  // An index map (Chromium's worker: its start-up chunks in one file) is one map per section, from its offset.
  for (const { offset, map: m } of map.sections ?? [{ offset: { line: 0 }, map }]) {
    const segs = mappingSegments(m.mappings)
    segs.forEach(([line, column, source], i) => {
      if (source < 0) return
      const next = segs[i + 1]
      const text = lines[line + offset.line]
      const end = next && next[0] === line ? next[1] : text.length
      const name = m.sources[source]
      texts[name] = (texts[name] ?? '') + text.slice(column, end)
    })
  }
  return texts
}

/**
 * Bundle sizes per entry (its static import graph, minified and gzipped file by file, as
 * the budgets count them), the chunks each entry loads lazily, and where the large modules sit.
 */
export function measureEntries() {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'))
  const popupHtml = manifest.action.default_popup
  const entries = [
    { name: 'popup', html: popupHtml, ...pageAssets(popupHtml) },
    {
      name: 'content script',
      scripts: manifest.content_scripts.flatMap((c) => c.js),
      styles: manifest.content_scripts.flatMap((c) => c.css ?? []),
    },
    { name: 'background service worker', scripts: [manifest.background.service_worker], styles: [] },
  ]
  // The scan UI: not in the content script, injected into a page only once a person asks for a scan
  // (src/background/scan/inject-scan-ui.ts, whose SCAN_UI names this file).
  const scanUi = 'src/content/scan-ui.js'
  if (existsSync(join(dist, scanUi))) entries.push({ name: 'scan UI (injected when a person scans)', scripts: [scanUi], styles: [] })
  const pages = readdirSync(dist, { recursive: true })
    .map((f) => String(f).split('\\').join('/'))
    .filter((f) => f.endsWith('.html') && f !== popupHtml)
    .sort()
  for (const html of pages) entries.push({ name: PAGE_NAMES[html] ?? html, html, ...pageAssets(html) })

  const measured = entries.map((e) => {
    const files = reachable(e.scripts)
    const lazy = []
    for (const target of [...new Set(files.flatMap(dynamicImports))].sort()) {
      const extra = reachable([target]).filter((f) => !files.includes(f))
      lazy.push({ chunk: target, ...sizeOf(extra) })
    }
    return { name: e.name, ...(e.html ? { html: e.html } : {}), js: sizeOf(files), css: sizeOf(e.styles), lazy }
  })

  const allJs = ['assets', 'bg']
    .filter((dir) => existsSync(join(dist, dir)))
    .flatMap((dir) => readdirSync(join(dist, dir)).map((f) => `${dir}/${f}`))
    .filter((f) => f.endsWith('.js'))
    .concat(
      manifest.content_scripts.flatMap((c) => c.js),
      [manifest.background.service_worker],
    )
  const bySource = Object.fromEntries(allJs.map((f) => [f, textBySource(f)]))
  const modules = MODULE_GROUPS.map(([group, pattern]) => {
    const chunks = []
    let text = ''
    for (const [file, sources] of Object.entries(bySource)) {
      const own = Object.entries(sources)
        .filter(([source]) => pattern.test(source))
        .map(([, t]) => t)
        .join('')
      if (!own) continue
      chunks.push({
        chunk: file,
        minified: Buffer.byteLength(own),
        loadedBy: measured.filter((m) => m.js.files.includes(file)).map((m) => m.name),
      })
      text += own
    }
    return { group, minified: Buffer.byteLength(text), gzippedApprox: text ? gzipSync(text).length : 0, chunks }
  })
  return { entries: measured, modules }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(join(dist, 'manifest.json'))) {
    console.error('dist/ is missing: run `npm run build` first.')
    process.exit(1)
  }
  const m = measure()
  const kib = (n) => `${(n / KiB).toFixed(1)} KiB`
  console.log(
    `popup:          ${kib(m.popupMinified)} minified, ${kib(m.popupGzipped)} gzipped (budget ${kib(BUDGETS.popupMinified)} minified), ${m.popupFiles.length} files (budget ${BUDGETS.popupFiles}) [${m.popupFiles.join(', ')}]`,
  )
  console.log(
    `content script: ${kib(m.contentMinified)} minified, ${kib(m.contentGzipped)} gzipped (budget ${kib(BUDGETS.contentGzipped)} gzipped)`,
  )
  console.log(`worker start-up: ${kib(m.workerMinified)} minified (budget ${kib(BUDGETS.workerMinified)}) [${m.workerFiles.join(', ')}]`)
  const over = []
  if (m.popupMinified > BUDGETS.popupMinified) over.push('popup')
  if (m.popupFiles.length > BUDGETS.popupFiles) over.push('popup files')
  if (m.workerMinified > BUDGETS.workerMinified) over.push('worker start-up script')
  if (m.contentGzipped > BUDGETS.contentGzipped) over.push('content script')
  if (m.notAscii.length) over.push(`not ASCII: ${m.notAscii.join(', ')}`)
  if (over.length) {
    console.error(`Over budget: ${over.join(', ')}`)
    process.exit(1)
  }
}
