/**
 * Gathers entries, skipped rows and warnings while a parser walks a file.
 * Entry-level problems (a bad key, an unsupported type or algorithm) skip that
 * entry with its reason; anything else (a structural INVALID_FILE, a wrong
 * password) propagates and fails the whole import.
 */
import { ACCOUNT_ERROR_CODES, KeyfobError, isKeyfobError, type ErrorCode } from '../errors.ts'
import type { FormatId, ImportedEntry, ImportResult, SkippedEntry } from './import-result.ts'
import { MAX_ENTRIES } from './limits.ts'

const ENTRY_LEVEL: ReadonlySet<ErrorCode> = new Set<ErrorCode>(ACCOUNT_ERROR_CODES)

export class ImportCollector {
  readonly entries: ImportedEntry[] = []
  readonly skipped: SkippedEntry[] = []
  readonly warnings: string[] = []

  constructor(readonly format: FormatId) {}

  /** Runs `build` for one entry; `undefined` means "not an account, ignore". */
  attempt(name: string, build: () => ImportedEntry | undefined): void {
    this.checkCount()
    try {
      const entry = build()
      if (entry) this.entries.push(entry)
    } catch (e) {
      if (!isEntryError(e)) throw e
      this.skip(name, e.message)
    }
  }

  async attemptAsync(name: string, build: () => Promise<ImportedEntry | undefined>): Promise<void> {
    this.checkCount()
    try {
      const entry = await build()
      if (entry) this.entries.push(entry)
    } catch (e) {
      if (!isEntryError(e)) throw e
      this.skip(name, e.message)
    }
  }

  skip(name: string, reason: string): void {
    this.checkCount()
    this.skipped.push({ name, reason })
  }

  /** Adds a warning once, however many entries trigger it. */
  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message)
  }

  result(): ImportResult {
    if (this.entries.length === 0 && this.skipped.length === 0) this.warn('The file holds no accounts.')
    return { format: this.format, entries: this.entries, skipped: this.skipped, warnings: this.warnings }
  }

  private checkCount(): void {
    if (this.entries.length + this.skipped.length >= MAX_ENTRIES) {
      throw new KeyfobError('INVALID_FILE', `The file holds more than ${MAX_ENTRIES} accounts.`)
    }
  }
}

function isEntryError(e: unknown): e is KeyfobError {
  return isKeyfobError(e) && ENTRY_LEVEL.has(e.code)
}
