/**
 * Bit flips at every byte of the stored vault, read back by a freshly started worker
 * (the real VaultService over storage.local): every flip ends in a typed refusal or,
 * where the flip changes nothing the format reads, in exactly the same accounts —
 * never in different accounts or codes — and nothing in storage is written over.
 *
 * The record is what storage.local holds (an object; Chromium keeps it as JSON text):
 * the flip is made in that JSON text. A flip that leaves JSON is stored as the object
 * it parses to; one that does not (storage that can no longer read it) as the damaged
 * text itself, which Keyfob must reject as not a vault.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { base64Decode } from '../../core/encoding/base64.ts'
import { newStoredAccount } from '../../core/accounts/new-stored-account.ts'
import { parseAccountText } from '../../core/accounts/parse-account-text.ts'
import { isKeyfobError } from '../../core/errors.ts'
import { bytesToBase64 } from '../../core/vault/base64.ts'
import { deriveKek } from '../../core/vault/derive-kek.ts'
import type { PasswordSlot, StoredAccount, VaultEnvelope } from '../../core/vault/index.ts'
import { wrapMasterKey } from '../../core/vault/slot-crypto.ts'
import { LOCAL, SESSION } from '../../shared/storage-keys.ts'
import type { DeviceKeyStore } from './device-key-store.ts'
import { createBackground, type Background } from '../background.ts'

const PASSWORD = 'correct horse battery staple'
const URIS = [
  'otpauth://totp/Acme%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Bank',
  'otpauth://hotp/Widgets:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=7&issuer=Widgets',
  'otpauth://totp/Steam:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Steam&encoder=steam',
]

let deviceKey: CryptoKey | null = null
const deviceKeys: DeviceKeyStore = {
  load: async () => deviceKey,
  save: async (k) => void (deviceKey = k),
  clear: async () => void (deviceKey = null),
}
const boot = (): Background =>
  createBackground({
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    deviceKeys,
    now: () => 1_700_000_000_000,
    version: 'test',
  })
const stored = () => fakeBrowser.storage.local.get<Record<string, unknown>>(null)

/**
 * Argon2id at 8 KiB / t=1 instead of 64 MiB / t=3, so that thousands of unlocks fit in a
 * unit test. Stored parameters below the floor for new slots are valid to read
 * (argon2-params.ts), and the flips exercise the same bytes and code paths.
 */
async function cheapenPasswordSlot(): Promise<void> {
  const raw = base64Decode((await fakeBrowser.storage.session.get(SESSION.sessionKey))[SESSION.sessionKey] as string)
  const envelope = (await stored())[LOCAL.vault] as VaultEnvelope
  const old = envelope.slots.find((s): s is PasswordSlot => s.type === 'password') as PasswordSlot
  const kdf = { ...old.kdf, memoryKiB: 8, iterations: 1, parallelism: 1, salt: bytesToBase64(crypto.getRandomValues(new Uint8Array(16))) }
  const slot = await wrapMasterKey(raw, await deriveKek(PASSWORD, kdf), { type: 'password' as const, id: old.id, kdf })
  const cheap = { ...envelope, slots: envelope.slots.map((s) => (s.type === 'password' ? slot : s)) }
  await fakeBrowser.storage.local.set({ [LOCAL.vault]: cheap, [LOCAL.vaultPrevious]: cheap })
}

/** A vault holding URIS, locked, as a restarted browser finds it; returns the stored record and its accounts. */
async function storedVault(password: string | null): Promise<{ record: unknown; accounts: StoredAccount[] }> {
  const s = boot()
  await s.vault.setup(password)
  await s.vault.mutate((c) => {
    for (const uri of URIS) for (const fields of parseAccountText(uri)) c.accounts.push(newStoredAccount(c, fields, 1_700_000_000_000))
  })
  if (password !== null) await cheapenPasswordSlot()
  await fakeBrowser.storage.session.clear()
  const fresh = boot()
  if (password !== null) await fresh.vault.unlock(password)
  const accounts = structuredClone((await fresh.vault.current()).content.accounts)
  await fakeBrowser.storage.session.clear()
  return { record: (await stored())[LOCAL.vault], accounts }
}

