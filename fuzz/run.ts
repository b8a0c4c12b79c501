/**
 * `npm run fuzz`: the long fuzz run, outside CI. Every target gets a share of
 * FUZZ_RUNS inputs (default 1,000,000 in total) by its weight, and the targets
 * are spread over worker threads. A watchdog ends a worker whose input count
 * stops moving (a synchronous hang cannot be interrupted from inside) and a
 * heap limit ends one that allocates without bound; both count as failures.
 * Prints a table of counts, writes fuzz/results/latest.json (not committed:
 * .gitignore), and exits with 1 when any input broke the property.
 *
 *   FUZZ_RUNS=2000000 npm run fuzz          more inputs
 *   npm run fuzz -- --targets import,vault  only targets whose name contains one of these
 *   FUZZ_SEED=123 npm run fuzz              a fixed seed (the default is random, and printed)
 *   FUZZ_WORKERS=4, FUZZ_LONG_BYTES=…       threads; longest "very long" input (256 KiB)
 *   FUZZ_REPLAY='target seed path runs'    replay a failure printed by an earlier run
 */
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { chunkSeed, emptyStats } from './fuzz-target-run.ts'
import type { FuzzTarget } from './fuzz-target.ts'
import { formatFailures, formatTable, writeResult, type RunResult, type TargetResult } from './report.ts'
import { replay } from './replay.ts'
import type { FromWorker, ToWorker, WorkerData } from './run-worker.ts'
import { samplesSkipReason, sampleFiles } from './seeds/sample-files.ts'
import { TARGETS } from './targets.ts'

const { values: args } = parseArgs({
  options: { runs: { type: 'string' }, targets: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' } },
})
const env = process.env
const TOTAL = Number(args.runs ?? env['FUZZ_RUNS'] ?? 1_000_000)
const SEED = Number(args.seed ?? env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31))
const WORKERS = Number(args.workers ?? env['FUZZ_WORKERS'] ?? Math.min(2, availableParallelism()))
const LONG_BYTES = Number(env['FUZZ_LONG_BYTES'] ?? 256 * 1024)
const RESULTS = resolve(import.meta.dirname, 'results/latest.json')
/** Least inputs any target gets, however small its weight. */
const MIN_RUNS = 1_000
const CHUNK = 1_000

if (env['FUZZ_REPLAY']) process.exit(await replay(env['FUZZ_REPLAY'], LONG_BYTES))

const filters = (args.targets ?? env['FUZZ_TARGETS'] ?? '').split(',').filter(Boolean)
const selected = TARGETS.filter((t) => filters.length === 0 || filters.some((f) => t.name.includes(f)))
if (selected.length === 0) throw new Error(`No target matches ${filters.join(', ')}`)

/** Each target's seed depends only on the run's seed and its name, so a filtered rerun replays it exactly. */
const targetSeed = (t: FuzzTarget) => [...t.name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193) | 0, SEED)

const weights = selected.reduce((sum, t) => sum + t.weight, 0)
const planned = new Map(selected.map((t) => [t.name, Math.max(MIN_RUNS, Math.ceil((TOTAL * t.weight) / weights))]))
// Slow targets first, so the run does not end waiting on one long target.
const queue = [...selected].sort((a, b) => b.timeLimitMs - a.timeLimitMs || planned.get(b.name)! - planned.get(a.name)!)
const results = new Map<string, TargetResult>()

console.log(
  `Fuzzing ${selected.length} targets, ${[...planned.values()].reduce((a, b) => a + b, 0)} inputs, seed ${SEED}, ${WORKERS} workers.`,
)
console.log(sampleFiles().length > 0 ? `Seeds include ${sampleFiles().length} real exports.` : `Skipped: ${samplesSkipReason()}.`)
const started = Date.now()

interface Slot {
  worker: Worker
  beat: Int32Array
  target?: FuzzTarget
  chunks: number
  lastBeat: number
  lastChange: number
}

function result(t: FuzzTarget): TargetResult {
  let r = results.get(t.name)
  if (!r) results.set(t.name, (r = { ...emptyStats(t), planned: planned.get(t.name)!, timeLimitMs: t.timeLimitMs }))
  return r
}

