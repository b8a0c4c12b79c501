/**
 * Scan results waiting for the person's Add. They are kept in storage.session (see
 * pending-scans.ts for why that is acceptable for their secrets), each tied to the
 * tab that scanned, and expire after ten minutes. Accounts are bound only to the
 * site that showed them (bindScannedAccounts), and the panel says which, per account,
 * before Add.
 */
import { findSameSecret, newStoredAccount } from '../../core/accounts/new-stored-account.ts'
import { KeyfobError, isKeyfobError } from '../../core/errors.ts'
import { scanFailure } from '../../shared/sentence.ts'
import { bindScannedAccounts } from '../../core/scan/bind-scanned-accounts.ts'
import { interpretScan, type ScannedCode } from '../../core/scan/interpret-scan.ts'
import type { ScannedText } from '../../core/scan/read-scanned-text.ts'
import type { VaultContent } from '../../core/vault/index.ts'
import type { ScanPanel, ScanSource } from '../../shared/protocol.ts'
import { jobsVia } from '../../shared/qr-worker-client.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import type { WatchedKey } from '../watched-key.ts'
import { offThreadPost } from '../off-thread-post.ts'
import type { VaultService } from '../vault/vault-service.ts'
import { PendingScans, type PendingScan } from './pending-scans.ts'

export interface ScanServiceDeps {
  /** storage.session (see pending-scans.ts). */
  session: KeyValueArea
  /**
   * The stored scans' key in it, shared with the popup's opening, which asks whether any scan waits (background.ts):
   * kept while unchanged, so a running worker's opening reads nothing for it (issue #15).
   */
  scans?: WatchedKey
  vault: Pick<VaultService, 'current' | 'mutate'>
  now: () => number
  /** Sets the alarm that drops expired scans at `when` (Unix ms), or clears it (null). */
  scheduleExpiry: (when: number | null) => Promise<void>
  /**
   * What each decoded text is (readScannedText), in the same order: by default read in the
   * background job worker, so that the URI parsers do not load with the service worker.
   */
  readTexts?: (texts: string[]) => Promise<ScannedText[]>
}

const TTL_MS = 10 * 60_000
/** Each scan is a person's action; more than this many waiting at once is not one person reading panels. */
const MAX_PENDING = 20

const panel = (scanId: string, state: ScanPanel['state'], rest: Partial<ScanPanel> = {}): ScanPanel => ({
  scanId,
  state,
  items: [],
  batch: null,
  message: null,
  note: null,
  ...rest,
})

/** A scan that failed before it found anything, as the panel says it. */
export function failed(e: unknown): ScanPanel {
  return panel(crypto.randomUUID(), 'error', { message: scanFailure(e) })
}

const expired = () => new KeyfobError('SCAN_EXPIRED', 'This scan has expired. Scan the code again.')

export class ScanService {
  private readonly store: PendingScans
  /** One read-modify-write of the stored scans at a time (a scan and an Add can arrive together). */
  private queue: Promise<unknown> = Promise.resolve()

  private readonly readTexts: (texts: string[]) => Promise<ScannedText[]>

  constructor(private readonly s: ScanServiceDeps) {
    this.store = new PendingScans(s.session, s.scans)
    const runJob = s.readTexts ? null : jobsVia(offThreadPost())
    this.readTexts = s.readTexts ?? (async (texts) => (await runJob!('readQrTexts', { texts })).reads)
  }

  /** The codes with what their texts are; each distinct text is read once. */
  private async read(codes: readonly ScannedCode[]) {
    const texts = [...new Set(codes.map((c) => c.text))]
    const reads = await this.readTexts(texts)
    if (reads.length !== texts.length) throw new KeyfobError('INTERNAL', 'The scan was not read.')
    const byText = new Map(texts.map((t, i) => [t, reads[i]!]))
    return codes.map((c) => ({ ...c, read: byText.get(c.text)! }))
  }

  /** What the person sees after a scan found `codes` in tab `tabId` (null: not from a page, e.g. an image file). */
  async interpret(codes: readonly ScannedCode[], tabId: number | null): Promise<ScanPanel> {
    const scanId = crypto.randomUUID()
    if (codes.length === 0) return panel(scanId, 'nothing', { message: { key: 'scanNoCode' } })
    // Read before taking the queue: the worker's round trip holds up no Add.
    const read = await this.read(codes)
    return this.serial(async () => {
      const { result, parts } = interpretScan(read, await this.liveParts())
      await this.store.saveParts(parts, this.s.now())
      const scans = await this.live()
      if (result.accounts.length === 0) {
        await this.save(scans)
        if (result.pendingExport) {
          const { seen, total } = result.pendingExport
          return panel(scanId, 'partial', {
            batch: { seen, total },
            message: { key: 'scanPartial', values: [String(seen), String(total)] },
          })
        }
        if (result.invalid.length > 0)
          return panel(scanId, 'error', { message: { key: 'scanUnreadable', values: [String(result.invalid[0])] } })
        return panel(scanId, 'nothing', { message: { key: 'scanNotSetupCode' } })
      }
      const bindings = bindScannedAccounts(
        result.accounts.map((a) => ({ issuer: a.fields.issuer, site: a.site, fromExport: a.fromExport })),
      )
      const shownBy = new Set(result.accounts.map((a) => a.site))
      const source: ScanSource = {
        from: tabId === null ? 'image' : 'page',
        site: shownBy.size === 1 ? (result.accounts[0]?.site ?? null) : null,
        fromExport: result.accounts.some((a) => a.fromExport),
      }
      const scan: PendingScan = {
        accounts: result.accounts.map((a, i) => ({ fields: a.fields, ...(bindings[i] ?? { site: null, reason: 'shown-elsewhere' }) })),
        tabId,
        at: this.s.now(),
        added: null,
        source,
      }
      scans.set(scanId, scan)
      for (const id of [...scans.keys()].slice(0, Math.max(0, scans.size - MAX_PENDING))) scans.delete(id)
      await this.save(scans)
      return this.view(scanId, scan)
    })
  }

