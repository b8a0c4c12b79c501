/**
 * Text files with one URI per line: Ente Auth's plain export, Aegis' and the
 * Authenticator extension's text exports, WinAuth-style lists, and Google
 * Authenticator `otpauth-migration://` lines (backup-formats.md, "Format
 * sniffing"). Blank lines are ignored; any other line that is not a URI is
 * listed as skipped rather than silently dropped.
 */
import { collectMigrationBatches } from '../uri/collect-migration-batches.ts'
import { decodeMigrationUri } from '../uri/decode-migration-uri.ts'
import type { MigrationBatch } from '../uri/migration-schema.ts'
import { parseOtpauthUri } from '../uri/parse-otpauth-uri.ts'
import { percentDecode } from '../uri/percent-decode.ts'
import { isKeyfobError } from '../errors.ts'
import { ImportCollector } from './import-collector.ts'
import type { FormatId, ImportResult } from './import-result.ts'
import { readEnteCodeDisplay } from './ente-code-display.ts'
import { entryFromUri } from './make-entry.ts'

export function importUriList(text: string, format: FormatId = 'otpauth-uri-list'): ImportResult {
  const collector = new ImportCollector(format)
  collectUriLines(text, collector)
  return collector.result()
}

/** Adds every line of `text` to `collector` (also used for Ente's decrypted export). */
export function collectUriLines(text: string, collector: ImportCollector): void {
  const batches: MigrationBatch[] = []
  let lineNo = 0
  for (const raw of lines(text)) {
    lineNo++
    const line = raw.trim()
    if (line === '') continue
    const where = `Line ${lineNo}`
    if (/^otpauth-migration:/i.test(line)) {
      collector.attempt(`${where} (Google Authenticator export)`, () => {
        const batch = decodeMigrationUri(line)
        batches.push(batch)
        for (const { name: _name, ...account } of batch.accounts) {
          collector.attempt(where, () => entryFromUri({ ...account, issuerMismatch: false, weak: false }))
        }
        return undefined
      })
    } else if (/^(otpauth|steam):/i.test(line)) {
      collector.attempt(lineName(line, where), () => {
        const parsed = parseOtpauthUri(line)
        const display = readEnteCodeDisplay(parsed, collector, where)
        if (display === 'trashed') {
          collector.skip(lineName(line, where), "It is in Ente's trash.")
          return undefined
        }
        return entryFromUri(parsed, display)
      })
    } else {
      collector.skip(where, 'The line is not an otpauth:// URI.')
    }
  }
  warnIncompleteMigration(batches, collector)
}

/** Lines split at \n, \r\n or \r, without building one array of a huge file. */
function* lines(text: string): Generator<string> {
  const re = /\r\n|\n|\r/g
  let start = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    yield text.slice(start, m.index)
    start = m.index + m[0].length
  }
  yield text.slice(start)
}

/** "Line 3 (Deno:Mason)" from the URI's label, for a skipped row. */
function lineName(line: string, where: string): string {
  const m = /^[a-z]+:\/\/[^/?]*\/([^?]*)/i.exec(line)
  if (!m || m[1] === '') return where
  try {
    const label = percentDecode(m[1]!, { plusAsSpace: false, what: 'the label' })
    return `${where} (${label.length > 60 ? `${label.slice(0, 60)}…` : label})`
  } catch (e) {
    if (isKeyfobError(e)) return where
    throw e
  }
}

/** Google Authenticator splits big exports over several QR codes (migration.md, "Batches"). */
function warnIncompleteMigration(batches: MigrationBatch[], collector: ImportCollector): void {
  const byId = new Map<number, MigrationBatch[]>()
  for (const b of batches) byId.set(b.batchId ?? 0, [...(byId.get(b.batchId ?? 0) ?? []), b])
  for (const group of byId.values()) {
    try {
      const progress = collectMigrationBatches(group)
      if (!progress.complete) {
        const missing = progress.missing.map((i) => i + 1).join(', ')
        collector.warn(`The Google Authenticator export is incomplete: QR code(s) ${missing} of ${progress.total} are missing.`)
      }
    } catch (e) {
      if (!isKeyfobError(e)) throw e
      collector.warn(`The Google Authenticator export lines do not fit together: ${e.message}`)
    }
  }
}
