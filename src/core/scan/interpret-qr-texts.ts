/**
 * What a scan found, from the texts of the QR codes decoded in an image. Only
 * `otpauth://`, `otpauth-migration://` and `steam://` are two-factor setup codes;
 * anything else is counted, never added. A Google Authenticator export spread over
 * several QR codes is collected scan after scan until every part is there
 * (../shared/spec/migration.md, "Batches").
 */
import { isKeyfobError } from '../errors.ts'
import { classifyQrText } from '../qr/classify-qr-text.ts'
import type { AccountFields } from '../types.ts'
import { collectMigrationBatches, type MigrationBatchProgress } from '../uri/collect-migration-batches.ts'
import { decodeMigrationUri } from '../uri/decode-migration-uri.ts'
import type { MigrationBatch } from '../uri/migration-schema.ts'
import { parseOtpauthUri } from '../uri/parse-otpauth-uri.ts'

export interface ScanInterpretation {
  /** Accounts ready to confirm: single setup codes, and migration exports once complete. */
  accounts: AccountFields[]
  /** A migration export still missing parts ("2 of 3 codes scanned"), or null. */
  pendingExport: Pick<MigrationBatchProgress, 'seen' | 'total' | 'missing'> | null
  /** QR codes that are not two-factor setup codes. */
  notTwoFactor: number
  /** Setup codes that could not be read, with the reason. */
  invalid: string[]
}

/**
 * `batches`: migration parts seen in earlier scans (the caller keeps them); the
 * returned `batches` replaces it (emptied once an export is complete).
 */
export function interpretQrTexts(texts: readonly string[], batches: readonly MigrationBatch[]): { result: ScanInterpretation; batches: MigrationBatch[] } {
  const result: ScanInterpretation = { accounts: [], pendingExport: null, notTwoFactor: 0, invalid: [] }
  let parts = [...batches]
  for (const text of new Set(texts)) {
    const { kind } = classifyQrText(text)
    try {
      if (kind === 'other') result.notTwoFactor++
      else if (kind === 'migration') {
        const batch = decodeMigrationUri(text)
        // A part of another export starts a new collection rather than mixing the two.
        if (parts.length > 0 && parts[0]?.batchId !== batch.batchId) parts = []
        parts.push(batch)
      } else {
        const { issuerMismatch: _m, weak: _w, ...fields } = parseOtpauthUri(text)
        result.accounts.push(fields)
      }
    } catch (e) {
      if (!isKeyfobError(e)) throw e
      result.invalid.push(e.message)
    }
  }
  if (parts.length > 0) {
    const progress = collectMigrationBatches(parts)
    if (progress.complete) {
      result.accounts.push(...progress.accounts.map(({ name: _n, ...a }) => a))
      parts = []
    } else {
      result.pendingExport = { seen: progress.seen, total: progress.total, missing: progress.missing }
    }
  }
  return { result, batches: parts }
}
