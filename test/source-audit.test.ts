/**
 * Claims in docs/security.md about what the source does not contain, checked by reading
 * every file under src/ (tests excluded). When one of these fails, either the change is
 * wrong or the document is out of date: update docs/security.md in the same change.
 *
 * - §4 Randomness: no Math.random (all randomness comes from WebCrypto).
 * - §3.1 Pages cannot message Keyfob / Other extensions: no onMessageExternal, onConnect or
 *   other external or port-based listener; the one message listener is serve() (src/shared/serve.ts),
 *   which the background, the content script and the offscreen document each call with their sender check.
 * - §6: storage.sync is named in the code (comments aside) of one file only, src/background/index.ts,
 *   the worker's wiring, which hands browser.storage.sync over and calls nothing of it; the one
 *   remote over it is made in src/background/sync/index.ts, and that remote,
 *   src/background/sync/browser-sync-remote.ts (which stores the header and records core/sync has
 *   encrypted), reaches no browser API itself: the area is passed in.
 * - §6 Network requests: the only fetch() calls are the clock check, the scanned image, the
 *   local read of a data: URL and the WebDAV sync server; no other way of reaching the network is used.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '..')
const SRC = path.join(ROOT, 'src')

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    return d.isDirectory() ? walk(p) : [p]
  })
}

/** Every shipped-language source file under src/, tests left out, as [path from the root, text]. */
const sources: [string, string][] = walk(SRC)
  .filter((f) => /\.(ts|tsx|js|mjs|html)$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => [path.relative(ROOT, f).split(path.sep).join('/'), fs.readFileSync(f, 'utf8')])

/** The files and lines (1-based) where `pattern` (global) matches. */
function occurrences(pattern: RegExp): string[] {
  const hits: string[] = []
  for (const [file, text] of sources) {
    for (const m of text.matchAll(pattern)) hits.push(`${file}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`)
  }
  return hits
}
const files = (pattern: RegExp) => occurrences(pattern).map((hit) => hit.slice(0, hit.indexOf(':')))

/** A source without its comments (block comments, and line comments not inside a URL), roughly: for claims about code only. */
const codeOf = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1')
/** The files whose code (comments aside) matches `pattern`. */
const codeFiles = (pattern: RegExp) => sources.filter(([, text]) => codeOf(text).match(pattern) !== null).map(([f]) => f)

