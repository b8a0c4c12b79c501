import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { build, defineConfig, type Plugin, type UserConfig } from 'vite'
import preact from '@preact/preset-vite'
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin'
import baseManifest from './manifest.json' with { type: 'json' }
import pkg from './package.json' with { type: 'json' }
import { classicServiceWorker } from './scripts/classic-service-worker.mjs'
import { publicSuffixListData } from './scripts/public-suffix-list-data.mjs'
import { PUBLIC_SUFFIX_LIST_FILE } from './src/core/site/public-suffix-list.ts'
import { ARGON2ID_WASM } from './src/core/vault/argon2id.ts'
import { SCAN_UI } from './src/background/scan/inject-scan-ui.ts'

const CONTENT_SCRIPT = 'src/content/index.ts'
/** The popup's modules (popupScript below): its entry, and the file index.html loads. */
const POPUP = { entry: 'src/popup/main.tsx', file: 'src/popup/popup.js' }
/**
 * The modules the other pages share, in two chunks rather than seven (build.rolldownOptions.output.codeSplitting): what
 * only pages use (Preact, signals, i18n, error sentences) and what the background shares with them (errors, settings,
 * messaging, the browser API, Vite's preload helper), so neither Firefox's event page nor the offscreen document loads Preact.
 */
const PAGE_START = /\/node_modules\/(preact|@preact\/signals(-core)?)\/|\/src\/shared\/(i18n|error-text)\.ts$/
const SHARED_START = /\/src\/shared\/(browser-api|messaging|settings)\.ts$|\/src\/core\/errors\.ts$|preload-helper/
const BACKGROUND = 'src/background/index.ts'
const require = createRequire(import.meta.url)

/**
 * One source manifest (manifest.json), two targets:
 * `vite build` → dist/ for Chromium, `vite build --mode firefox` → dist-firefox/.
 * Firefox MV3 has no extension service worker: the same module runs as an event page.
 */
export function manifestFor(mode: string): ManifestV3Export {
  const manifest = structuredClone(baseManifest) as Record<string, unknown>
  manifest.version = pkg.version
  // Test-only build: page capture needs activeTab, which only a real click on the toolbar,
  // menu or shortcut grants. The e2e specs for page scans load this copy instead; the
  // shipped manifest never asks for <all_urls>.
  if (mode === 'e2e-capture') manifest.host_permissions = ['<all_urls>']
  if (mode !== 'firefox') {
    // Chromium's worker is built by scripts/classic-service-worker.mjs, which names it in the manifest.
    delete manifest.background
    return manifest as unknown as ManifestV3Export
  }
  delete manifest.minimum_chrome_version
  // Firefox has no offscreen documents: its event page can use the clipboard itself.
  manifest.permissions = (manifest.permissions as string[]).filter((p) => p !== 'offscreen')
  manifest.background = { scripts: ['src/background/index.ts'], type: 'module' }
  manifest.browser_specific_settings = {
    gecko: {
      id: 'keyfob@keyfob.invalid',
      // data_collection_permissions needs Firefox 140 desktop / 142 Android.
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['none'] },
    },
  }
  return manifest as unknown as ManifestV3Export
}

/**
 * The pages' scripts in ASCII (the worker's: scripts/classic-service-worker.mjs), their few other characters (’ • ⋯)
 * as \u escapes: one of them makes the browser decode the whole file into a two-byte string at every load, and V8 keep
 * and hash it at twice the size (issue #15: the worker's start-up script decoded in ~1.1–2.3 ms, ASCII in ~0.3).
 * The content script, which crxjs builds on its own, keeps its other languages' words for "code" as they are.
 */
const ASCII = 'ascii'

/**
 * A build of its own inside this one, with this build's settings (es2022, minified, source maps): its files become files
 * of this build (it writes nothing itself).
 */
async function buildInto(
  ctx: { emitFile(file: { type: 'asset'; fileName: string; source: string | Uint8Array }): string },
  mode: string,
  { plugins = [], ...options }: Pick<UserConfig, 'plugins'> & NonNullable<UserConfig['build']>,
) {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    mode,
    plugins,
    build: { write: false, target: 'es2022', minify: true, sourcemap: true, ...options },
  })
  for (const out of (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []))) {
    ctx.emitFile({ type: 'asset', fileName: out.fileName, source: out.type === 'chunk' ? out.code : out.source })
  }
}

/**
 * The page's scan UI, which the background injects on demand (src/background/scan/inject-scan-ui.ts): a
 * second self-contained IIFE, built like crxjs builds the content script. Not through crxjs's `?script`
 * import, which would list the file in web_accessible_resources for every page (and add a chunk to this build).
 */
function scanUiScript(mode: string): Plugin {
  return {
    name: 'keyfob-scan-ui',
    apply: 'build',
    async generateBundle() {
      await buildInto(this, mode, {
        lib: { entry: SCAN_UI.entry, formats: ['iife'], name: 'keyfobScanUiScript', fileName: () => SCAN_UI.file },
        rolldownOptions: { output: { entryFileNames: SCAN_UI.file } },
      })
    },
  }
}

