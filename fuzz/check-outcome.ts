/**
 * The property every target must hold for every input: the entry point
 * returns a value or throws/rejects a KeyfobError (never INTERNAL, which
 * importBackup uses to wrap an importer's unexpected crash), within the
 * target's time bound, and what comes out is at most linear in what went in.
 *
 * Why an output bound: parsers here never decompress, so a result (accounts,
 * skipped rows, warnings) or an error message much larger than the file can
 * only come from an allocation driven by a number in the file (a length, a
 * count, a counter echoed in full) instead of by its size. 64× the input
 * leaves room for the largest honest expansion (a two-byte line "x\n" becomes
 * a ~70-byte skipped row), plus 64 KiB for fixed text. The long run adds a
 * heap check across batches (run-worker.ts) for what a result does not show.
 */
import { isKeyfobError, type ErrorCode } from '../src/core/errors.ts'
import { timeLimitFor, type FuzzTarget, type PreparedTarget } from './fuzz-target.ts'
import { sizeWithin } from './size-within.ts'

const OUTPUT_FACTOR = 64
const OUTPUT_SLACK = 64 * 1024

export type Outcome = { kind: 'value' } | { kind: 'error'; code: ErrorCode }

/** A broken property, with what broke it; anything else thrown out of checkOutcome is a harness bug. */
export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure'
}

/**
 * `timeScale` widens the time bound: the CI slice runs beside other suites on shared cores, where a
 * bound meant to catch hangs and quadratic blow-ups must not trip on scheduling noise.
 */
export async function checkOutcome<I>(
  target: FuzzTarget,
  prepared: PreparedTarget<I>,
  input: I,
  timeScale = 1,
): Promise<{ outcome: Outcome; ms: number }> {
  const inputSize = prepared.sizeOf(input)
  const bound = OUTPUT_FACTOR * inputSize + OUTPUT_SLACK
  const timeLimit = timeLimitFor(target, inputSize) * timeScale
  const start = performance.now()
  let outcome: Outcome
  try {
    const value = await settleWithin(() => prepared.run(input), timeLimit * 4)
    const size = sizeWithin(value, bound)
    if (size > bound) throw new FuzzFailure(`returned a value of more than ${bound} units (64× the input + 64 KiB)`)
    outcome = { kind: 'value' }
  } catch (e) {
    if (e instanceof FuzzFailure) throw e
    if (!isKeyfobError(e) || e.code === 'INTERNAL') throw new FuzzFailure(`threw ${describeError(e)}`, { cause: e })
    if (e.message.length > bound) throw new FuzzFailure(`threw ${e.code} with a ${e.message.length}-character message`)
    outcome = { kind: 'error', code: e.code }
  }
  const ms = performance.now() - start
  if (ms > timeLimit)
    throw new FuzzFailure(`took ${ms.toFixed(0)} ms for ${inputSize} units of input (the bound is ${timeLimit.toFixed(0)} ms)`)
  return { outcome, ms }
}

/** Runs `run`; a promise that has not settled after `ms` is a failure (an async hang). */
async function settleWithin<T>(run: () => T, ms: number): Promise<Awaited<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FuzzFailure(`did not settle within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([Promise.resolve().then(run), hang])
  } finally {
    clearTimeout(timer)
  }
}

export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = isKeyfobError(e) ? ` ${e.code}` : ''
    const cause = e.cause instanceof Error ? ` (cause: ${e.cause.name}: ${e.cause.message.slice(0, 200)})` : ''
    return `${e.name}${code}: ${e.message.slice(0, 300)}${cause}`
  }
  return `a non-Error value: ${String(e).slice(0, 200)}`
}
