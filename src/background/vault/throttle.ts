/**
 * Wrong-password throttling. The count lives in storage.local so that neither a
 * service-worker restart nor a browser restart resets it; the schedule itself is
 * the pure `throttleDelay` (docs/vault-format.md).
 *
 * Every password check goes through `attempt`, one at a time: checking the wait,
 * running the KDF and recording the outcome is one step. Run side by side, many
 * requests would all pass the check before the first failure was stored (and
 * their read-modify-writes of the count would overwrite each other).
 */
import { KeyfobError, isKeyfobError } from '../../core/errors.ts'
import { throttleDelay } from '../../core/vault/index.ts'
import { LOCAL } from '../../shared/storage-keys.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import { watchedKey, type WatchedKey } from '../watched-key.ts'

export interface ThrottleState {
  failures: number
  /** When the next attempt is allowed (Unix ms), or null when it is allowed now. */
  retryAt: number | null
}

interface Stored {
  failures: number
  lastFailureAt: number
}

function isStored(v: unknown): v is Stored {
  const s = v as Stored | undefined
  return typeof s?.failures === 'number' && Number.isInteger(s.failures) && s.failures >= 0 && typeof s.lastFailureAt === 'number'
}

export class Throttle {
  /** The attempt running now and those waiting behind it. */
  private queue: Promise<unknown> = Promise.resolve()
  /** Read on every popup opening (the status shows the wait): kept between reads while unchanged. */
  private readonly stored: WatchedKey

  constructor(
    local: KeyValueArea,
    private readonly now: () => number,
  ) {
    this.stored = watchedKey(local, LOCAL.throttle)
  }

  async state(): Promise<ThrottleState> {
    const raw = await this.stored.read()
    // A damaged record must not unlock unlimited guessing: treat it as the lock-out maximum's start.
    const stored: Stored =
      raw === undefined ? { failures: 0, lastFailureAt: 0 } : isStored(raw) ? raw : { failures: 13, lastFailureAt: this.now() }
    const delay = throttleDelay(stored.failures)
    const retryAt = delay > 0 ? stored.lastFailureAt + delay : null
    return { failures: stored.failures, retryAt: retryAt !== null && retryAt > this.now() ? retryAt : null }
  }

  /**
   * Runs `tryPassword` once no other attempt is running and no wait is in force (THROTTLED
   * otherwise, without running it). WRONG_PASSWORD (or PASSKEY_REFUSED) from it counts as a failure; success clears
   * the count; any other error leaves the count alone. Never call it from inside `tryPassword`.
   */
  attempt<T>(tryPassword: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.counted(tryPassword))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async counted<T>(tryPassword: () => Promise<T>): Promise<T> {
    await this.check()
    let result: T
    try {
      result = await tryPassword()
    } catch (e) {
      // A passkey whose secret does not open its slot counts like a wrong password (docs/security.md).
      if (isKeyfobError(e, 'WRONG_PASSWORD') || isKeyfobError(e, 'PASSKEY_REFUSED')) await this.recordFailure()
      throw e
    }
    await this.reset()
    return result
  }

  /** Throws THROTTLED while a wait is in force. */
  private async check(): Promise<void> {
    const { retryAt } = await this.state()
    if (retryAt !== null) {
      const seconds = Math.ceil((retryAt - this.now()) / 1000)
      throw new KeyfobError('THROTTLED', `Too many wrong passwords. Try again in ${seconds} seconds.`, { values: [String(seconds)] })
    }
  }

  private async recordFailure(): Promise<void> {
    const { failures } = await this.state()
    await this.stored.write({ failures: failures + 1, lastFailureAt: this.now() })
  }

  private async reset(): Promise<void> {
    await this.stored.remove()
  }
}
