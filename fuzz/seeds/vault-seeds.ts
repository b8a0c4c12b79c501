/**
 * Seeds for Keyfob's own formats: vault content JSON, stored envelopes (one
 * device-slot vault whose master key the fuzzer holds, so mutated envelopes
 * can be opened; one with a password slot too) and an encrypted Keyfob backup
 * at the cheapest Argon2id the reader accepts (64 KiB, t=1: about a millisecond).
 */
import { exportKeyfobBackup } from '../../src/core/export/export-keyfob-backup.ts'
import { FIXTURE_ENTRIES } from '../../test/support/plain-fixtures.ts'
import { MIN_NEW_ARGON2 } from '../../src/core/vault/argon2-params.ts'
import { serializeContent } from '../../src/core/vault/content-codec.ts'
import { generateDeviceKey } from '../../src/core/vault/device-slot.ts'
import type { VaultEnvelope } from '../../src/core/vault/envelope.ts'
import { createVault, sealVault } from '../../src/core/vault/vault.ts'
import type { StoredAccount, VaultContent } from '../../src/core/vault/vault-content.ts'
import { FUZZ_PASSWORD } from './format-seeds.ts'

/** Long enough for the vault's own strength check, which backups share. */
export const VAULT_PASSWORD = `${FUZZ_PASSWORD} for the vault`
const BACKUP_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 }

function seedContent(): VaultContent {
  const accounts: StoredAccount[] = FIXTURE_ENTRIES.map((e, i) => ({
    ...e,
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    sites: i === 0 ? ['example.com'] : [],
    createdAt: 1_700_000_000_000 + i,
    updatedAt: 1_700_000_000_000 + i,
    order: i,
    ...(i === 1 ? { t0: -30, image: 'https://example.org/logo.png', extra: { foo: 'bar' }, lastUsedAt: 1_700_000_100_000 } : {}),
  }))
  return { schemaVersion: 1, accounts, settings: { autoLockMinutes: 15, theme: 'dark', showCodes: true } }
}

export interface VaultSeeds {
  contentText: string
  /** Device-slot only, sealed over seedContent(); opened with `masterKey`. */
  deviceEnvelope: VaultEnvelope
  masterKey: CryptoKey
  /** Password and device slots (for parsing only: the fuzzer never runs its KDF). */
  fullEnvelope: VaultEnvelope
  backupText: string
}

export async function buildVaultSeeds(): Promise<VaultSeeds> {
  const content = seedContent()
  const deviceKey = await generateDeviceKey()
  const device = await createVault({ deviceKey })
  const full = await createVault({ deviceKey, password: VAULT_PASSWORD, kdf: MIN_NEW_ARGON2 })
  return {
    contentText: serializeContent(content),
    deviceEnvelope: await sealVault(device.envelope, device.masterKey, content),
    masterKey: device.masterKey,
    fullEnvelope: await sealVault(full.envelope, full.masterKey, content),
    backupText: await exportKeyfobBackup(content, VAULT_PASSWORD, { kdf: BACKUP_KDF, insecureKdfForTests: true, now: 1_700_000_000_000 }),
  }
}
