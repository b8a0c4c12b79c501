import { KeyfobError } from '../errors.ts'
import { MAX_BATCH_SIZE, type MigrationAccount, type MigrationBatch } from './migration-schema.ts'

export interface MigrationBatchProgress {
  /** The export's batch_id (null when no QR code carried one, or none was given). */
  batchId: number | null
  /** Distinct QR codes of the export seen so far. */
  seen: number
  /** QR codes in the export (batch_size; 1 for old exports without one); 0 before the first. */
  total: number
  complete: boolean
  /** 0-based batch indices not seen yet, ascending (Aegis `Export.getMissingIndices`). */
  missing: number[]
  /** Accounts of every QR code seen so far, in batch_index order. */
  accounts: MigrationAccount[]
}

/**
 * A pure tracker for exports that span several QR codes (migration.md,
 * "Batches"): give it every batch scanned so far, in any order, repeats
 * allowed, and it reports what is still missing. Keep the list in the caller,
 * e.g. `progress = collectMigrationBatches([...scanned, next])`.
 *
 * Absent proto3 fields read as their zero values when comparing: a missing
 * batch_id is 0, a missing or 0 batch_size is a single QR code (2FAuth sample).
 * Throws INVALID_MIGRATION when the batches come from different exports
 * (batch_id or batch_size disagree) or an index lies outside the export, so a
 * caller can refuse the QR code just scanned and keep the others.
 */
export function collectMigrationBatches(batches: readonly MigrationBatch[]): MigrationBatchProgress {
  const first = batches[0]
  if (first === undefined) return { batchId: null, seen: 0, total: 0, complete: false, missing: [], accounts: [] }
  const total = sizeOf(first)
  // decodeMigrationUri refuses larger exports already; the walk below is O(total), so check again.
  if (total > MAX_BATCH_SIZE)
    throw new KeyfobError('INVALID_MIGRATION', `An export of ${total} QR codes is more than Keyfob reads (${MAX_BATCH_SIZE}).`)
  const byIndex = new Map<number, MigrationBatch>()
  for (const batch of batches) {
    if ((batch.batchId ?? 0) !== (first.batchId ?? 0) || sizeOf(batch) !== total) {
      throw new KeyfobError('INVALID_MIGRATION', 'This QR code belongs to a different export.')
    }
    const index = batch.batchIndex ?? 0
    if (!Number.isInteger(index) || index < 0 || index >= total) {
      throw new KeyfobError('INVALID_MIGRATION', `QR code ${index + 1} cannot belong to an export of ${total}.`)
    }
    // The same QR code scanned twice counts once.
    if (!byIndex.has(index)) byIndex.set(index, batch)
  }
  const missing: number[] = []
  const accounts: MigrationAccount[] = []
  for (let i = 0; i < total; i++) {
    const batch = byIndex.get(i)
    if (batch === undefined) missing.push(i)
    else accounts.push(...batch.accounts)
  }
  const batchId = batches.find((b) => b.batchId !== null)?.batchId ?? null
  return { batchId, seen: byIndex.size, total, complete: missing.length === 0, missing, accounts }
}

function sizeOf(batch: MigrationBatch): number {
  return batch.batchSize === null || batch.batchSize <= 0 ? 1 : batch.batchSize
}
