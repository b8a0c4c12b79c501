/**
 * Argon2id cost parameters: the defaults for new password slots, the floor a new
 * slot may not go under, and the ceiling a stored slot may not exceed.
 *
 * The parameters live in each password slot, so they can be raised later (a new
 * slot on the next password change) without breaking vaults written earlier.
 */

export interface Argon2Params {
  /** Memory in KiB (Argon2's `m`). */
  memoryKiB: number
  /** Passes over memory (Argon2's `t`). */
  iterations: number
  /** Lanes (Argon2's `p`). Argon2id here (argon2id.ts) computes lanes one after another. */
  parallelism: number
}

/**
 * 64 MiB, t=3: RFC 9106 §4's second recommended option, with p=1 because
 * Argon2id runs on one thread, so extra lanes would only help an attacker with
 * parallel hardware. Measured ≈ 270 ms in Node 20 on the development machine.
 */
export const DEFAULT_ARGON2: Readonly<Argon2Params> = Object.freeze({
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 1,
})

/**
 * OWASP Password Storage Cheat Sheet minimum for Argon2id: m=19 MiB, t=2, p=1.
 * New slots never go below it. Stored slots are not held to it (a later floor
 * must not lock people out of vaults written under an earlier one); a weakened
 * stored slot only makes unlocking fail, because the KEK changes with it.
 */
export const MIN_NEW_ARGON2: Readonly<Argon2Params> = Object.freeze({
  memoryKiB: 19456,
  iterations: 2,
  parallelism: 1,
})

/**
 * Ceiling for parameters read from storage, so that a tampered vault cannot make
 * the service worker allocate gigabytes or spin for minutes before it fails.
 * 1 GiB at t=1 measured ≈ 3 s here; the work cap (memory × passes ≤ 4 GiB) keeps
 * the worst case near 12 s, still ~20× the default.
 */
const MAX_ARGON2: Readonly<Argon2Params> = Object.freeze({
  memoryKiB: 1024 * 1024,
  iterations: 20,
  parallelism: 16,
})
const MAX_ARGON2_WORK_KIB = 4 * 1024 * 1024

/** Salt length written in new slots (RFC 9106 §3.1: 128 bits suffice). */
export const SALT_BYTES = 16
/** Accepted salt lengths when reading (RFC 9106 §3.1 requires at least 8 bytes). */
export const MIN_SALT_BYTES = 16
export const MAX_SALT_BYTES = 64

/**
 * Describes why `p` is outside what Argon2 and the ceiling allow, or returns
 * null. The lower bounds are Argon2's own (RFC 9106 §3.1: m ≥ 8·p KiB).
 */
export function argon2ParamsProblem(p: Argon2Params): string | null {
  const { memoryKiB: m, iterations: t, parallelism: par } = p
  if (!Number.isSafeInteger(par) || par < 1 || par > MAX_ARGON2.parallelism) {
    return `parallelism must be an integer from 1 to ${MAX_ARGON2.parallelism}`
  }
  if (!Number.isSafeInteger(t) || t < 1 || t > MAX_ARGON2.iterations) {
    return `iterations must be an integer from 1 to ${MAX_ARGON2.iterations}`
  }
  if (!Number.isSafeInteger(m) || m < 8 * par || m > MAX_ARGON2.memoryKiB) {
    return `memoryKiB must be an integer from ${8 * par} to ${MAX_ARGON2.memoryKiB}`
  }
  if (m * t > MAX_ARGON2_WORK_KIB) return `memoryKiB × iterations must not exceed ${MAX_ARGON2_WORK_KIB}`
  return null
}

/** Like `argon2ParamsProblem`, and also enforces the floor for new slots. */
export function newArgon2ParamsProblem(p: Argon2Params): string | null {
  const problem = argon2ParamsProblem(p)
  if (problem !== null) return problem
  if (p.memoryKiB < MIN_NEW_ARGON2.memoryKiB || p.iterations < MIN_NEW_ARGON2.iterations) {
    return `new slots need at least ${MIN_NEW_ARGON2.memoryKiB} KiB and ${MIN_NEW_ARGON2.iterations} iterations (OWASP minimum)`
  }
  return null
}
