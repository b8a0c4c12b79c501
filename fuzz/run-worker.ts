/**
 * One worker thread of the long fuzz run (run.ts): takes targets from the main
 * thread one at a time, runs each for its share of inputs, and reports back.
 * Between chunks it collects garbage and samples the heap: a retained heap
 * that keeps growing across a target's inputs is a leak or an unbounded cache,
 * which a single result's size would not show.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { runInNewContext } from 'node:vm'
import { setFlagsFromString } from 'node:v8'
import { runTarget, type TargetStats } from './fuzz-target-run.ts'
import { TARGETS } from './targets.ts'

export interface WorkerData {
  /** Incremented before each input; the main thread's watchdog reads it. */
  heartbeat: SharedArrayBuffer
  longBytes: number
}

export type ToWorker = { type: 'run'; name: string; runs: number; seed: number; chunk: number } | { type: 'exit' }

export interface HeapReport {
  baselineMiB: number
  peakMiB: number
  growthMiB: number
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'chunk'; name: string; stats: TargetStats; chunkSeed: number }
  | { type: 'done'; name: string; stats: TargetStats; heap: HeapReport }

/** Retained heap may grow this much across one target before it counts as a leak. */
export const MAX_HEAP_GROWTH_MIB = 64

const data = workerData as WorkerData
const beat = new Int32Array(data.heartbeat)
const port = parentPort!

function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc
  if (existing) return existing
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
const gc = gcFunction()
const heapMiB = () => {
  gc()
  const m = process.memoryUsage()
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20
}

// A rejection here is left unhandled on purpose: it ends the worker, and fuzz/run.ts reports that the worker died.
// eslint-disable-next-line @typescript-eslint/no-misused-promises
port.on('message', async (message: ToWorker) => {
  if (message.type === 'exit') return process.exit(0)
  const target = TARGETS.find((t) => t.name === message.name)!
  const prepared = await target.prepare({ maxLongBytes: data.longBytes })
  let baseline = -1
  let peak = 0
  let last = 0
  let chunkIndex = 0
  const stats = await runTarget(target, prepared, {
    runs: message.runs,
    seed: message.seed,
    chunk: message.chunk,
    beforeInput: () => Atomics.add(beat, 0, 1),
    afterChunk: (s) => {
      last = heapMiB()
      if (baseline < 0) baseline = last // after the first chunk: seeds built, code warmed up
      peak = Math.max(peak, last)
      port.postMessage({ type: 'chunk', name: target.name, stats: s, chunkSeed: chunkIndex++ } satisfies FromWorker)
    },
  })
  const heap = { baselineMiB: baseline, peakMiB: peak, growthMiB: last - baseline }
  if (heap.growthMiB > MAX_HEAP_GROWTH_MIB) {
    stats.failures.push({
      seed: message.seed,
      path: '',
      numRuns: message.runs,
      counterexample: '(the whole run)',
      error: `retained heap grew by ${heap.growthMiB.toFixed(1)} MiB across ${stats.inputs} inputs (the bound is ${MAX_HEAP_GROWTH_MIB} MiB)`,
    })
  }
  port.postMessage({ type: 'done', name: target.name, stats, heap } satisfies FromWorker)
})
port.postMessage({ type: 'ready' } satisfies FromWorker)