function startWorker(): Promise<void> {
  return new Promise((done) => {
    const heartbeat = new SharedArrayBuffer(4)
    const worker = new Worker(new URL('./run-worker.ts', import.meta.url), {
      workerData: { heartbeat, longBytes: LONG_BYTES } satisfies WorkerData,
      // A heap blow-up ends the worker with ERR_WORKER_OUT_OF_MEMORY instead of the machine.
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    })
    const slot: Slot = { worker, beat: new Int32Array(heartbeat), chunks: 0, lastBeat: 0, lastChange: Date.now() }
    const next = () => {
      const target = queue.shift()
      if (!target) {
        slot.target = undefined
        worker.postMessage({ type: 'exit' } satisfies ToWorker)
        return
      }
      Object.assign(slot, { target, chunks: 0, lastChange: Date.now() })
      const runs = planned.get(target.name)!
      worker.postMessage({
        type: 'run',
        name: target.name,
        runs,
        seed: targetSeed(target),
        chunk: Math.min(CHUNK, Math.ceil(runs / 10)),
      } satisfies ToWorker)
    }
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') next()
      else if (m.type === 'chunk') {
        slot.chunks++
        Object.assign(result(slot.target!), m.stats)
      } else {
        Object.assign(result(slot.target!), m.stats, { heap: m.heap })
        next()
      }
    })
    // A crashed, stuck or vanished worker: the target's counts so far are kept, with the
    // failure and the chunk seed that replays it; a new worker carries on with the queue.
    let handedOff = false
    const handOff = (replace: boolean) => {
      if (handedOff) return
      handedOff = true
      clearInterval(watchdog)
      if (replace) void startWorker().then(done)
      else done()
    }
    const lose = (why: string) => {
      const t = slot.target
      if (!t) return
      slot.target = undefined
      const r = result(t)
      r.failures.push({
        seed: chunkSeed(targetSeed(t), slot.chunks),
        path: '',
        numRuns: Math.min(CHUNK, Math.ceil(r.planned / 10)),
        counterexample: '(replay the chunk: each input is printed before it runs)',
        error: why,
      })
      handOff(true)
    }
    worker.on('error', (e) => lose(`the worker died: ${e.message}`))
    worker.on('exit', () => (slot.target ? lose('the worker exited unexpectedly') : handOff(false)))
    const watchdog = setInterval(() => {
      const beat = Atomics.load(slot.beat, 0)
      if (beat !== slot.lastBeat) Object.assign(slot, { lastBeat: beat, lastChange: Date.now() })
      const limit = Math.max(60_000, 10 * (slot.target?.timeLimitMs ?? 0))
      if (slot.target && Date.now() - slot.lastChange > limit) {
        lose(`no input finished for ${limit / 1000} s: a synchronous hang`)
        void worker.terminate()
      }
    }, 2_000)
  })
}

const progress = setInterval(() => {
  const done = [...results.values()].reduce((n, r) => n + r.inputs, 0)
  const s = (Date.now() - started) / 1000
  console.log(`[${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s] ${done} inputs (${Math.round(done / s)}/s)`)
}, 30_000)
await Promise.all(Array.from({ length: WORKERS }, startWorker))
clearInterval(progress)

const targets = selected.map((t) => result(t))
const run: RunResult = {
  startedAt: new Date(started).toISOString(),
  durationMs: Date.now() - started,
  seed: SEED,
  requestedInputs: TOTAL,
  totalInputs: targets.reduce((n, t) => n + t.inputs, 0),
  totalFailures: targets.reduce((n, t) => n + t.failures.length, 0),
  workers: WORKERS,
  longInputBytes: LONG_BYTES,
  node: process.version,
  samples: samplesSkipReason() ?? `${sampleFiles().length} real exports as extra seeds`,
  targets,
}
console.log(`\n${formatTable(run)}\n`)
if (run.totalFailures > 0) console.log(`${formatFailures(run)}\n`)
console.log(`${run.totalInputs} inputs in ${(run.durationMs / 1000).toFixed(0)} s, ${run.totalFailures} failure(s). Results: ${RESULTS}`)
writeResult(RESULTS, run)
process.exit(run.totalFailures > 0 ? 1 : 0)
