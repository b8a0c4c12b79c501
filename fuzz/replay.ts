/**
 * Replays one failure of the long run in this thread: FUZZ_REPLAY='target seed path numRuns'
 * (as printed; fields are separated by spaces, since names and paths contain ':'). Without a
 * path ('-': a hang or a crash of the worker), every input of the chunk is printed before it
 * runs, so the last one printed is the culprit.
 */
import fc from 'fast-check'
import { checkOutcome, describeError } from './check-outcome.ts'
import { describeInput } from './describe-input.ts'
import { TARGETS } from './targets.ts'

export async function replay(spec: string, longBytes: number): Promise<number> {
  const [name, seedText, pathText, runsText] = spec.trim().split(/\s+/)
  const path = pathText === '-' ? '' : pathText
  const target = TARGETS.find((t) => t.name === name)
  if (!target) throw new Error(`FUZZ_REPLAY: no target named '${name}'`)
  const prepared = await target.prepare({ maxLongBytes: longBytes })
  const verbose = !path
  const details = await fc.check(
    fc.asyncProperty(prepared.arbitrary, async (input) => {
      if (verbose) process.stderr.write(`${describeInput(input, 400)}\n`)
      await checkOutcome(target, prepared, input)
    }),
    { seed: Number(seedText), numRuns: Number(runsText || 1000), ...(path ? { path, endOnFailure: true } : {}) },
  )
  if (!details.failed) {
    console.log(`${name}: no failure with seed ${seedText}${path ? ` and path ${path}` : ''}.`)
    return 0
  }
  console.log(`${name} fails on: ${describeInput(details.counterexample?.[0], 20_000)}`)
  console.log(describeError(details.errorInstance))
  const cause = (details.errorInstance as Error | undefined)?.cause
  if (cause instanceof Error) console.log(cause.stack)
  return 1
}
