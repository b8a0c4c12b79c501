/**
 * interpretScan for texts with no page behind them (an image file, the QR
 * corpus, the fuzzer): the same reading, without sites.
 */
import type { AccountFields } from '../types.ts'
import type { MigrationBatch } from '../uri/migration-schema.ts'
import { interpretScan, type ScanInterpretation } from './interpret-scan.ts'
import { readScannedText } from './read-scanned-text.ts'

export function interpretQrTexts(
  texts: readonly string[],
  batches: readonly MigrationBatch[],
): { result: Omit<ScanInterpretation, 'accounts'> & { accounts: AccountFields[] }; batches: MigrationBatch[] } {
  const { result, parts } = interpretScan(
    texts.map((text) => ({ text, site: null, read: readScannedText(text) })),
    batches.map((batch) => ({ batch, site: null })),
  )
  return { result: { ...result, accounts: result.accounts.map((a) => a.fields) }, batches: parts.map((p) => p.batch) }
}
