/**
 * Runs decoders over the corpus and summarises what they read and how fast:
 * success per category and median time per image size. Pure bookkeeping; the
 * benchmark decides which decoders to compare and where results go.
 */
import type { RgbaImage } from '../../src/core/qr/types.ts'
import type { CorpusCase } from './generate-corpus.ts'

/** A decoder under test: every text it reads in the image. */
export type Decoder = (image: RgbaImage) => string[]

export interface CaseResult {
  id: string
  category: string
  size: string
  expected: number
  /** Per decoder: expected texts read, unexpected texts returned, median milliseconds. */
  decoders: Record<string, { read: number; extra: number; ok: boolean; medianMs: number }>
}

export interface Summary {
  categories: Record<string, Record<string, { images: number; imagesRead: number; codes: number; codesRead: number; extra: number }>>
  sizes: Record<string, Record<string, { images: number; medianMs: number }>>
}

export function sizeLabel(image: RgbaImage): string {
  const { width, height } = image
  if (width === height && width <= 2000) return 'code alone (≤ 2000² px)'
  return `${width} × ${height}`
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length === 0 ? NaN : sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Runs every decoder `runs` times per image (first run decides success, all runs give the median time). */
export function evaluateCorpus(cases: readonly CorpusCase[], decoders: Record<string, Decoder>, runs = 3, onCase?: (r: CaseResult) => void): CaseResult[] {
  return cases.map((c) => {
    const result: CaseResult = { id: c.id, category: c.category, size: sizeLabel(c.image), expected: c.expected.length, decoders: {} }
    for (const [name, decode] of Object.entries(decoders)) {
      const times: number[] = []
      let texts: string[] = []
      for (let i = 0; i < runs; i++) {
        const start = performance.now()
        const out = decode(c.image)
        times.push(performance.now() - start)
        if (i === 0) texts = out
      }
      const read = c.expected.filter((e) => texts.includes(e)).length
      const extra = texts.filter((t) => !c.expected.includes(t)).length
      result.decoders[name] = { read, extra, ok: read === c.expected.length && extra === 0, medianMs: median(times) }
    }
    onCase?.(result)
    return result
  })
}

export function summarise(results: readonly CaseResult[]): Summary {
  const categories: Summary['categories'] = {}
  const times: Record<string, Record<string, number[]>> = {}
  for (const r of results) {
    for (const [name, d] of Object.entries(r.decoders)) {
      const c = ((categories[r.category] ??= {})[name] ??= { images: 0, imagesRead: 0, codes: 0, codesRead: 0, extra: 0 })
      c.images++
      c.imagesRead += d.ok ? 1 : 0
      c.codes += r.expected
      c.codesRead += d.read
      c.extra += d.extra
      ;((times[r.size] ??= {})[name] ??= []).push(d.medianMs)
    }
  }
  const sizes: Summary['sizes'] = {}
  for (const [size, byDecoder] of Object.entries(times)) {
    sizes[size] = Object.fromEntries(Object.entries(byDecoder).map(([name, t]) => [name, { images: t.length, medianMs: median(t) }]))
  }
  return { categories, sizes }
}

/** Markdown tables of a summary, decoders side by side. */
export function formatSummary(summary: Summary, decoders: readonly string[]): string {
  const pct = (a: number, b: number) => (b === 0 ? '–' : `${Math.round((100 * a) / b)} %`)
  const lines = ['### Success per category', '', `| category | images | ${decoders.map((d) => `${d}: images read | ${d}: codes read`).join(' | ')} |`]
  lines.push(`|---|---:|${decoders.map(() => '---:|---:').join('|')}|`)
  for (const [category, byDecoder] of Object.entries(summary.categories)) {
    const first = byDecoder[decoders[0]!]!
    const cells = decoders.map((d) => {
      const c = byDecoder[d]!
      const extra = c.extra > 0 ? ` (+${c.extra} wrong)` : ''
      return `${c.imagesRead}/${c.images} (${pct(c.imagesRead, c.images)})${extra} | ${c.codes === 0 ? '–' : `${c.codesRead}/${c.codes}`}`
    })
    lines.push(`| ${category} | ${first.images} | ${cells.join(' | ')} |`)
  }
  lines.push('', '### Median decode time by image size', '', `| image size | images | ${decoders.map((d) => `${d} (median ms)`).join(' | ')} |`)
  lines.push(`|---|---:|${decoders.map(() => '---:').join('|')}|`)
  for (const [size, byDecoder] of Object.entries(summary.sizes)) {
    lines.push(`| ${size} | ${byDecoder[decoders[0]!]!.images} | ${decoders.map((d) => byDecoder[d]!.medianMs.toFixed(1)).join(' | ')} |`)
  }
  return lines.join('\n')
}
