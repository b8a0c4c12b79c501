// The Chromium service worker as a classic script whose rarely used features load on first use (issue #15).
//
// Why: an extension service worker cannot use import() (HTML's ServiceWorkerGlobalScope forbids it), so a
// module worker parses its whole static graph at every start, and Chrome stops an idle worker after 30 s.
// A classic worker can call importScripts() later for any script it imported while installing: the
// Service Workers spec keeps those in the registration's script resource map ("importScripts" after
// installation: https://w3c.github.io/ServiceWorker/#importscripts; other URLs fail with a
// NetworkError). So the background is bundled by Rolldown as CommonJS chunks, each wrapped in a
// definition that runs nothing until required; the start-up chunks are written into the worker's own
// script, every other chunk is written into one file of rare code imported once during `install` (that only
// registers them), and a source `import()` becomes a require() that imports that file from the cache when a rare
// chunk is first needed.
//
// Firefox keeps the module event page Vite builds: a page may import() (see vite.config.ts).
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, posix, resolve } from 'node:path'
import { rolldown } from 'rolldown'

/** The worker's file in the built extension (the name crxjs gave it, which tests and the benchmark look for). */
export const SERVICE_WORKER_FILE = 'service-worker-loader.js'
const CHUNK_DIR = 'bg'

/**
 * The loader: a define/require pair (chunks are CommonJS), the start-up chunks written into it (one script: each
 * file a worker imports at start is one more hand-over from the browser, measured at ~6 ms of a 10-account
 * opening), the install-time import of the file of rare chunks, then the entry. Written out as source because it is
 * the worker's first script. `start` is each start-up chunk's id and its code, already wrapped in its definition.
 */
function loaderSource(entry, start, rareFile) {
  const head = `"use strict";(()=>{const defs={},done={};
self.__keyfobDefine=(id,factory)=>{defs[id]=factory};
const req=(id)=>{if(done[id])return done[id].exports;if(!defs[id])importScripts(...LAZY);const module={exports:{}};done[id]=module;defs[id].call(self,module.exports,(spec)=>req(new URL(spec,"https://x/"+id).pathname.slice(1)),module);return module.exports};
`
  const { text, sections } = concatenate(head, start)
  const lazy = rareFile ? [JSON.stringify(`/${rareFile}`)] : []
  return {
    text: `${text}const LAZY=[${lazy.join(',')}];
${rareFile ? 'self.addEventListener("install",()=>{importScripts(...LAZY)});\n' : ''}req(${JSON.stringify(entry)})})();
`,
    sections,
  }
}

/** `head`, then each chunk's code on lines of its own, with an index map (Source Map v3, "sections") of the chunks' own maps. */
function concatenate(head, chunks) {
  let text = head
  const sections = []
  for (const chunk of chunks) {
    if (chunk.map) sections.push({ offset: { line: text.split('\n').length - 1, column: 0 }, map: chunk.map })
    text += `${chunk.code}\n`
  }
  return { text, sections }
}

/** What Vite defines in every build: `import.meta.env` of a production build in `mode` (as vite build gives the other entries). */
const viteEnv = (mode) => ({
  'import.meta.env.MODE': JSON.stringify(mode),
  'import.meta.env.DEV': 'false',
  'import.meta.env.PROD': 'true',
  'import.meta.env.SSR': 'false',
})

