import { maxHlc } from './hlc.ts'
import type { Hlc, SyncRecord } from './sync-state.ts'
import { isTombstone } from './sync-state.ts'

/**
 * The latest clock in a record: what this device's clock must move past on receiving it
 * (receiveHlc), so that its next edit of any field wins over the one received; and what is
 * checked against the drift bound before the record is taken in (isTooFarAhead).
 */
export function recordClock(record: SyncRecord): Hlc {
  if (isTombstone(record)) return record.deleted.at
  return [record.issuer, record.account, record.tags, record.pinned, record.order, record.sites].reduce(
    (latest, register) => maxHlc(latest, register.at),
    record.deleted.at,
  )
}
