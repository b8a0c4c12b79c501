/**
 * How many accounts the browser's sync area holds, for the engine to say so before it tries
 * (SYNC_TOO_BIG, "about $1 of them would: use a WebDAV folder") rather than fail half-way.
 * Every account is one record file, and so is every deletion until it is dropped (a tombstone):
 * the engine compares the result with both together.
 *
 * `recordBytes` and `headerBytes` are what the files cost in the area, as `fileBytes`
 * (sync-area-items.ts) measures them: a sealed record of the usual 2 KiB bucket costs 3,056
 * bytes, the header about 600, so 33 accounts fit in Chrome's 100 KiB (QUOTA_BYTES).
 * Items are never what runs out: MAX_ITEMS (512) at one item per record would need records
 * of 200 bytes, and a record is at least 2 KiB before it is even encrypted (padding,
 * docs/sync.md). Records in a larger bucket cost more: pass the largest, or the mean, as the
 * message needs.
 */
import { CHROME_SYNC_LIMITS, type SyncAreaLimits } from './sync-area-items.ts'

export function accountsThatFit(
  recordBytes: number,
  headerBytes: number,
  limits: Pick<SyncAreaLimits, 'QUOTA_BYTES' | 'MAX_ITEMS'> = CHROME_SYNC_LIMITS,
): number {
  if (!(recordBytes > 0) || !(headerBytes >= 0)) throw new RangeError('accountsThatFit: sizes must be positive.')
  const byBytes = Math.floor((limits.QUOTA_BYTES - headerBytes) / recordBytes)
  return Math.max(0, Math.min(byBytes, limits.MAX_ITEMS - 1))
}
