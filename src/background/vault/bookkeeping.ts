/**
 * What using a code writes, instead of a vault rewrite (issue #15; docs/vault-format.md,
 * "Bookkeeping records"):
 *
 * - an HOTP counter advance: account <id>'s new counter in its own encrypted record
 *   `hotp:<id>` in storage.local, written before the code leaves the worker. One record of a fixed
 *   size per write, whatever the number of accounts (O(1)). A copy in storage.session (which no
 *   content script can touch) keeps a record removed meanwhile from lowering it until the browser closes.
 * - the time of a use: in storage.session (survives a worker stop), flushed at most every
 *   FLUSH_MS, and on lock, as one encrypted `lastUsed` record in storage.local. A browser closed
 *   before a flush loses those times: harmless bookkeeping.
 *
 * Opening the vault applies both on top of its content, never lowering a value (max), so every
 * reader of the open vault (codes, fill, sync, export, backups) sees the effective counters. The
 * next vault write seals them in; a counter record goes once the copy that write replaces (the
 * previous copy, kept for recovery) holds its counter too, so restoring that copy loses no advance.
 */
import {
  openCounter,
  openLastUsed,
  sealCounter,
  sealLastUsed,
  validLastUsed,
  type LastUsedTimes,
} from '../../core/vault/bookkeeping-record.ts'
import type { VaultContent } from '../../core/vault/vault-content.ts'
import { LOCAL, SESSION } from '../../shared/storage-keys.ts'
import type { KeyValueArea } from '../key-value-area.ts'

/** Last-used times reach storage.local at most this often (and on lock, and with every vault write). */
export const FLUSH_MS = 5 * 60_000

const counterKey = (id: string) => `${LOCAL.counterPrefix}${id}`

export class Bookkeeping {
  /** The counter records in storage.local, by account id: the counter each holds. */
  private readonly records = new Map<string, bigint>()
  /** For those accounts: the counter sealed in the stored vault (null: not in it), which the next write keeps as the previous copy. */
  private readonly sealed = new Map<string, bigint | null>()
  private lastFlush = 0
  /** Whether storage.local may hold a lastUsed record, and storage.session noted times (so a vault write need not ask). */
  private timesStored = false
  private timesNoted = false

  constructor(
    private readonly local: KeyValueArea,
    private readonly session: KeyValueArea,
    private readonly now: () => number,
  ) {}

  /** Just opened: `content` (as sealed) gets the counter records and the last-used times, each only raising what it holds. */
  async apply(masterKey: CryptoKey, content: VaultContent): Promise<void> {
    this.records.clear()
    this.sealed.clear()
    const hotp = content.accounts.filter((a) => a.type === 'hotp')
    // The three reads at once: a restarted worker's first answer waited for one after the other (issue #15).
    const [stored, mirror, pending] = await Promise.all([
      this.local.get([...hotp.map((a) => counterKey(a.id)), LOCAL.lastUsed]),
      this.mirror(),
      this.pending(),
    ])
    for (const a of hotp) {
      const raw = stored[counterKey(a.id)]
      // A damaged, forged or moved record opens as null and is ignored: the vault's own counter stands.
      const fromRecord = raw === undefined ? null : await openCounter(masterKey, a.id, raw)
      // The session's copy: a record removed from storage.local meanwhile cannot lower it before the browser closes.
      const fromSession = mirror[a.id] === undefined ? null : BigInt(mirror[a.id] as string)
      const counter = [fromRecord, fromSession].reduce<bigint | null>((m, c) => (c !== null && (m === null || c > m) ? c : m), null)
      if (counter === null) continue
      this.records.set(a.id, counter)
      this.sealed.set(a.id, a.counter)
      if (counter > a.counter) a.counter = counter
    }
    this.timesStored = stored[LOCAL.lastUsed] !== undefined
    this.timesNoted = Object.keys(pending).length > 0
    const times = { ...(await openLastUsed(masterKey, stored[LOCAL.lastUsed])), ...pending }
    for (const a of content.accounts) {
      const at = times[a.id]
      if (at !== undefined && at > (a.lastUsedAt ?? -1)) a.lastUsedAt = at
    }
  }

