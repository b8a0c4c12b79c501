import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// jsQR is heavy: only the QR pipeline may load it, and only the background
// (service worker or offscreen document) may load the pipeline.
const root = join(import.meta.dirname, '../..')
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  )
const files = sources(root).map((f) => ({ path: relative(root, f).replaceAll('\\', '/'), text: readFileSync(f, 'utf8') }))

describe('jsQR stays in the background', () => {
  it('is imported by src/core/qr/run-jsqr.ts alone', () => {
    const importers = files.filter((f) => /from\s+['"]jsqr['"]|import\(\s*['"]jsqr['"]/.test(f.text)).map((f) => f.path)
    expect(importers).toEqual(['core/qr/run-jsqr.ts'])
  })

  it('is reached only from the background: no other module imports it, directly or through others', () => {
    // Every module from which run-jsqr.ts can be reached by following relative imports.
    const importsOf = new Map(
      files.map((f) => [
        f.path,
        [...f.text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
          relative(root, join(root, dirname(f.path), m[1]!)).replaceAll('\\', '/'),
        ),
      ]),
    )
    const reaching = new Set(['core/qr/run-jsqr.ts'])
    for (let grew = true; grew;) {
      grew = false
      for (const [path, imports] of importsOf) {
        if (!reaching.has(path) && imports.some((i) => reaching.has(i))) grew = reaching.add(path) !== undefined
      }
    }
    expect(reaching).toContain('background/scan/scan-flows.ts') // the walk follows real imports
    expect([...reaching].filter((p) => !/^(background|core\/qr)\//.test(p))).toEqual([])
  })

  it('is not reachable from the popup, content script, options page or shared code', () => {
    const offenders = files.filter((f) => /^(popup|content|options|shared)\//.test(f.path) && /core\/qr\b/.test(f.text)).map((f) => f.path)
    expect(offenders).toEqual([])
  })
})
