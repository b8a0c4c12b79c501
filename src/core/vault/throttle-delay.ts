/**
 * How long to refuse password attempts after consecutive failures. The browser
 * layer keeps the failure count and the time of the last failure in
 * storage.local (not storage.session, so restarting the browser does not reset
 * it), clears both on success, and refuses attempts with THROTTLED until
 * `lastFailureAt + throttleDelay(failures)` has passed.
 *
 * Schedule: the first 4 failures cost nothing (typos happen); after the 5th the
 * next attempt waits 30 s, and each further failure doubles the wait, capped at
 * 1 hour (reached at the 12th). Argon2id already makes each guess cost ~¼ s; this
 * bounds online guessing through the UI to about 24 a day once the cap is reached
 * (NIST SP 800-63B §5.2.2 asks for at most 100 consecutive failures).
 * It cannot slow down an attacker who copies the stored vault: that is what the
 * KDF cost is for.
 */
import { KeyfobError } from '../errors.ts'

/** Failures after which waiting starts (the issue: "after 5 failures, an increasing delay"). */
const FREE_FAILURES = 5
const FIRST_DELAY_MS = 30_000
const MAX_DELAY_MS = 3_600_000

/** Milliseconds to wait before the next attempt, given the consecutive failures so far. */
export function throttleDelay(failures: number): number {
  if (!Number.isSafeInteger(failures) || failures < 0) {
    throw new KeyfobError('INVALID_PARAMETER', `failures must be a non-negative integer, not ${failures}.`)
  }
  if (failures < FREE_FAILURES) return 0
  const doublings = failures - FREE_FAILURES
  // Compare exponents rather than computing 2^doublings, which overflows for large counts.
  if (doublings >= Math.log2(MAX_DELAY_MS / FIRST_DELAY_MS)) return MAX_DELAY_MS
  return FIRST_DELAY_MS * 2 ** doublings
}
