/**
 * Scans waiting for the person's Add, and the parts of a migration export being
 * collected, kept in storage.session so that they outlive the worker: Chrome stops
 * an idle worker after 30 s, and a person reading the scan panel takes longer.
 *
 * They hold secrets. storage.session is acceptable for them because it is held in
 * memory only (never written to disk) and cleared when the browser closes, and only
 * the extension's own pages and worker can read it: Keyfob never widens its access
 * level (setAccessLevel), so content scripts and pages cannot. It already holds the
 * unlocked vault's master key, which opens every secret Keyfob has. Each scan still
 * expires after ten minutes and belongs to the tab that scanned it (ScanService).
 */
import type { BindReason } from '../../core/scan/bind-scanned-accounts.ts'
import type { ExportPart } from '../../core/scan/interpret-scan.ts'
import type { AccountFields } from '../../core/types.ts'
import type { ScanPanel, ScanSource } from '../../shared/protocol.ts'
import { SESSION } from '../../shared/storage-keys.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import { watchedKey, type WatchedKey } from '../watched-key.ts'

export interface PendingScan {
  /** What Add will store, each with the site it will be bound to and why (bindScannedAccounts). */
  accounts: { fields: AccountFields; site: string | null; reason: BindReason }[]
  /** The tab whose page was scanned; null for the popup's own scans (image files). */
  tabId: number | null
  at: number
  /** Once added: the result, given again if the same Add arrives twice (its secrets are dropped by then). */
  added: ScanPanel | null
  /** Where the accounts came from, for the popup's heading (absent in scans stored before it was kept). */
  source?: ScanSource
}

/** storage.session holds JSON: a bigint HOTP counter travels as a decimal string. */
type Json<T> = { [K in keyof T]: T[K] extends bigint ? string : T[K] }
const toJson = <T extends { counter: bigint }>(a: T): Json<T> => ({ ...a, counter: a.counter.toString() }) as Json<T>
const fromJson = <T extends { counter: bigint }>(a: Json<T>): T => ({ ...a, counter: BigInt(a.counter) }) as unknown as T

interface StoredScan extends Omit<PendingScan, 'accounts'> {
  accounts: { fields: Json<AccountFields>; site: string | null; reason: BindReason }[]
}
type StoredPart = {
  batch: Omit<ExportPart['batch'], 'accounts'> & { accounts: Json<ExportPart['batch']['accounts'][number]>[] }
  site: string | null
}

export class PendingScans {
  constructor(
    private readonly area: KeyValueArea,
    /** The scans' key, read and written through one WatchedKey so that a kept value is never one this worker replaced. */
    private readonly scans: WatchedKey = watchedKey(area, SESSION.pendingScans),
  ) {}

  async all(): Promise<Map<string, PendingScan>> {
    // Shared with other readers: mapped into new objects, never modified.
    const stored = (await this.scans.read()) as Record<string, StoredScan> | undefined
    return new Map(
      Object.entries(stored ?? {}).map(([id, s]) => [
        id,
        { ...s, accounts: s.accounts.map((a) => ({ ...a, fields: fromJson<AccountFields>(a.fields) })) },
      ]),
    )
  }

  async save(scans: ReadonlyMap<string, PendingScan>): Promise<void> {
    if (scans.size === 0) return this.scans.remove()
    const stored: Record<string, StoredScan> = {}
    for (const [id, s] of scans) stored[id] = { ...s, accounts: s.accounts.map((a) => ({ ...a, fields: toJson(a.fields) })) }
    await this.scans.write(stored)
  }

  /** The export parts scanned so far, and when the last one was. */
  async parts(): Promise<{ parts: ExportPart[]; at: number }> {
    const stored = (await this.area.get([SESSION.scanParts]))[SESSION.scanParts] as { parts: StoredPart[]; at: number } | undefined
    const parts = (stored?.parts ?? []).map((p) => ({
      site: p.site,
      batch: { ...p.batch, accounts: p.batch.accounts.map((a) => fromJson(a)) },
    }))
    return { parts, at: stored?.at ?? 0 }
  }

  async saveParts(parts: readonly ExportPart[], at: number): Promise<void> {
    if (parts.length === 0) return this.area.remove([SESSION.scanParts])
    const stored: StoredPart[] = parts.map((p) => ({
      site: p.site,
      batch: { ...p.batch, accounts: p.batch.accounts.map((a) => toJson(a)) },
    }))
    await this.area.set({ [SESSION.scanParts]: { parts: stored, at } })
  }
}
