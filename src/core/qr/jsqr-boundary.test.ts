import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// jsQR is heavy: only the QR pipeline may load it, and only the background job worker's
// decoding job (src/offscreen/decode-qr.ts, which src/offscreen/qr-worker.ts imports on the
// first scan, issue #15) may load the pipeline: not the service
// worker, whose start-up script it slowed, nor any page. Type-only imports load nothing.
const root = join(import.meta.dirname, '../..')
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  )
const files = sources(root).map((f) => ({ path: relative(root, f).replaceAll('\\', '/'), text: readFileSync(f, 'utf8') }))
/** The module's relative imports that load code (`import type`, `export type` load nothing). */
const valueImports = (text: string) =>
  [...text.matchAll(/^(?!\s*(?:import|export)\s+type\b).*?(?:from|import\()\s*'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1]!)

describe('jsQR stays in the decoding worker', () => {
  it('is imported by src/core/qr/run-jsqr.ts alone', () => {
    const importers = files.filter((f) => /from\s+['"]jsqr['"]|import\(\s*['"]jsqr['"]/.test(f.text)).map((f) => f.path)
    expect(importers).toEqual(['core/qr/run-jsqr.ts'])
  })

  it('is reached only from the decoding worker: no other module imports it, directly or through others', () => {
    // Every module from which run-jsqr.ts can be reached by following relative imports.
    const importsOf = new Map(
      files.map((f) => [f.path, valueImports(f.text).map((i) => relative(root, join(root, dirname(f.path), i)).replaceAll('\\', '/'))]),
    )
    const reaching = new Set(['core/qr/run-jsqr.ts'])
    for (let grew = true; grew;) {
      grew = false
      for (const [path, imports] of importsOf) {
        if (!reaching.has(path) && imports.some((i) => reaching.has(i))) grew = reaching.add(path) !== undefined
      }
    }
    expect(reaching).toContain('offscreen/qr-worker.ts') // the walk follows real imports
    expect([...reaching].filter((p) => !/^(core\/qr\/|offscreen\/(qr-worker|decode-qr)\.ts$)/.test(p))).toEqual([])
  })

  it('is not loaded by the service worker, the popup, the content script, the options pages or shared code', () => {
    const offenders = files
      .filter((f) => /^(background|popup|content|options|shared)\//.test(f.path) && valueImports(f.text).some((i) => /core\/qr\b/.test(i)))
      .map((f) => f.path)
    expect(offenders).toEqual([])
  })
})
