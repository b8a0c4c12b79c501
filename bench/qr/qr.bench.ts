/**
 * QR decoding: plain jsQR against Keyfob's pipeline (src/core/qr) on the
 * generated corpus (scripts/qr-corpus). Run with
 *
 *   npx vitest bench --run bench/qr
 *
 * (vitest.config.ts only collects *.test.ts, so `vitest run` never runs this.)
 * Before the timed benches, it decodes the whole corpus once per decoder,
 * QR_BENCH_RUNS times per image (default 3) for median times, prints success
 * per category and median times per image size, and writes
 * bench/results/qr.json and bench/results/qr.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { bench, describe } from 'vitest'
import { createPage, placeImage } from '../../scripts/qr-corpus/compose-page.ts'
import { evaluateCorpus, formatSummary, summarise, type Decoder } from '../../scripts/qr-corpus/evaluate-corpus.ts'
import { generateCorpus } from '../../scripts/qr-corpus/generate-corpus.ts'
import { SHORT_OTPAUTH } from '../../scripts/qr-corpus/payloads.ts'
import { renderQrAtSize } from '../../scripts/qr-corpus/render-qr.ts'
import { decodeQrCodes } from '../../src/core/qr/index.ts'

const decoders: Record<string, Decoder> = {
  jsQR: (image) => {
    const hit = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })
    return hit === null ? [] : [hit.data]
  },
  Keyfob: (image) => decodeQrCodes(image).map((r) => r.text),
}

const runs = Number(process.env.QR_BENCH_RUNS ?? 3)
const started = performance.now()
const corpus = generateCorpus()
const generatedMs = performance.now() - started
// Warm both decoders up (JIT), so the first corpus image is not charged for it.
for (const c of corpus.slice(0, 3)) for (const d of Object.values(decoders)) d(c.image)
const results = evaluateCorpus(corpus, decoders, runs, (r) => {
  const cells = Object.entries(r.decoders).map(([n, d]) => `${n} ${d.ok ? 'ok  ' : 'MISS'} ${d.medianMs.toFixed(0).padStart(5)} ms`)
  console.log(`${cells.join('   ')}   ${r.id} (${r.size})`)
})
const summary = summarise(results)
const table = formatSummary(summary, Object.keys(decoders))
const root = join(import.meta.dirname, '../..')
const report = {
  when: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  node: process.version,
  runsPerImage: runs,
  corpus: { images: corpus.length, generatedMs: Math.round(generatedMs) },
  summary,
  cases: results,
}
mkdirSync(join(root, 'bench/results'), { recursive: true })
writeFileSync(join(root, 'bench/results/qr.json'), JSON.stringify(report, null, 2))
writeFileSync(join(root, 'bench/results/qr.md'), `# QR decoding: jsQR vs Keyfob\n\n${report.when}, ${report.machine}, Node ${report.node}, median of ${runs} runs per image.\n\n${table}\n`)
console.log(`\n${table}\n\nWrote bench/results/qr.json and bench/results/qr.md`)

// tinybench timings for the headline cases, for `vitest bench --compare`.
function screenshot(width: number, height: number, side: number) {
  const image = createPage({ width, height, seed: 21 })
  if (side > 0) placeImage(image, renderQrAtSize(SHORT_OTPAUTH, side), width * 0.3, height * 0.4)
  return image
}
const cases = [
  { name: '1920 × 1080, one 150 px code', image: screenshot(1920, 1080, 150) },
  { name: '1920 × 1080, no code', image: screenshot(1920, 1080, 0) },
  { name: '3840 × 2160, one 300 px code', image: screenshot(3840, 2160, 300) },
]
for (const c of cases) {
  describe(c.name, () => {
    for (const [name, decode] of Object.entries(decoders)) bench(name, () => void decode(c.image), { iterations: 5, time: 0, warmupIterations: 1 })
  })
}
