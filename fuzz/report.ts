/** The long run's summary: a table on stdout and fuzz/results/latest.json. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { TargetStats } from './fuzz-target-run.ts'
import type { HeapReport } from './run-worker.ts'

export interface TargetResult extends TargetStats {
  planned: number
  timeLimitMs: number
  heap?: HeapReport
}

export interface RunResult {
  startedAt: string
  durationMs: number
  seed: number
  requestedInputs: number
  totalInputs: number
  totalFailures: number
  workers: number
  longInputBytes: number
  node: string
  samples: string
  targets: TargetResult[]
}

const byCount = (errors: Record<string, number>) =>
  Object.entries(errors)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ')

export function formatTable(result: RunResult): string {
  const header = ['target', 'inputs', 'values', 'typed errors (by code)', 'failures', 'slowest ms', 'heap Δ MiB']
  const rows = result.targets.map((t) => [
    t.name,
    String(t.inputs),
    String(t.values),
    byCount(t.errors) || '-',
    String(t.failures.length),
    t.slowestMs.toFixed(1),
    t.heap ? t.heap.growthMiB.toFixed(1) : '-',
  ])
  const totals = result.targets.reduce(
    (sum, t) => {
      for (const [code, n] of Object.entries(t.errors)) sum[code] = (sum[code] ?? 0) + n
      return sum
    },
    {} as Record<string, number>,
  )
  rows.push([
    'TOTAL',
    String(result.totalInputs),
    String(result.targets.reduce((n, t) => n + t.values, 0)),
    byCount(totals),
    String(result.totalFailures),
    Math.max(0, ...result.targets.map((t) => t.slowestMs)).toFixed(1),
    '-',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.min(r[i]!.length, i === 3 ? 90 : 40))))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(0, -1).map(line),
    widths.map((w) => '-'.repeat(w)).join('  '),
    line(rows.at(-1)!),
  ].join('\n')
}

export function formatFailures(result: RunResult): string {
  const out: string[] = []
  for (const t of result.targets) {
    for (const f of t.failures) {
      out.push(`✗ ${t.name}: ${f.error}`)
      out.push(`  input: ${f.counterexample.slice(0, 600)}`)
      out.push(
        `  replay: FUZZ_LONG_BYTES=${result.longInputBytes} FUZZ_REPLAY='${t.name} ${f.seed} ${f.path || '-'} ${f.numRuns}' npm run fuzz`,
      )
    }
  }
  return out.join('\n')
}

export function writeResult(path: string, result: RunResult): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`)
}
