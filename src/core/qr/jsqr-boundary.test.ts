import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
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

  it('is not re-exported through src/core/index.ts', () => {
    expect(files.find((f) => f.path === 'core/index.ts')?.text).not.toMatch(/\/qr\b/)
  })

  it('is not reachable from the popup, content script, options page or shared code', () => {
    const offenders = files.filter((f) => /^(popup|content|options|shared)\//.test(f.path) && /core\/qr\b/.test(f.text)).map((f) => f.path)
    expect(offenders).toEqual([])
  })
})