/**
 * The popup's modules, built on their own (issue #15): what an opening runs is one file, src/popup/popup.js, which
 * index.html loads as it is (vite-ignore), and each view it opens later is a chunk of its own. Built with the other pages,
 * the popup shared Preact and the messaging code with them in two chunks, three module files at every opening; each file an
 * extension page loads is one more request to the browser process (same-browser A/B, 10 accounts, 31 opens each, first
 * frame with every code: worker running −5 and −21 ms in two runs, stopped −12 ms). The other pages keep their shared
 * chunks; the popup carries its own copy of what it shares with them.
 */
function popupScript(mode: string): Plugin {
  // Rolldown puts the modules the views share with the opening (Preact, the models…) in a chunk of their own; this group
  // keeps every module the entry imports statically in the entry's file instead (the views then import from it).
  const start = new Set<string>()
  const findStart: Plugin = {
    name: 'keyfob-popup-start',
    buildStart() {
      start.clear()
    },
    buildEnd() {
      const walk = (id: string) => {
        if (start.has(id)) return
        start.add(id)
        for (const next of this.getModuleInfo(id)?.importedIds ?? []) walk(next)
      }
      for (const id of this.getModuleIds()) if (this.getModuleInfo(id)?.isEntry) walk(id)
    },
  }
  return {
    name: 'keyfob-popup-script',
    apply: 'build',
    async generateBundle() {
      await buildInto(this, mode, {
        plugins: [preact(), findStart],
        // Its views load on first use, each one file: nothing to preload (their imports are all in popup.js).
        modulePreload: false,
        rolldownOptions: {
          input: { popup: POPUP.entry },
          output: {
            entryFileNames: POPUP.file,
            charset: ASCII,
            chunkFileNames: (chunk) => (chunk.name === 'popup' ? POPUP.file : 'assets/popup-[name]-[hash].js'),
            codeSplitting: { groups: [{ name: 'popup', test: (id) => start.has(id) }] },
          },
        },
      })
    },
  }
}

export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox'
  return {
    plugins: [
      preact(),
      // Data and wasm the service worker reads on first use instead of carrying them in its start-up
      // script (issue #15): the Public Suffix List (src/core/site/public-suffix-list.ts) and
      // Argon2id's wasm builds (src/core/vault/argon2id.ts). Its own files need no web_accessible_resources.
      {
        name: 'keyfob-packaged-data',
        generateBundle() {
          this.emitFile({ type: 'asset', fileName: PUBLIC_SUFFIX_LIST_FILE, source: publicSuffixListData() })
          for (const { file, packaged } of ARGON2ID_WASM) {
            this.emitFile({ type: 'asset', fileName: file, source: readFileSync(require.resolve(packaged)) })
          }
        },
      },
      scanUiScript(mode),
      popupScript(mode),
      crx({
        manifest: manifestFor(mode),
        browser: firefox ? 'firefox' : 'chrome',
        // One self-contained IIFE content script: no loader, and so no
        // web_accessible_resources that would let every site detect Keyfob.
        contentScripts: { standaloneFiles: [CONTENT_SCRIPT] },
      }),
      // Chromium: the service worker as a classic script that loads rare features on first use (issue #15).
      ...(firefox ? [] : [classicServiceWorker({ input: BACKGROUND, define: { 'process.env.NODE_ENV': '"production"' } })]),
    ],
    build: {
      outDir: firefox ? 'dist-firefox' : mode === 'e2e-capture' ? 'dist-e2e-capture' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // Minified so the popup and content-script size budgets are meaningful;
      // source maps keep the output reviewable (AMO accepts source uploads).
      minify: true,
      sourcemap: true,
      chunkSizeWarningLimit: 200,
      // modulepreload links in the pages' HTML only, for their entries' static imports: the browser fetches them all
      // at once instead of level by level as it parses each (issue #15: a popup open waited on that waterfall). None for
      // lazy chunks: listing their imports in the scripts would cost the popup 0.7 KiB on every opening
      // (scripts/check-size.mjs). (Chromium and Firefox need no polyfill.)
      modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
      // Pages the manifest does not name: the offscreen document that clears the clipboard, and the import, export and sync pages.
      rollupOptions: {
        input: {
          offscreen: 'src/offscreen/index.html',
          import: 'src/options/import.html',
          export: 'src/options/export.html',
          sync: 'src/options/sync.html',
          passkeys: 'src/options/passkeys.html',
          passkeyUnlock: 'src/options/passkey-unlock.html',
          // The popup's first script (src/popup/opening.ts): a classic script at a fixed path, which index.html runs while
          // parsing to send openPopup before its modules load. It imports only types, so its chunk has no import to break it.
          popupOpening: 'src/popup/opening.ts',
        },
        output: {
          charset: ASCII,
          entryFileNames: (chunk) => (chunk.name === 'popupOpening' ? 'src/popup/opening.js' : 'assets/[name]-[hash].js'),
          // Each file an extension page loads is a round trip to the browser process: a popup open waited ~25 ms for the
          // last of its ten (issue #15). Other pages load the same few kilobytes with them.
          codeSplitting: {
            groups: [
              { name: 'shared-start', test: SHARED_START, priority: 2 },
              { name: 'page-start', test: PAGE_START, priority: 1 },
            ],
          },
        },
      },
    },
    // Web Workers as ES modules (they are started with { type: 'module' }), so a worker can load a job's code with
    // import() on first use (src/offscreen/qr-worker.ts) rather than carry every job's code from its start.
    worker: { format: 'es' },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  }
})
