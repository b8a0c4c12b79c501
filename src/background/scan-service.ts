/**
 * Scan results waiting for the person's Add. They hold secrets, so they live in
 * worker memory only (a restart forgets them: scan again), each tied to the tab
 * that scanned, and expire after ten minutes. Accounts added from a page are
 * bound to that page's registrable domain, for autofill.
 */
import { findSameSecret, newStoredAccount } from '../core/accounts/new-stored-account.ts'
import { KeyfobError, isKeyfobError } from '../core/errors.ts'
import { interpretQrTexts } from '../core/scan/interpret-qr-texts.ts'
import { registrableDomain } from '../core/site/index.ts'
import type { AccountFields } from '../core/types.ts'
import type { MigrationBatch } from '../core/uri/migration-schema.ts'
import type { VaultContent } from '../core/vault/index.ts'
import type { ScanPanel } from '../shared/protocol.ts'
import type { Services } from './services.ts'

const TTL_MS = 10 * 60_000

interface Pending {
  accounts: AccountFields[]
  site: string | null
  /** The tab whose page was scanned; null for the popup's own scans (image files). */
  tabId: number | null
  at: number
}

const panel = (scanId: string, state: ScanPanel['state'], rest: Partial<ScanPanel> = {}): ScanPanel => ({
  scanId, state, items: [], batch: null, site: null, message: null, ...rest,
})

export class ScanService {
  private pending = new Map<string, Pending>()
  private batches: MigrationBatch[] = []

  constructor(private readonly s: Services) {}

  /** What the person sees after a scan of `texts` found on `pageUrl` (null: not from a page). */
  async interpret(texts: string[], pageUrl: string | null, tabId: number | null): Promise<ScanPanel> {
    this.expire()
    const scanId = crypto.randomUUID()
    if (texts.length === 0) return panel(scanId, 'nothing', { message: 'No QR code was found.' })
    const { result, batches } = interpretQrTexts(texts, this.batches)
    this.batches = batches
    if (result.accounts.length === 0) {
      if (result.pendingExport) {
        const { seen, total } = result.pendingExport
        return panel(scanId, 'partial', { batch: { seen, total }, message: `${seen} of ${total} codes of this export scanned. Scan the next one.` })
      }
      if (result.invalid.length > 0) return panel(scanId, 'error', { message: `This setup code cannot be read: ${result.invalid[0]}` })
      return panel(scanId, 'nothing', { message: 'This QR code is not a two-factor setup code.' })
    }
    const site = pageUrl && /^https?:/i.test(pageUrl) ? registrableDomain(pageUrl) : null
    this.pending.set(scanId, { accounts: result.accounts, site, tabId, at: this.s.now() })
    return this.describe(scanId)
  }

  /** The scan's panel as things stand now (locked, or with duplicates flagged). */
  async describe(scanId: string): Promise<ScanPanel> {
    const p = this.pending.get(scanId)
    if (!p) throw new KeyfobError('NOT_FOUND', 'This scan has expired. Scan the code again.')
    let content: VaultContent | null = null
    try {
      content = (await this.s.vault.current()).content
    } catch (e) {
      if (!isKeyfobError(e, 'VAULT_LOCKED')) throw e
    }
    const items = p.accounts.map((a) => ({ issuer: a.issuer, account: a.account, type: a.type, duplicate: content !== null && findSameSecret(content, a) !== undefined }))
    return panel(scanId, content ? 'found' : 'locked', { items, site: p.site })
  }

  /** The newest scan still waiting (the popup offers it after an unlock). */
  async latest(): Promise<ScanPanel | null> {
    this.expire()
    const ids = [...this.pending.keys()]
    const id = ids[ids.length - 1]
    return id === undefined ? null : this.describe(id)
  }

  /** Adds the scan's accounts (not the duplicates). `tabId` must match the scan's own tab when given. */
  async confirm(scanId: string, tabId: number | null): Promise<ScanPanel> {
    const p = this.pending.get(scanId)
    if (!p || (tabId !== null && p.tabId !== tabId)) throw new KeyfobError('NOT_FOUND', 'This scan has expired. Scan the code again.')
    const items = await this.s.vault.mutate((content) =>
      p.accounts.map((a) => {
        const duplicate = findSameSecret(content, a) !== undefined
        if (!duplicate) content.accounts.push(newStoredAccount(content, a, this.s.now(), { sites: p.site ? [p.site] : [] }))
        return { issuer: a.issuer, account: a.account, type: a.type, duplicate }
      }),
    )
    this.pending.delete(scanId)
    return panel(scanId, 'added', { items, site: p.site })
  }

  cancel(scanId: string, tabId: number | null): void {
    const p = this.pending.get(scanId)
    if (p && (tabId === null || p.tabId === tabId)) this.pending.delete(scanId)
  }

  private expire(): void {
    for (const [id, p] of this.pending) if (this.s.now() - p.at > TTL_MS) this.pending.delete(id)
  }
}
