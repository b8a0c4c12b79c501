/**
 * Runs one target for many inputs, in chunks of one fast-check run each, and
 * counts what happened. A failing chunk is shrunk and recorded with the seed
 * and path that replay it; the next chunk carries on with a new seed, so one
 * bug does not stop the count and several distinct bugs can show up.
 */
import fc from 'fast-check'
import { checkOutcome, describeError, FuzzFailure } from './check-outcome.ts'
import { describeInput } from './describe-input.ts'
import type { FuzzTarget, PreparedTarget } from './fuzz-target.ts'

export interface FailureReport {
  /** Replays the failure: fc.check(property, { seed, path, numRuns }), or FUZZ_REPLAY (replay.ts). */
  seed: number
  path: string
  numRuns: number
  counterexample: string
  error: string
}

export interface TargetStats {
  name: string
  entry: string
  inputs: number
  values: number
  errors: Record<string, number>
  failures: FailureReport[]
  slowestMs: number
  slowestInput: string
  elapsedMs: number
}

export interface RunOptions {
  runs: number
  seed: number
  chunk: number
  /** After each chunk (the long run checks the heap and reports progress there). */
  afterChunk?: (stats: TargetStats) => void | Promise<void>
  /** Before each input (the long run's watchdog counts these). */
  beforeInput?: () => void
}

export function emptyStats(target: FuzzTarget): TargetStats {
  return {
    name: target.name,
    entry: target.entry,
    inputs: 0,
    values: 0,
    errors: {},
    failures: [],
    slowestMs: 0,
    slowestInput: '',
    elapsedMs: 0,
  }
}

export function chunkSeed(seed: number, index: number): number {
  return (seed + Math.imul(index + 1, 0x9e3779b1)) | 0
}

export async function runTarget(target: FuzzTarget, prepared: PreparedTarget<unknown>, options: RunOptions): Promise<TargetStats> {
  const stats = emptyStats(target)
  const started = performance.now()
  for (let index = 0; stats.inputs < options.runs; index++) {
    const before = stats.inputs
    const numRuns = Math.min(options.chunk, options.runs - stats.inputs)
    const seed = chunkSeed(options.seed, index)
    let failed = false
    const property = fc.asyncProperty(prepared.arbitrary, async (input) => {
      options.beforeInput?.()
      // After the first failure of a chunk, fast-check is shrinking: those runs are not counted.
      const counting = !failed
      try {
        const { outcome, ms } = await checkOutcome(target, prepared, input)
        if (!counting) return
        stats.inputs++
        if (outcome.kind === 'value') stats.values++
        else stats.errors[outcome.code] = (stats.errors[outcome.code] ?? 0) + 1
        if (ms > stats.slowestMs) {
          stats.slowestMs = ms
          stats.slowestInput = describeInput(input, 300)
        }
      } catch (e) {
        if (counting) {
          stats.inputs++
          failed = true
        }
        throw e
      }
    })
    const details = await fc.check(property, { numRuns, seed, interruptAfterTimeLimit: 10 * 60_000 })
    if (details.failed) {
      stats.failures.push({
        seed: details.seed,
        path: details.counterexamplePath ?? '',
        numRuns,
        counterexample: details.counterexample ? describeInput(details.counterexample[0]) : '(none)',
        error: details.errorInstance instanceof FuzzFailure ? failureText(details.errorInstance) : describeError(details.errorInstance),
      })
    }
    stats.elapsedMs = performance.now() - started
    await options.afterChunk?.(stats)
    if ((details.interrupted && !details.failed) || stats.inputs === before) break
  }
  return stats
}

function failureText(e: FuzzFailure): string {
  const cause = e.cause instanceof Error ? `\n${(e.cause.stack ?? '').split('\n').slice(0, 6).join('\n')}` : ''
  return `${e.message}${cause}`
}
