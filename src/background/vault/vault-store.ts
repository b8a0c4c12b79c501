/**
 * Reads and writes the stored envelope. A write puts the new generation and the
 * one it replaces in a single storage.local.set() call: Chromium applies one
 * set() as one LevelDB write batch (Firefox as one IndexedDB transaction), so a
 * worker killed at any instant leaves either the old or the new vault, never
 * neither, and the previous good generation is always kept for recovery.
 */
import { KeyfobError, isKeyfobError } from '../../core/errors.ts'
import { parseEnvelope, type VaultEnvelope } from '../../core/vault/index.ts'
import { LOCAL } from '../../shared/storage-keys.ts'
import type { KeyValueArea } from '../key-value-area.ts'

export class VaultStore {
  /**
   * The current envelope as last read or written (issue #15: every popup opening asked for its
   * state, which read and parsed the whole stored vault). Kept only where the area reports changes,
   * and dropped on any change of the vault's key, whoever made it (sync, another context, a test).
   */
  private cached: { envelope: VaultEnvelope | null } | null = null
  /** Counts those changes, so a read that a change overtook is not cached. */
  private changes = 0
  /** A read under way, and the count of changes when it started. */
  private reading: { changes: number; envelope: Promise<VaultEnvelope | null> } | null = null
  private readonly watched: boolean

  constructor(private readonly local: KeyValueArea) {
    this.watched = local.onChanged !== undefined
    local.onChanged?.addListener((changes) => {
      if (LOCAL.vault in changes) this.forget()
    })
  }

  private forget(): void {
    this.changes += 1
    this.cached = null
  }

  /** The current envelope, null before first run; VAULT_CORRUPT when its shape is damaged (never cached: it is read again). */
  load(): Promise<VaultEnvelope | null> {
    if (this.cached) return Promise.resolve(this.cached.envelope)
    // A read under way that no change has overtaken is shared: the status and resuming ask together (issue #15).
    if (this.reading?.changes === this.changes) return this.reading.envelope
    const reading = { changes: this.changes, envelope: this.read(this.changes) }
    this.reading = reading
    const done = () => void (this.reading === reading && (this.reading = null))
    reading.envelope.then(done, done)
    return reading.envelope
  }

  private async read(before: number): Promise<VaultEnvelope | null> {
    const raw = (await this.local.get([LOCAL.vault]))[LOCAL.vault]
    const envelope = this.parse(raw)
    if (this.watched && before === this.changes) this.cached = { envelope }
    return envelope
  }

  private parse(raw: unknown): VaultEnvelope | null {
    if (raw === undefined) return null
    try {
      return parseEnvelope(raw)
    } catch (e) {
      throw new KeyfobError(
        'VAULT_CORRUPT',
        'Your stored vault is damaged and cannot be opened. Keyfob has not changed it; the previous copy is kept for recovery.',
        { cause: e },
      )
    }
  }

  async loadPrevious(): Promise<VaultEnvelope | null> {
    const raw = (await this.local.get([LOCAL.vaultPrevious]))[LOCAL.vaultPrevious]
    try {
      return raw === undefined ? null : parseEnvelope(raw)
    } catch (e) {
      if (isKeyfobError(e)) return null
      throw e
    }
  }

  /**
   * Stores `next`, keeping `previous` as the recovery copy. After a change of key
   * slots, pass `next` as `previous` too: an older copy would still open with a
   * removed password (docs/vault-format.md, "Changing the password").
   */
  async write(next: VaultEnvelope, previous: VaultEnvelope): Promise<void> {
    this.forget()
    await this.local.set({ [LOCAL.vault]: next, [LOCAL.vaultPrevious]: previous })
  }

  /** Makes `previous` current again; the damaged record is set aside as `vaultDamaged`, not deleted. */
  async restore(previous: VaultEnvelope): Promise<void> {
    const damaged = (await this.local.get([LOCAL.vault]))[LOCAL.vault]
    this.forget()
    await this.local.set({ [LOCAL.vault]: previous, [LOCAL.vaultPrevious]: previous, [LOCAL.vaultDamaged]: damaged })
  }
}