describe('source audit (docs/security.md)', () => {
  it('reads the whole source tree', () => {
    // Guards the checks below against passing on an empty or wrong tree.
    expect(sources.length).toBeGreaterThan(100)
    for (const f of ['src/background/index.ts', 'src/content/index.ts', 'src/core/vault/aes-gcm.ts', 'src/popup/app.tsx']) {
      expect(sources.map(([file]) => file)).toContain(f)
    }
  })

  it('uses no Math.random: randomness comes from crypto.getRandomValues, generateKey and randomUUID', () => {
    expect(occurrences(/\bMath\s*(?:\.|\?\.|\[\s*['"`])\s*random\b/g)).toEqual([])
    // The sources the document names are the ones in use (so this is not vacuous).
    expect(files(/crypto\.getRandomValues\(/g)).toContain('src/core/vault/aes-gcm.ts')
    expect(files(/crypto\.randomUUID\(/g).length).toBeGreaterThan(0)
  })

  it('registers no onMessageExternal, onConnect or other external or port listener, and only serve()’s onMessage listener', () => {
    expect(
      occurrences(
        /\bon(?:Message|Connect)External\b|\bonConnect\b|\bonUserScript(?:Message|Connect)\b|\bconnectNative\b|\bruntime\s*(?:\?\.|\.)\s*connect\b/g,
      ),
    ).toEqual([])
    // serve(direction, handlers, senderCheck): every context's one way to answer messages.
    expect(files(/\bonMessage\s*\.\s*addListener\s*\(/g).sort()).toEqual(['src/shared/serve.ts'])
    // …called by the background (its two directions, each sender checked by check-sender.ts), the content
    // script (only Keyfob's own background; see test/content-listener.test.ts) and the offscreen document.
    expect(files(/\bserve\s*\(\s*(?:POPUP|CONTENT|TO_CONTENT|TO_OFFSCREEN)\b/g).sort()).toEqual([
      'src/background/serve-background.ts',
      'src/background/serve-background.ts',
      'src/content/index.ts',
      'src/offscreen/main.ts',
    ])
    // Only the messaging modules touch runtime messaging: serve.ts listens; messaging.ts and background-messaging.ts send,
    // and the popup's first script (popup/opening.ts) sends its one openPopup before any module loads.
    expect([...new Set(files(/\b(?:runtime|tabs)\s*(?:\?\.|\.)\s*(?:sendMessage|onMessage)\b/g))].sort()).toEqual([
      'src/popup/opening.ts',
      'src/shared/background-messaging.ts',
      'src/shared/messaging.ts',
      'src/shared/serve.ts',
    ])
  })

  it('uses storage.sync only in the browser sync remote, which is handed the area', () => {
    const sync = /\bstorage\s*(?:\?\.|\.)\s*sync\b|\bstorage\s*\[\s*['"`]sync['"`]\s*\]|\{[^}]*\bsync\b[^}]*\}\s*=\s*[\w.?]*storage\b/g
    // Comments mention it freely (the protocol, the remote, the wiring); the code names it in the worker only.
    expect(files(sync)).toContain('src/background/sync/browser-sync-remote.ts')
    expect(codeFiles(sync)).toEqual(['src/background/index.ts'])
    // The worker only hands the area over: `area: browser.storage.sync`, its one mention there, never a call of it.
    const worker = codeOf(sources.find(([f]) => f === 'src/background/index.ts')?.[1] ?? '')
    expect(worker.match(/\bstorage\s*(?:\?\.|\.)\s*sync\b[^\n]*/g)).toEqual(['storage.sync,'])
    expect(worker).toMatch(/^\s*area: browser\.storage\.sync,$/m)
    // One remote over it, made by the sync feature (its part loaded on first use), which the worker hands the area to.
    expect(codeFiles(/\bcreateBrowserSyncRemote\(/g)).toEqual([
      'src/background/sync/browser-sync-remote.ts',
      'src/background/sync/sync-runtime.ts',
    ])
    // In the remote, only in its comments and the area's type: the area is passed in.
    const remote = sources.find(([f]) => f === 'src/background/sync/browser-sync-remote.ts')?.[1] ?? ''
    expect(remote).toMatch(/export function createBrowserSyncRemote\(options: BrowserSyncRemoteOptions\)/)
    expect(remote.match(/(?<![\w.])(?:browser|chrome)\s*(?:\?\.|\.)\s*\w/g)).toBeNull()
    expect(remote.match(/\bimport\b[^\n]*(?:webextension-polyfill|\/shared\/)/g)).toBeNull()
    // The areas Keyfob does use are found by the same kind of pattern.
    expect(files(/\bstorage\s*(?:\?\.|\.)\s*local\b/g).length).toBeGreaterThan(0)
  })

  it('fetches only the clock check, a scanned image, data: URLs and the sync server, and reaches the network no other way', () => {
    // docs/security.md §6 lists each. A new request is a change to that section: add it there, then here.
    expect(
      occurrences(/(?<![\w$.])fetch\s*\(/g)
        .map((hit) => hit.replace(/:\d+:.*$/, ''))
        .sort(),
    ).toEqual([
      'src/background/index.ts', // 1. the clock check: HEAD to the origin just filled (fetchDate)
      'src/background/index.ts', // not the network: the Public Suffix List, a file of the extension itself (runtime.getURL)
      'src/background/scan/qr-decoder.ts', // 2. a scanned image the page could not hand over as pixels
      'src/background/scan/qr-decoder.ts', // a data: URL read locally (no network)
      'src/background/sync/dav-request.ts', // 3. sync with the WebDAV folder the person set up (the worker's fetch, passed from index.ts)
      'src/core/vault/argon2id.ts', // not the network: Argon2id's wasm, a file of the extension itself (its origin's root)
    ])
    expect(
      occurrences(/\b(?:XMLHttpRequest|WebSocket|EventSource|WebTransport|RTCPeerConnection|sendBeacon|importScripts)\b|\.fetch\s*\(/g),
    ).toEqual([])
    // Images Keyfob makes itself load data: URLs only: no icon or avatar is fetched.
    expect(occurrences(/\bnew Image\s*\(/g).map((hit) => hit.replace(/:\d+:.*$/, ''))).toEqual(['src/content/element-image.ts'])
    expect(sources.find(([f]) => f === 'src/content/element-image.ts')?.[1]).toMatch(
      /const url = `data:image\/svg\+xml;[^`]*`\s*\n\s*const img = new Image\(\)\s*\n\s*img\.src = url/,
    )
    for (const hit of occurrences(/<img\b[^>]*\bsrc=\{?[^\s>]*/g)) expect(hit).toMatch(/src=\{`data:/)
  })
})
