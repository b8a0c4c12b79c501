/**
 * The master key while unlocked, in storage.session so a restarted service worker
 * stays unlocked. storage.session lives in memory only, is cleared when the browser
 * closes, and by default is readable only from trusted extension contexts: Keyfob
 * never calls setAccessLevel, so content scripts cannot read it.
 */
import { KeyfobError } from '../../core/errors.ts'
import { base64ToBytes, bytesToBase64 } from '../../core/vault/base64.ts'
import { exportMasterKey, importMasterKey } from '../../core/vault/index.ts'
import { SESSION } from '../../shared/storage-keys.ts'
import type { KeyValueArea } from '../key-value-area.ts'

export class SessionKey {
  constructor(private readonly session: KeyValueArea) {}

  async save(masterKey: CryptoKey, now: number): Promise<void> {
    const raw = await exportMasterKey(masterKey)
    await this.session.set({ [SESSION.sessionKey]: bytesToBase64(raw), [SESSION.lastActivity]: now })
    raw.fill(0)
  }

  async load(): Promise<CryptoKey | null> {
    const stored = (await this.session.get([SESSION.sessionKey]))[SESSION.sessionKey]
    if (typeof stored !== 'string') return null
    // The vault's strict decoder, native where the engine has one (core/vault/base64.ts): this runs at every worker start.
    const raw = base64ToBytes(stored)
    if (raw === null) throw new KeyfobError('INVALID_SECRET', 'The session key is not canonical base64.')
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
