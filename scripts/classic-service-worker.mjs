// The Chromium service worker as a classic script whose rarely used features load on first use (issue #15).
//
// Why: an extension service worker cannot use import() (HTML's ServiceWorkerGlobalScope forbids it), so a
// module worker parses its whole static graph at every start, and Chrome stops an idle worker after 30 s.
// A classic worker can call importScripts() later for any script it imported while installing: the
// Service Workers spec keeps those in the registration's script resource map ("importScripts" after
// installation: https://w3c.github.io/ServiceWorker/#importscripts; other URLs fail with a
// NetworkError). So the background is bundled by Rolldown as CommonJS chunks, each wrapped in a
// definition that runs nothing until required; the start-up chunks are written into the worker's own
// script, every other chunk is imported once during `install` (that only registers it), and a source
// `import()` becomes a require() that imports its chunk from the cache when it is first needed.
//
// Firefox keeps the module event page Vite builds: a page may import() (see vite.config.ts).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, posix, resolve } from 'node:path'
import { rolldown } from 'rolldown'

/** The worker's file in the built extension (the name crxjs gave it, which tests and the benchmark look for). */
export const SERVICE_WORKER_FILE = 'service-worker-loader.js'
const CHUNK_DIR = 'bg'

/**
 * The loader: a define/require pair (chunks are CommonJS), the start-up chunks written into it (one script: each
 * file a worker imports at start is one more hand-over from the browser, measured at ~6 ms of a 10-account
 * opening), the install-time import of the lazy ones, then the entry. Written out as source because it is the
 * worker's first script. `start` is each start-up chunk's id and its code, already wrapped in its definition.
 */
function loaderSource(entry, start, lazy) {
  const list = (files) => files.map((f) => JSON.stringify(`/${f}`)).join(',')
  const head = `"use strict";(()=>{const defs={},done={};
self.__keyfobDefine=(id,factory)=>{defs[id]=factory};
const req=(id)=>{if(done[id])return done[id].exports;if(!defs[id])importScripts("/"+id);const module={exports:{}};done[id]=module;defs[id].call(self,module.exports,(spec)=>req(new URL(spec,"https://x/"+id).pathname.slice(1)),module);return module.exports};
`
  let text = head
  const sections = []
  for (const chunk of start) {
    // The chunk's own map, from the line its code starts on (an index map: Source Map v3, "sections").
    if (chunk.map) sections.push({ offset: { line: text.split('\n').length - 1, column: 0 }, map: chunk.map })
    text += `${chunk.code}\n`
  }
  text += `const LAZY=[${list(lazy)}];
self.addEventListener("install",()=>{importScripts(...LAZY)});
req(${JSON.stringify(entry)})})();
`
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
    format: 'cjs',
    minify: true,
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
  for (const chunk of chunks) {
    const code = chunk.code.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '')
    // The definition's first line stands in front of the chunk's own code, so each map starts one line down.
    const defined = `__keyfobDefine(${JSON.stringify(chunk.fileName)},function(exports,require,module){\n${code}\n});`
    if (start.has(chunk.fileName)) {
      // Its map moves from bg/ to the loader's folder: its sources' relative paths move with it.
      const map = chunk.map && {
        ...chunk.map,
        sources: chunk.map.sources.map((source) => posix.normalize(posix.join(posix.dirname(chunk.fileName), source))),
        mappings: `;${chunk.map.mappings}`,
      }
      startChunks.push({ id: chunk.fileName, code: defined, map })
      continue
    }
    const file = join(outDir, chunk.fileName)
    mkdirSync(dirname(file), { recursive: true })
    // A chunk may have no map (Rolldown gives none for one that holds no source code of its own).
    const map = chunk.map
    const mapComment = map ? `\n//# sourceMappingURL=${posix.basename(chunk.fileName)}.map` : ''
    writeFileSync(file, `${defined}${mapComment}\n`)
    if (map) writeFileSync(`${file}.map`, JSON.stringify({ ...map, mappings: `;${map.mappings}` }))
  }
  const lazy = chunks.map((c) => c.fileName).filter((f) => !start.has(f))
  const loader = loaderSource(entry.fileName, startChunks, lazy)
  writeFileSync(join(outDir, SERVICE_WORKER_FILE), `${loader.text}//# sourceMappingURL=${SERVICE_WORKER_FILE}.map\n`)
  writeFileSync(join(outDir, `${SERVICE_WORKER_FILE}.map`), JSON.stringify({ version: 3, sections: loader.sections }))
  return { start: [...start], lazy }
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