/** Builds `input` into `outDir` as the classic worker; answers the files by role (for the size checks). */
export async function buildClassicServiceWorker({ input, outDir, define, mode = 'production' }) {
  const bundle = await rolldown({
    input: { background: input },
    platform: 'browser',
    // An unused Node-only branch (argon2id.ts) and the Firefox worker start (qr-worker-client.ts) read import.meta.url.
    // import.meta.env as Vite gives it, so code that tests the mode keeps its meaning (and loses its dead branches) here too.
    transform: { define: { ...viteEnv(mode), ...define, 'import.meta.url': 'self.location.href' } },
  })
  const { output } = await bundle.generate({
    // Where the files go (written below): Rolldown writes each map's sources relative to it (by default ./dist, which
    // made every other output folder's maps lead nowhere).
    dir: outDir,
    format: 'cjs',
    minify: true,
    // \u escapes for the few non-ASCII characters (’ − × in messages): one of them made Chromium decode the whole script
    // into a two-byte string at every start, and V8 keep and hash it at twice the size (issue #15).
    charset: 'ascii',
    sourcemap: true,
    entryFileNames: `${CHUNK_DIR}/[name]-[hash].js`,
    chunkFileNames: `${CHUNK_DIR}/[name]-[hash].js`,
  })
  await bundle.close()
  const chunks = output.filter((o) => o.type === 'chunk')
  const entry = chunks.find((c) => c.isEntry)
  const byName = new Map(chunks.map((c) => [c.fileName, c]))
  // Start-up: the entry and what it requires statically, transitively. Everything else loads on first use.
  const start = new Set()
  const visit = (file) => {
    if (start.has(file)) return
    start.add(file)
    for (const dep of byName.get(file).imports) visit(dep)
  }
  visit(entry.fileName)
  const startChunks = []
  const rareChunks = []
  for (const chunk of chunks) {
    const code = chunk.code.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '')
    // The definition's first line stands in front of the chunk's own code, so each map starts one line down.
    const defined = `__keyfobDefine(${JSON.stringify(chunk.fileName)},function(exports,require,module){\n${code}\n});`
    const atStart = start.has(chunk.fileName)
    // A start-up chunk's map moves from bg/ to the loader's folder: its sources' relative paths move with it. The rare
    // file is in bg/ beside where Rolldown put the chunk. A chunk may have no map (Rolldown gives none for one that holds
    // no source code of its own).
    const map = chunk.map && {
      ...chunk.map,
      sources: atStart
        ? chunk.map.sources.map((source) => posix.normalize(posix.join(posix.dirname(chunk.fileName), source)))
        : chunk.map.sources,
      mappings: `;${chunk.map.mappings}`,
    }
    ;(atStart ? startChunks : rareChunks).push({ id: chunk.fileName, code: defined, map })
  }
  // Every rare chunk in one file: Chromium hands each script a worker imported while installing to the worker again at
  // every start (ServiceWorkerInstalledScriptsSender), one at a time. Twenty files of rare code made a stopped worker's
  // 10-account opening ~20 ms slower than the same code in one file (issue #15; the benchmark's A/B in docs/architecture.md).
  let rareFile = null
  if (rareChunks.length > 0) {
    const { text, sections } = concatenate('', rareChunks)
    rareFile = `${CHUNK_DIR}/rare-${createHash('sha256').update(text).digest('hex').slice(0, 8)}.js`
    const file = join(outDir, rareFile)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${text}//# sourceMappingURL=${posix.basename(rareFile)}.map\n`)
    writeFileSync(`${file}.map`, JSON.stringify({ version: 3, sections }))
  }
  const loader = loaderSource(entry.fileName, startChunks, rareFile)
  writeFileSync(join(outDir, SERVICE_WORKER_FILE), `${loader.text}//# sourceMappingURL=${SERVICE_WORKER_FILE}.map\n`)
  writeFileSync(join(outDir, `${SERVICE_WORKER_FILE}.map`), JSON.stringify({ version: 3, sections: loader.sections }))
  return { start: [...start], lazy: rareFile ? [rareFile] : [], rareChunks: rareChunks.map((c) => c.id) }
}

/**
 * Vite plugin: after the Chromium build, builds the worker and names it in dist/manifest.json (crxjs
 * builds the pages and the content script; the manifest it is given has no background).
 */
export function classicServiceWorker({ input, define }) {
  let outDir
  let mode
  return {
    name: 'keyfob-classic-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
      mode = config.mode
    },
    async closeBundle() {
      await buildClassicServiceWorker({ input, outDir, define, mode })
      const manifestFile = join(outDir, 'manifest.json')
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
      manifest.background = { service_worker: SERVICE_WORKER_FILE }
      writeFileSync(manifestFile, JSON.stringify(manifest, null, 2))
    },
  }
}
