/**
 * scripts/classic-service-worker.mjs: the Chromium worker as a classic script whose import() chunks
 * load on first use. A small background is built into a temporary folder and its loader run in a VM
 * context that behaves as the Service Workers spec says importScripts does: any script while the
 * worker is first evaluated or installing, afterwards only the scripts imported by then (else a
 * NetworkError). The e2e side (the real extension in Chromium) is e2e/worker-lazy.spec.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createContext, runInContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildClassicServiceWorker, SERVICE_WORKER_FILE } from '../scripts/classic-service-worker.mjs'

const dir = mkdtempSync(join(tmpdir(), 'keyfob-classic-sw-'))
const out = join(dir, 'out')
let lazyChunk = ''

beforeAll(async () => {
  mkdirSync(join(dir, 'src'))
  const write = (name: string, text: string) => writeFileSync(join(dir, 'src', name), text)
  write('shared.ts', `export const shared = { evaluated: ((globalThis as any).log.push('shared'), true) }\n`)
  write(
    'rare.ts',
    `import { shared } from './shared.ts'\n;(globalThis as any).log.push('rare')\nexport const rare = (x: number) => ({ twice: x * 2, shared })\n`,
  )
  write(
    'entry.ts',
    `import { shared } from './shared.ts'\n;(globalThis as any).log.push('entry', import.meta.env.MODE)\n` +
      `;(globalThis as any).useRare = async (x: number) => { const m = await import('./rare.ts'); return { twice: m.rare(x).twice, same: m.rare(x).shared === shared } }\n` +
      `;(globalThis as any).useOther = async () => (await import('./other.ts')).other\n`,
  )
  write('other.ts', `;(globalThis as any).log.push('other')\nexport const other = 'other'\n`)
  const built = await buildClassicServiceWorker({ input: join(dir, 'src', 'entry.ts'), outDir: out, define: {}, mode: 'e2e-capture' })
  // Both rare modules' chunks in one file (each installed script is handed to the worker again at every start).
  expect(built.rareChunks).toHaveLength(2)
  expect(built.lazy).toHaveLength(1)
  lazyChunk = `/${built.lazy[0]}`
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * One life of the worker. `cache` is the registration's script cache (it outlives each life);
 * `installed`: whether the worker was installed before this life (then importScripts serves cached scripts only).
 */
function workerLife(cache: Set<string>, installed: boolean) {
  const listeners: (() => void)[] = []
  const log: string[] = []
  const imported: string[] = []
  const global: Record<string, unknown> = {
    log,
    URL,
    addEventListener: (type: string, listener: () => void) => type === 'install' && listeners.push(listener),
    importScripts: (...urls: string[]) => {
      for (const url of urls) {
        if (installed && !cache.has(url)) throw new Error(`NetworkError: ${url} was not imported while installing`)
        cache.add(url)
        imported.push(url)
        runInContext(readFileSync(join(out, url), 'utf8'), context, { filename: url })
      }
    },
  }
  global.self = global
  const context = createContext(global)
  runInContext(readFileSync(join(out, SERVICE_WORKER_FILE), 'utf8'), context)
  return {
    log,
    imported,
    install() {
      for (const l of listeners) l()
      installed = true
    },
    run: (code: string) => runInContext(code, context) as Promise<unknown>,
  }
}

describe('the classic service worker (scripts/classic-service-worker.mjs)', () => {
  it('parses only the start-up chunks at start, and a lazy chunk on its first import(), from the install-time cache', async () => {
    const cache = new Set<string>()
    // Installed: evaluated, then the install event. The lazy chunk is imported then, but none of its code runs.
    const first = workerLife(cache, false)
    expect(first.log).toEqual(['shared', 'entry', 'e2e-capture'])
    // The start-up chunks are in the loader itself: one script for the browser to hand over at each start.
    expect(first.imported).toEqual([])
    first.install()
    expect(first.imported).toContain(lazyChunk)
    expect(first.log).toEqual(['shared', 'entry', 'e2e-capture'])

    // Stopped and started again: a fresh global over the same cache.
    const later = workerLife(cache, true)
    expect(later.log).toEqual(['shared', 'entry', 'e2e-capture'])
    expect(later.imported).toEqual([])
    expect(await later.run('useRare(21)')).toEqual({ twice: 42, same: true })
    expect(later.log).toEqual(['shared', 'entry', 'e2e-capture', 'rare'])
    expect(later.imported).toContain(lazyChunk)
    // Once per life: a second import() takes the module already loaded, and the other rare module is in the same file.
    await later.run('useRare(1)')
    expect(later.log).toEqual(['shared', 'entry', 'e2e-capture', 'rare'])
    expect(await later.run('useOther()')).toBe('other')
    expect(later.log).toEqual(['shared', 'entry', 'e2e-capture', 'rare', 'other'])
    expect(later.imported.filter((u) => u === lazyChunk)).toHaveLength(1)
  })

  it("maps the worker's script and the rare file back to their sources", () => {
    for (const file of [SERVICE_WORKER_FILE, lazyChunk.slice(1)]) {
      const map = JSON.parse(readFileSync(join(out, `${file}.map`), 'utf8')) as { sections: { map: { sources: string[] } }[] }
      const sources = map.sections.flatMap((s) => s.map.sources.map((source) => join(out, dirname(file), source)))
      expect(sources.length).toBeGreaterThan(0)
      for (const source of sources) expect(existsSync(source), source).toBe(true)
    }
  })

  it('without the install-time import, a later life could not load the chunk (why the loader imports them all on install)', async () => {
    const cache = new Set<string>()
    workerLife(cache, false) // evaluated, never installed through the loader's handler
    const later = workerLife(cache, true)
    await expect(later.run('useRare(1)')).rejects.toThrow(/NetworkError/)
  })
})
