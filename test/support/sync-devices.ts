/**
 * Devices for the sync engine's tests: each a real VaultService (a device-key vault, so no
 * Argon2 on unlock) over storage areas of its own, and a sync engine over a shared remote. One
 * clock for all, moved by the tests.
 */
import { createSyncEngine, type SyncEngine } from '../../src/background/sync/sync-engine.ts'
import type { SyncRemote } from '../../src/background/sync/sync-remote.ts'
import { VaultService } from '../../src/background/vault/vault-service.ts'
import { base32Encode } from '../../src/core/encoding/base32.ts'
import type { StoredAccount } from '../../src/core/vault/vault-content.ts'
import { FAST_KDF } from './vault-fixtures.ts'
import { memoryArea } from './memory-area.ts'

export const PLACE = { kind: 'webdav', url: 'https://dav.example.com/keyfob/', user: 'alice', password: 'app password' } as const
export const PASSPHRASE = 'correct horse battery staple sync'

export const clock = { now: 1_700_000_000_000 }

export interface Device {
  vault: VaultService
  engine: SyncEngine
  /** A new engine over the same vault and remote: what a service-worker restart gives. */
  restart(remote?: SyncRemote): void
}

export async function newDevice(remote: SyncRemote): Promise<Device> {
  let deviceKey: CryptoKey | null = null
  const vault = new VaultService({
    local: memoryArea(),
    session: memoryArea(),
    deviceKeys: { load: async () => deviceKey, save: async (k) => void (deviceKey = k), clear: async () => void (deviceKey = null) },
    now: () => clock.now,
  })
  await vault.setup(null)
  const make = (r: SyncRemote) => createSyncEngine({ vault, remoteFor: () => r, now: () => clock.now, kdf: FAST_KDF, wait: async () => {} })
  const device: Device = {
    vault,
    engine: make(remote),
    restart(next = remote) {
      device.engine = make(next)
    },
  }
  return device
}

let serial = 0

/** A TOTP account with a fresh id and a secret of its own (unless given). */
export function account(overrides: Partial<StoredAccount> = {}): StoredAccount {
  serial++
  // 10 random bytes: 16 base32 characters, no padding (normalised, as the vault keeps them).
  const secret = base32Encode(crypto.getRandomValues(new Uint8Array(10)))
  return {
    id: crypto.randomUUID(),
    type: 'totp',
    secret,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0n,
    issuer: `Issuer ${serial}`,
    account: `user${serial}@example.com`,
    tags: [],
    pinned: false,
    sites: [],
    createdAt: clock.now,
    updatedAt: clock.now,
    order: serial,
    ...overrides,
  }
}

export async function add(device: Device, ...accounts: StoredAccount[]): Promise<void> {
  await device.vault.mutate((c) => void c.accounts.push(...accounts))
}

/** The accounts as every device must agree on them: sorted by id, without this device's lastUsedAt. */
export async function accountsOf(device: Device): Promise<Omit<StoredAccount, 'lastUsedAt'>[]> {
  const { content } = await device.vault.current()
  return content.accounts.map(({ lastUsedAt: _, ...a }) => a).sort((a, b) => (a.id < b.id ? -1 : 1))
}