  /** The scan's panel as things stand now (locked, or with duplicates flagged). */
  describe(scanId: string): Promise<ScanPanel> {
    return this.serial(async () => {
      const scan = (await this.live()).get(scanId)
      if (!scan) throw expired()
      return this.view(scanId, scan)
    })
  }

  /** The newest scan still waiting for Add (the popup offers it after an unlock). */
  latest(): Promise<ScanPanel | null> {
    return this.serial(async () => {
      const waiting = [...(await this.live())].filter(([, p]) => !p.added).sort(([, a], [, b]) => a.at - b.at)
      const last = waiting[waiting.length - 1]
      return last ? this.view(last[0], last[1]) : null
    })
  }

  /** Drops what has expired (the expiry alarm): secrets of scans nobody added do not stay in memory. */
  purge(): Promise<void> {
    return this.serial(async () => {
      const { at } = await this.store.parts()
      await this.store.saveParts(await this.liveParts(), at)
      await this.save(await this.live())
    })
  }

  /**
   * Adds the scan's accounts (not the duplicates). `tabId` must match the scan's own tab when given.
   * Safe to repeat (messaging.ts asks again when the worker stopped mid-request): a second Add
   * gets the first one's result. While locked, nothing is added and the scan keeps waiting.
   */
  confirm(scanId: string, tabId: number | null): Promise<ScanPanel> {
    return this.serial(async () => {
      const scans = await this.live()
      const scan = scans.get(scanId)
      if (!scan || (tabId !== null && scan.tabId !== tabId)) throw expired()
      if (scan.added) return scan.added
      let items: ScanPanel['items']
      try {
        items = await this.s.vault.mutate((content) =>
          scan.accounts.map(({ fields, site }) => {
            const duplicate = findSameSecret(content, fields) !== undefined
            if (!duplicate) content.accounts.push(newStoredAccount(content, fields, this.s.now(), { sites: site ? [site] : [] }))
            return { issuer: fields.issuer, account: fields.account, type: fields.type, duplicate, site: duplicate ? null : site }
          }),
        )
      } catch (e) {
        if (isKeyfobError(e, 'VAULT_LOCKED')) return this.view(scanId, scan)
        throw e
      }
      const added = panel(scanId, 'added', { items, ...(scan.source && { source: scan.source }) })
      scans.set(scanId, { ...scan, accounts: [], added })
      await this.save(scans)
      return added
    })
  }

  cancel(scanId: string, tabId: number | null): Promise<void> {
    return this.serial(async () => {
      const scans = await this.live()
      const scan = scans.get(scanId)
      if (scan && (tabId === null || scan.tabId === tabId)) {
        scans.delete(scanId)
        await this.save(scans)
      }
    })
  }

  private async view(scanId: string, scan: PendingScan): Promise<ScanPanel> {
    if (scan.added) return scan.added
    let content: VaultContent | null = null
    try {
      content = (await this.s.vault.current()).content
    } catch (e) {
      if (!isKeyfobError(e, 'VAULT_LOCKED')) throw e
    }
    const items = scan.accounts.map(({ fields: a, site }) => {
      const duplicate = content !== null && findSameSecret(content, a) !== undefined
      // A duplicate is not added, so not bound either: it keeps its own sites.
      return { issuer: a.issuer, account: a.account, type: a.type, duplicate, site: duplicate ? null : site }
    })
    // Say why, when an account that would be added is bound to no site (a scan from a page only).
    const unbound = new Set(scan.accounts.filter((_, i) => !items[i]?.duplicate && items[i]?.site === null).map((a) => a.reason))
    const note =
      scan.tabId === null ? null : unbound.has('batch') ? 'scanNoteBatch' : unbound.has('shown-elsewhere') ? 'scanNoteElsewhere' : null
    return panel(scanId, content ? 'found' : 'locked', { items, note, ...(scan.source && { source: scan.source }) })
  }

  /** The stored scans without the expired ones. */
  private async live(): Promise<Map<string, PendingScan>> {
    const scans = await this.store.all()
    for (const [id, p] of scans) if (this.s.now() - p.at > TTL_MS) scans.delete(id)
    return scans
  }

  /** An export's parts wait ten minutes from the last one scanned. */
  private async liveParts() {
    const { parts, at } = await this.store.parts()
    return this.s.now() - at > TTL_MS ? [] : parts
  }

  /** Stores the scans and sets the expiry alarm for the oldest thing still waiting (or clears it). */
  private async save(scans: ReadonlyMap<string, PendingScan>): Promise<void> {
    await this.store.save(scans)
    const { parts, at } = await this.store.parts()
    const oldest = Math.min(...[...scans.values()].map((p) => p.at), ...(parts.length > 0 ? [at] : []))
    await this.s.scheduleExpiry(Number.isFinite(oldest) ? oldest + TTL_MS + 1_000 : null)
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }
}
