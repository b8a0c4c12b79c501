/**
 * The browser's limit on writes to its sync area, kept on this side so a write is refused
 * before it starts rather than cut off half-way. Chrome allows MAX_WRITE_OPERATIONS_PER_MINUTE
 * (120) and MAX_WRITE_OPERATIONS_PER_HOUR (1,800) `set`, `remove` or `clear` calls, each call one
 * operation however many items it holds, and refuses the call past either ("This request
 * exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota."): Chrome's storage API documentation,
 * https://developer.chrome.com/docs/extensions/reference/api/storage#property-sync
 *
 * Chrome counts in fixed windows that open at a window's first call (its QuotaService's
 * TimedLimit); this counts in sliding windows, which is stricter: no minute (or hour) ever
 * holds more calls here than the limit, so neither does any of Chrome's. Each window is
 * counted 2 s longer than it is, for the time the calls themselves take to reach the browser.
 *
 * What this cannot see (calls made before the worker restarted) the browser refuses itself;
 * browser-sync-remote.ts then blocks writes here until the refusal has passed.
 */
import { RemoteBusy } from './sync-remote.ts'

export interface WriteBudget {
  /** Takes `calls` write operations now, or throws RemoteBusy (taking none) with when there will be room. */
  take(calls: number): void
  /** The browser refused a write for its rate limit: refuse every write until `until` (ms). */
  blockUntil(until: number): void
}

const SLACK_MS = 2_000
const MINUTE_MS = 60_000 + SLACK_MS
const HOUR_MS = 3_600_000 + SLACK_MS

export function createWriteBudget(limits: { perMinute: number; perHour: number }, now: () => number): WriteBudget {
  /** When each call this hour was taken, oldest first. */
  let taken: number[] = []
  let blocked = 0
  return {
    take(calls) {
      const t = now()
      if (blocked > t)
        throw new RemoteBusy(
          `The browser limits how often its sync storage is written: Keyfob waits ${Math.ceil((blocked - t) / 1000)} s.`,
          blocked - t,
        )
      taken = taken.filter((at) => at > t - HOUR_MS)
      let wait = 0
      for (const [window, limit, what] of [
        [MINUTE_MS, limits.perMinute, 'a minute'],
        [HOUR_MS, limits.perHour, 'an hour'],
      ] as const) {
        const inWindow = taken.filter((at) => at > t - window)
        const excess = inWindow.length + calls - limit
        if (excess <= 0) continue
        // Room comes when the excess-th oldest call of the window leaves it.
        const frees = inWindow[excess - 1]
        if (frees === undefined)
          throw new RemoteBusy(`A write needs ${calls} operations, more than the ${limit} the browser allows in ${what}.`, window)
        wait = Math.max(wait, frees + window - t)
      }
      if (wait > 0)
        throw new RemoteBusy(
          `The browser allows only ${limits.perMinute} writes a minute and ${limits.perHour} an hour to its sync storage: Keyfob waits ${Math.ceil(wait / 1000)} s.`,
          wait,
        )
      for (let i = 0; i < calls; i++) taken.push(t)
    },
    blockUntil(until) {
      blocked = Math.max(blocked, until)
    },
  }
}