/** The stored record with bit `bit` of byte `index` of its JSON text flipped, as storage would hand it back. */
function flipped(json: Uint8Array, index: number, bit: number): unknown {
  const bytes = json.slice()
  bytes[index] = (bytes[index] as number) ^ (1 << bit)
  const text = new TextDecoder().decode(bytes)
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** An ErrorCode, or 'same accounts'. */
type Outcome = string

/** What a freshly started worker makes of the stored vault: the error code, or the accounts it opened. */
async function readBack(password: string | null, accounts: StoredAccount[]): Promise<Outcome> {
  await fakeBrowser.storage.session.clear()
  await fakeBrowser.storage.local.remove(LOCAL.throttle) // wrong-password answers would otherwise throttle the sweep
  const s = boot()
  try {
    if (password !== null) await s.vault.unlock(password)
    const opened = (await s.vault.current()).content.accounts
    // Anything that opens must be exactly what was stored: no changed secret, counter, digits, period or name.
    expect(opened).toEqual(accounts)
    return 'same accounts'
  } catch (e) {
    if (!isKeyfobError(e)) throw e
    return e.code
  }
}

async function sweep(password: string | null): Promise<Record<Outcome, number>> {
  const { record, accounts } = await storedVault(password)
  const json = new TextEncoder().encode(JSON.stringify(record))
  const outcomes: Record<Outcome, number> = {}
  for (let index = 0; index < json.length; index++) {
    // Two bits per byte, a different pair at each position: across the record every bit position is hit.
    for (const bit of [index % 8, (index + 3) % 8]) {
      const damaged = flipped(json, index, bit)
      await fakeBrowser.storage.local.set({ [LOCAL.vault]: damaged, [LOCAL.vaultPrevious]: record })
      const outcome = await readBack(password, accounts)
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
      // Nothing written over: the damaged record stays as found, the previous generation intact.
      const after = await stored()
      expect(after[LOCAL.vault], `byte ${index} bit ${bit}`).toEqual(damaged)
      expect(after[LOCAL.vaultPrevious]).toEqual(record)
    }
  }
  return outcomes
}

beforeEach(() => {
  fakeBrowser.reset()
  deviceKey = null
})

describe('bit flips in the stored vault', () => {
  it('password vault: every flipped byte is refused or reads back the same accounts, and nothing is overwritten', async () => {
    const outcomes = await sweep(PASSWORD)
    console.log('password vault, flips per outcome:', outcomes)
    expect(outcomes.INTERNAL).toBeUndefined()
    expect(Object.keys(outcomes).every((k) => k === 'same accounts' || /^(VAULT_CORRUPT|WRONG_PASSWORD)$/.test(k))).toBe(true)
    // Almost every flip must be caught. The one that reads the same today turns the write counter
    // `generation` 3 into 7: a number outside the AAD that orders writes and changes no account.
    expect((outcomes['same accounts'] ?? 0) / Object.values(outcomes).reduce((a, b) => a + b)).toBeLessThan(0.02)
  }, 300_000)

  it('device-key vault: every flipped byte is refused or reads back the same accounts, and nothing is overwritten', async () => {
    const outcomes = await sweep(null)
    console.log('device-key vault, flips per outcome:', outcomes)
    expect(outcomes.INTERNAL).toBeUndefined()
    expect(Object.keys(outcomes).every((k) => k === 'same accounts' || /^(VAULT_CORRUPT|WRONG_PASSWORD|VAULT_LOCKED)$/.test(k))).toBe(true)
    expect((outcomes['same accounts'] ?? 0) / Object.values(outcomes).reduce((a, b) => a + b)).toBeLessThan(0.02)
  }, 300_000)
})
