/**
 * What a scan found, from the QR codes decoded in an image, each with the site
 * that showed it. Only `otpauth://`, `otpauth-migration://` and `steam://` are
 * two-factor setup codes; anything else is counted, never added. A Google
 * Authenticator export spread over several QR codes is collected scan after scan
 * until every part is there (../shared/spec/migration.md, "Batches").
 */
import type { AccountFields } from '../types.ts'
import { collectMigrationBatches, type MigrationBatchProgress } from '../uri/collect-migration-batches.ts'
import type { MigrationBatch } from '../uri/migration-schema.ts'
import type { ScannedText } from './read-scanned-text.ts'

/** A decoded QR code and the registrable domain of what drew it (null: no page, another site, or unknown). */
export interface ScannedCode {
  text: string
  site: string | null
}

/** A scanned code with what its text is (readScannedText, run in the background job worker). */
export interface ReadCode extends ScannedCode {
  read: ScannedText
}

/** One part of a migration export seen so far, with the site that showed it. */
export interface ExportPart {
  batch: MigrationBatch
  site: string | null
}

export interface ScannedAccount {
  fields: AccountFields
  /** The site that showed it; for an export, the one site that showed every part (else null). */
  site: string | null
  /** From a migration export (a transfer from another app), not a site's own setup code. */
  fromExport: boolean
}

export interface ScanInterpretation {
  /** Accounts ready to confirm: single setup codes, and migration exports once complete. */
  accounts: ScannedAccount[]
  /** A migration export still missing parts ("2 of 3 codes scanned"), or null. */
  pendingExport: Pick<MigrationBatchProgress, 'seen' | 'total' | 'missing'> | null
  /** QR codes that are not two-factor setup codes. */
  notTwoFactor: number
  /** Setup codes that could not be read, with the reason. */
  invalid: string[]
}

/**
 * `parts`: migration parts seen in earlier scans (the caller keeps them); the
 * returned `parts` replaces it (emptied once an export is complete).
 */
export function interpretScan(
  codes: readonly ReadCode[],
  parts: readonly ExportPart[],
): { result: ScanInterpretation; parts: ExportPart[] } {
  const result: ScanInterpretation = { accounts: [], pendingExport: null, notTwoFactor: 0, invalid: [] }
  let seen = [...parts]
  const done = new Set<string>()
  for (const { text, site, read } of codes) {
    // The same code twice in one image counts once (and is bound only if every copy came from the same site).
    if (done.has(text)) continue
    done.add(text)
    const shownBy = codes.every((c) => c.text !== text || c.site === site) ? site : null
    if (read.kind === 'other') result.notTwoFactor++
    else if (read.kind === 'invalid') result.invalid.push(read.message)
    else if (read.kind === 'migration') {
      // A part of another export starts a new collection rather than mixing the two.
      if (seen.length > 0 && seen[0]?.batch.batchId !== read.batch.batchId) seen = []
      seen.push({ batch: read.batch, site: shownBy })
    } else result.accounts.push({ fields: read.fields, site: shownBy, fromExport: false })
  }
  if (seen.length > 0) {
    const progress = collectMigrationBatches(seen.map((p) => p.batch))
    if (progress.complete) {
      const first = seen[0]?.site ?? null
      const site = seen.every((p) => p.site === first) ? first : null
      result.accounts.push(...progress.accounts.map(({ name: _n, ...fields }) => ({ fields, site, fromExport: true })))
      seen = []
    } else {
      result.pendingExport = { seen: progress.seen, total: progress.total, missing: progress.missing }
    }
  }
  return { result, parts: seen }
}
