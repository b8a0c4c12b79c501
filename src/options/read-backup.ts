/**
 * Reads a chosen file into accounts: Keyfob's own backup, or another app's
 * through the importers. Runs in the import page's worker (import-worker.ts),
 * so no parsing or key derivation ever blocks the page.
 */
import { KeyfobError, isKeyfobError } from '../core/errors.ts'
import { importKeyfobBackup, isKeyfobBackupJson } from '../core/export/index.ts'
import { importBackup, type ImportResult } from '../core/import/index.ts'
import type { FormatId, ImportOptions } from '../core/import/import-result.ts'
import { checkFileSize, parseJsonBytes } from '../core/import/read-json.ts'

/** Displayed results: a foreign format, or Keyfob's own backup. */
export type ReadBackup = Omit<ImportResult, 'format' | 'entries'> & {
  format: FormatId | 'keyfob-backup'
  entries: (ImportResult['entries'][number] & { sites?: string[] })[]
}

/** Keyfob's own encrypted backup, restored with everything it holds (order, counters, tags, sites); null for other files. */
async function restoreKeyfobBackup(bytes: Uint8Array, password: string | undefined): Promise<ReadBackup | null> {
  checkFileSize(bytes) // before any parsing, the bound every importer applies
  let json: unknown
  try {
    json = parseJsonBytes(bytes) // with the importers' depth bound
  } catch {
    return null
  }
  if (!isKeyfobBackupJson(json)) return null
  let accounts
  try {
    ;({ accounts } = await importKeyfobBackup(bytes, password))
  } catch (e) {
    // Name the format, as the other importers do, so the password prompt says whose backup this is.
    if (isKeyfobError(e, 'PASSWORD_REQUIRED') || isKeyfobError(e, 'WRONG_PASSWORD'))
      throw new KeyfobError(e.code, e.message, { cause: { format: 'keyfob-backup' } })
    throw e
  }
  const entries = [...accounts].sort((a, b) => a.order - b.order)
  return { format: 'keyfob-backup', entries, skipped: [], warnings: [] }
}

export async function readBackup(bytes: Uint8Array, options: ImportOptions): Promise<ReadBackup> {
  return (await restoreKeyfobBackup(bytes, options.password)) ?? (await importBackup(bytes, options))
}
