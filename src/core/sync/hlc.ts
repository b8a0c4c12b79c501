/**
 * Hybrid logical clocks (Kulkarni, Demirbas, Madappa, Avva, Leone, "Logical Physical Clocks and
 * Consistent Snapshots in Globally Distributed Databases", OPODIS 2014): a timestamp that
 * stays close to the wall clock, yet never goes backwards and always orders an event after
 * everything its device had seen, even when devices' clocks disagree. Sync stamps each register
 * with one (sync-state.ts), so "the later edit wins" means later in this order, not in any one
 * device's possibly wrong clock.
 *
 * Pure: the caller passes its wall clock (`now`, Unix ms) and keeps the last clock it issued.
 */
import type { Hlc } from './sync-state.ts'

/**
 * How far ahead of this device's wall clock a remote clock may be and still move this device's
 * clock. The paper assumes clocks within some ε of true time; a clock beyond that is a fault, which
 * is contained here by not adopting it. One day is far beyond any real clock error (NTP keeps clocks within seconds, and a wrong time zone is
 * at most 14 hours), and small enough that a device whose clock says 2099 cannot drag every other
 * device's clock — and so every later edit's stamp — into 2099 with it.
 */
export const MAX_CLOCK_DRIFT_MS = 24 * 60 * 60 * 1000

/**
 * The total order of clocks: wall time, then the counter, then the device id (code-unit order, so
 * every device agrees whatever its locale). Two different devices never issue equal clocks, so
 * concurrent writes to one register always have a winner that every device picks alike.
 */
export function compareHlc(a: Hlc, b: Hlc): -1 | 0 | 1 {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1
  if (a.count !== b.count) return a.count < b.count ? -1 : 1
  if (a.device !== b.device) return a.device < b.device ? -1 : 1
  return 0
}

/** The greater of two clocks. */
export function maxHlc(a: Hlc, b: Hlc): Hlc {
  return compareHlc(a, b) >= 0 ? a : b
}

/** Whether `remote` is further ahead of `now` than MAX_CLOCK_DRIFT_MS. */
export function isTooFarAhead(remote: Hlc, now: number): boolean {
  return remote.wall > now + MAX_CLOCK_DRIFT_MS
}

/**
 * The clock of a local event (an edit, a deletion) after `last`, the last clock this device issued
 * or received (undefined on a device's first event): the paper's "send or local event".
 */
export function tickHlc(last: Hlc | undefined, now: number, device: string): Hlc {
  if (last === undefined || now > last.wall) return { wall: now, count: 0, device }
  return { wall: last.wall, count: last.count + 1, device }
}

/**
 * This device's clock after receiving `remote` (a clock read from another device's record): after
 * both `last` and `remote`, so any edit made next wins over what was received. A remote clock more
 * than MAX_CLOCK_DRIFT_MS ahead of `now` is not taken in: the result is a local tick, as if nothing
 * were received (the record carrying it should be refused until then: see isTooFarAhead).
 */
export function receiveHlc(last: Hlc | undefined, remote: Hlc, now: number, device: string): Hlc {
  if (isTooFarAhead(remote, now)) return tickHlc(last, now, device)
  const lastWall = last?.wall ?? Number.NEGATIVE_INFINITY
  const wall = Math.max(lastWall, remote.wall, now)
  let count = 0
  if (last !== undefined && wall === lastWall && wall === remote.wall) count = Math.max(last.count, remote.count) + 1
  else if (last !== undefined && wall === lastWall) count = last.count + 1
  else if (wall === remote.wall) count = remote.count + 1
  return { wall, count, device }
}