  /** Account `id`'s counter moved from `from` to `to`: stored before anything may show the code of `from`. */
  async advance(masterKey: CryptoKey, id: string, from: bigint, to: bigint): Promise<void> {
    await this.local.set({ [counterKey(id)]: await sealCounter(masterKey, id, to) })
    await this.session.set({ [SESSION.counters]: { ...(await this.mirror()), [id]: to.toString(10) } })
    // Without a record, the effective counter `from` is the one sealed in the stored vault.
    if (!this.sealed.has(id)) this.sealed.set(id, from)
    this.records.set(id, to)
  }

  /** Account `id` was used at `at`: noted in storage.session, flushed to storage.local at most every FLUSH_MS. */
  async used(masterKey: CryptoKey, id: string, at: number): Promise<void> {
    const times = await this.pending()
    times[id] = at
    await this.session.set({ [SESSION.lastUsed]: times })
    this.timesNoted = true
    if (this.now() - this.lastFlush >= FLUSH_MS) await this.flush(masterKey)
  }

  /** The times noted since the last flush into storage.local's one lastUsed record (merged with what it holds). */
  async flush(masterKey: CryptoKey): Promise<void> {
    const pending = await this.pending()
    if (Object.keys(pending).length === 0) return
    const stored = await openLastUsed(masterKey, (await this.local.get([LOCAL.lastUsed]))[LOCAL.lastUsed])
    for (const [id, at] of Object.entries(pending)) stored[id] = Math.max(at, stored[id] ?? 0)
    await this.local.set({ [LOCAL.lastUsed]: await sealLastUsed(masterKey, stored) })
    this.timesStored = true
    await this.session.remove([SESSION.lastUsed])
    this.timesNoted = false
    this.lastFlush = this.now()
  }

  /**
   * The vault was written with `content` (everything above sealed in). The last-used times go; a
   * counter record goes once the copy just replaced (now the previous one) held its counter too.
   * Best effort: a record left behind holds no more than the vault, so max ignores it.
   */
  async sealedIn(content: VaultContent): Promise<void> {
    const gone: string[] = []
    for (const [id, counter] of this.records) {
      const before = this.sealed.get(id) ?? null
      if (before === null || before >= counter) {
        gone.push(counterKey(id))
        this.records.delete(id)
        this.sealed.delete(id)
      } else {
        this.sealed.set(id, content.accounts.find((a) => a.id === id)?.counter ?? null)
      }
    }
    if (this.timesStored) gone.push(LOCAL.lastUsed)
    if (gone.length > 0) await this.local.remove(gone).catch(() => undefined)
    if (gone.some((key) => key.startsWith(LOCAL.counterPrefix))) {
      const left = Object.fromEntries(Object.entries(await this.mirror()).filter(([id]) => this.records.has(id)))
      await this.session.set({ [SESSION.counters]: left }).catch(() => undefined)
    }
    if (this.timesNoted) await this.session.remove([SESSION.lastUsed]).catch(() => undefined)
    this.timesStored = this.timesNoted = false
    this.lastFlush = this.now()
  }

  /** storage.session's copy of the counter records (ids → decimal counters), readable by no content script. */
  private async mirror(): Promise<Record<string, string>> {
    const value = (await this.session.get([SESSION.counters]))[SESSION.counters]
    if (typeof value !== 'object' || value === null) return {}
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string' && /^(0|[1-9][0-9]{0,19})$/.test(e[1])),
    )
  }

  private async pending(): Promise<LastUsedTimes> {
    return validLastUsed((await this.session.get([SESSION.lastUsed]))[SESSION.lastUsed])
  }
}
