/**
 * What a fuzz target is: a name, how to build its inputs, and the real entry
 * point it calls. Targets are prepared asynchronously because some seeds are
 * encrypted backups that take a (cheap) key derivation to build.
 */
import type fc from 'fast-check'
import type { SizeOptions } from './mutate-bytes.ts'

export interface PreparedTarget<I> {
  /** Fully random inputs of the right general shape, mixed with mutations of valid seeds. */
  arbitrary: fc.Arbitrary<I>
  /** Calls the product's entry point; returns its value, or throws/rejects. */
  run: (input: I) => unknown
  /** Bytes (or UTF-16 units, or JSON characters) in the input, for the output bound. */
  sizeOf: (input: I) => number
}

export interface FuzzTarget<I = unknown> {
  name: string
  /** The entry point(s) called, for the report. */
  entry: string
  /**
   * Upper bound on one input's wall time, before the allowance per byte
   * (TIME_PER_KIB_MS). Parsers get a second: small inputs take well under a
   * millisecond, so only a hang or exponential work trips it. Targets whose
   * inputs may legitimately run a key derivation get more (below).
   */
  timeLimitMs: number
  /** Share of the long run's inputs, relative to other targets (cost-weighted). */
  weight: number
  /** Inputs per CI run (fuzz.test.ts). */
  ciRuns: number
  prepare: (size: SizeOptions) => Promise<PreparedTarget<I>>
}

export const PARSER_TIME_LIMIT_MS = 1_000
/**
 * For inputs that may run a key derivation the file chooses: the largest one
 * import/limits.ts (or the vault's Argon2 ceiling) allows takes 4–12 s idle,
 * and 31 s was seen for 10 million PBKDF2 rounds on 2 cores at load 5. A
 * derivation past those limits (billions of rounds, gigabytes) takes hours,
 * so 60 s still catches one while a busy machine passes.
 */
export const FILE_KDF_TIME_LIMIT_MS = 60_000
/** For formats whose KDF is fixed and moderate (2FAS, Proton, Authenticator v8). */
export const FIXED_KDF_TIME_LIMIT_MS = 5_000

/**
 * Time allowed per KiB of input on top of `timeLimitMs`: about ten times what
 * the linear parsers take on an idle machine (≈ 0.4 ms per KiB for a long URI
 * list), so a machine shared with other work passes, while quadratic work
 * (seconds already at 100 KiB) does not.
 */
const TIME_PER_KIB_MS = 4

export function timeLimitFor(target: Pick<FuzzTarget, 'timeLimitMs'>, inputSize: number): number {
  return target.timeLimitMs + (TIME_PER_KIB_MS * inputSize) / 1024
}

export function defineTarget<I>(target: FuzzTarget<I>): FuzzTarget<unknown> {
  return target as unknown as FuzzTarget<unknown>
}
