/**
 * The master key while unlocked, in storage.session so a restarted service worker
 * stays unlocked. storage.session lives in memory only, is cleared when the browser
 * closes, and by default is readable only from trusted extension contexts: Keyfob
 * never calls setAccessLevel, so content scripts cannot read it.
 */
import { base64Decode, base64Encode } from '../../core/encoding/base64.ts'
import { exportMasterKey, importMasterKey } from '../../core/vault/index.ts'
import { SESSION } from '../../shared/storage-keys.ts'
import type { KeyValueArea } from '../key-value-area.ts'

export class SessionKey {
  constructor(private readonly session: KeyValueArea) {}

  async save(masterKey: CryptoKey, now: number): Promise<void> {
    const raw = await exportMasterKey(masterKey)
    await this.session.set({ [SESSION.sessionKey]: base64Encode(raw), [SESSION.lastActivity]: now })
    raw.fill(0)
  }

  async load(): Promise<CryptoKey | null> {
    const stored = (await this.session.get([SESSION.sessionKey]))[SESSION.sessionKey]
    if (typeof stored !== 'string') return null
    const raw = base64Decode(stored)
    try {
      return await importMasterKey(raw)
    } finally {
      raw.fill(0)
    }
  }

  async clear(): Promise<void> {
    await this.session.remove([SESSION.sessionKey, SESSION.lastActivity])
  }

  async touch(now: number): Promise<void> {
    await this.session.set({ [SESSION.lastActivity]: now })
  }

  async lastActivity(): Promise<number | null> {
    const v = (await this.session.get([SESSION.lastActivity]))[SESSION.lastActivity]
    return typeof v === 'number' ? v : null
  }
}
