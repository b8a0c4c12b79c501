import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { LOCAL, SESSION } from '../../shared/storage-keys.ts'
import { WAIT } from '../../../test/support/wait.ts'
import type { DeviceKeyStore } from './device-key-store.ts'
import { createBackground, type Background } from '../background.ts'

const PASSWORD = 'correct horse battery staple'
const URI_A = 'otpauth://totp/Acme%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Bank'
const URI_B = 'otpauth://hotp/Widgets:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0&issuer=Widgets'

/** An in-memory IndexedDB stand-in: it holds the CryptoKey object itself, as IndexedDB does. */
function memoryDeviceKeys(): DeviceKeyStore & { key: CryptoKey | null } {
  return {
    key: null,
    async load() {
      return this.key
    },
    async save(k) {
      this.key = k
    },
    async clear() {
      this.key = null
    },
  }
}

let clock = 1_700_000_000_000
let deviceKeys = memoryDeviceKeys()

/** A fresh service-worker instance over the same storage (what a worker restart gives). */
function boot(): Background {
  return createBackground({
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    deviceKeys,
    now: () => clock,
    version: 'test',
  })
}

const ID: [string, string] = ['6f1c1f0e-5a3b-4c55-8a8e-1d2f3a4b5c6d', '0e8a7f5c-1b2d-4e3f-9a0b-2c3d4e5f6a7b']
const stored = () => fakeBrowser.storage.local.get<Record<string, unknown>>(null)

beforeEach(() => {
  fakeBrowser.reset()
  deviceKeys = memoryDeviceKeys()
  clock = 1_700_000_000_000
})

describe('VaultService', () => {
  it('starts uninitialised, sets up with a password, and is unlocked afterwards', async () => {
    const s = boot()
    expect(await s.vault.status()).toMatchObject({ state: 'uninitialized', hasPassword: false })
    await s.vault.setup(PASSWORD)
    expect(await s.vault.status()).toMatchObject({ state: 'unlocked', hasPassword: true, failures: 0, retryAt: null })
    await expect(s.vault.setup(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_EXISTS' })
  })

  it('refuses a weak password at setup and stores nothing', async () => {
    const s = boot()
    await expect(s.vault.setup('password')).rejects.toMatchObject({ code: 'WEAK_PASSWORD' })
    expect(await stored()).toEqual({})
  })

  it('locks, rejects a wrong password, and unlocks with the right one', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.lock()
    expect((await s.vault.status()).state).toBe('locked')
    await expect(s.vault.current()).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
    await expect(s.vault.unlock('wrong password!')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
    expect((await s.vault.status()).failures).toBe(1)
    await s.vault.unlock(PASSWORD)
    expect(await s.vault.status()).toMatchObject({ state: 'unlocked', failures: 0 })
  })

  it('throttles after 5 wrong passwords, across worker restarts, until the delay passes', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.lock()
    for (let i = 0; i < 5; i++) await expect(s.vault.unlock(`wrong-${i}-password`)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
    const restarted = boot()
    const status = await restarted.vault.status()
    expect(status).toMatchObject({ failures: 5, retryAt: clock + 30_000 })
    // Even the right password waits: the check comes before the KDF.
    await expect(restarted.vault.unlock(PASSWORD)).rejects.toMatchObject({
      code: 'THROTTLED',
      message: expect.stringContaining('30 seconds') as unknown,
    })
    clock += 30_000
    await restarted.vault.unlock(PASSWORD)
    expect((await restarted.vault.status()).state).toBe('unlocked')
  })

  it('stays unlocked across a worker restart, and locked after a browser restart', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.mutate((c) => void c.accounts.push({ ...sampleAccount(), id: ID[0] }))
    const restarted = boot()
    expect((await restarted.vault.current()).content.accounts.map((a) => a.id)).toEqual([ID[0]])
    await fakeBrowser.storage.session.clear() // what closing the browser does
    expect((await boot().vault.status()).state).toBe('locked')
  })

  it('a lock wins over a resume that was already under way', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    const resumed = boot()
    const reading = resumed.vault.current()
    const locking = resumed.vault.lock()
    await Promise.allSettled([reading, locking])
    expect((await resumed.vault.status()).state).toBe('locked')
  })

  it('serialises concurrent writes: every add lands', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await Promise.all(
      Array.from({ length: 20 }, () => s.vault.mutate((c) => void c.accounts.push({ ...sampleAccount(), id: crypto.randomUUID() }))),
    )
    const fresh = boot()
    await fresh.vault.lock()
    await fresh.vault.unlock(PASSWORD)
    expect((await fresh.vault.current()).content.accounts).toHaveLength(20)
  })

  it('a failed change stores nothing and leaves the vault as it was', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    const before = await stored()
    await expect(
      s.vault.mutate((c) => {
        c.accounts.push({ ...sampleAccount(), id: ID[1] })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await stored()).toEqual(before)
    expect((await s.vault.current()).content.accounts).toEqual([])
  })

  it('keeps the previous generation and never overwrites a tampered vault', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.mutate((c) => void c.accounts.push({ ...sampleAccount(), id: ID[0] }))
    const all = await stored()
    const current = all[LOCAL.vault] as { generation: number; ciphertext: string }
    expect((all[LOCAL.vaultPrevious] as { generation: number }).generation).toBe(current.generation - 1)
    // Flip one character of the ciphertext, as corruption or an attacker would.
    const c = current.ciphertext
    const flipped = { ...current, ciphertext: (c[0] === 'A' ? 'B' : 'A') + c.slice(1) }
    await fakeBrowser.storage.local.set({ [LOCAL.vault]: flipped })
    await fakeBrowser.storage.session.clear()
    const after = boot()
    await expect(after.vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
    await expect(after.vault.mutate(() => undefined)).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
    expect((await stored())[LOCAL.vault]).toEqual(flipped)
    expect((await stored())[LOCAL.vaultPrevious]).toEqual(all[LOCAL.vaultPrevious])
  })

  it('restores the previous copy of a damaged vault with the password, and keeps the damaged one', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.mutate((c) => void c.accounts.push({ ...sampleAccount(), id: ID[0] }))
    await s.vault.mutate((c) => void c.accounts.push({ ...sampleAccount(), id: ID[1] }))
    const before = await stored()
    const current = before[LOCAL.vault] as { ciphertext: string }
    const damaged = { ...current, ciphertext: (current.ciphertext[0] === 'A' ? 'B' : 'A') + current.ciphertext.slice(1) }
    await fakeBrowser.storage.local.set({ [LOCAL.vault]: damaged })
    await fakeBrowser.storage.session.clear()
    const after = boot()
    await expect(after.vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
    // A wrong password restores nothing and counts as a failure.
    await expect(after.vault.restorePrevious('not the password at all')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
    expect((await after.vault.status()).failures).toBe(1)
    expect((await stored())[LOCAL.vault]).toEqual(damaged)
    await after.vault.restorePrevious(PASSWORD)
    // The previous generation lacks the last change; the damaged copy is set aside, not deleted.
    expect((await after.vault.current()).content.accounts.map((a) => a.id)).toEqual([ID[0]])
    const restored = await stored()
    expect(restored[LOCAL.vault]).toEqual(before[LOCAL.vaultPrevious])
    expect(restored[LOCAL.vaultDamaged]).toEqual(damaged)
    await fakeBrowser.storage.session.clear()
    await boot().vault.unlock(PASSWORD)
  })

  it('says when there is no earlier copy to restore (NO_PREVIOUS_VAULT), not that an account is missing', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await fakeBrowser.storage.local.remove(LOCAL.vaultPrevious)
    await expect(s.vault.restorePrevious(PASSWORD)).rejects.toMatchObject({ code: 'NO_PREVIOUS_VAULT' })
  })

  it('never replaces a vault that opens with an older copy', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.mutate((c) => void c.accounts.push({ ...sampleAccount(), id: ID[0] }))
    const before = await stored()
    await expect(s.vault.restorePrevious(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_NOT_DAMAGED' })
    expect(await stored()).toEqual(before)
  })

  it('restores the previous copy when the stored shape is damaged', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.mutate((c) => void c.accounts.push({ ...sampleAccount(), id: ID[0] }))
    await fakeBrowser.storage.local.set({ [LOCAL.vault]: 'vault: damaged on disk' })
    await fakeBrowser.storage.session.clear()
    const after = boot()
    expect((await after.vault.status()).state).toBe('corrupt')
    await after.vault.restorePrevious(PASSWORD)
    expect(await after.vault.status()).toMatchObject({ state: 'unlocked' })
    expect((await stored())[LOCAL.vaultDamaged]).toBe('vault: damaged on disk')
  })

  it('reports a vault whose stored shape is damaged as corrupt, without touching it', async () => {
    await fakeBrowser.storage.local.set({ [LOCAL.vault]: { format: 'keyfob-vault', version: 1 } })
    const s = boot()
    expect((await s.vault.status()).state).toBe('corrupt')
    await expect(s.vault.setup(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_EXISTS' })
    expect((await stored())[LOCAL.vault]).toEqual({ format: 'keyfob-vault', version: 1 })
  })

  it('without a password, the device key opens the vault on its own, and a password can be added later', async () => {
    const s = boot()
    await s.vault.setup(null)
    expect(deviceKeys.key?.extractable).toBe(false)
    expect(await s.vault.status()).toMatchObject({ state: 'unlocked', hasPassword: false })
    await fakeBrowser.storage.session.clear()
    expect((await boot().vault.status()).state).toBe('unlocked')
    await s.vault.addPassword(PASSWORD)
    expect(deviceKeys.key).toBeNull()
    await s.vault.lock()
    expect(await s.vault.status()).toMatchObject({ state: 'locked', hasPassword: true })
    await s.vault.unlock(PASSWORD)
  })

  it('changing the password re-wraps the key only: same ciphertext, old password refused', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.mutate((c) => void c.accounts.push({ ...sampleAccount(), id: ID[0] }))
    const before = (await stored())[LOCAL.vault] as { ciphertext: string; nonce: string }
    await expect(s.vault.changePassword('not the password', 'a brand new passphrase')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
    await s.vault.changePassword(PASSWORD, 'a brand new passphrase')
    const after = await stored()
    expect(after[LOCAL.vault]).toMatchObject({ ciphertext: before.ciphertext, nonce: before.nonce })
    // The recovery copy must not keep the old password slot.
    expect(after[LOCAL.vaultPrevious]).toEqual(after[LOCAL.vault])
    await s.vault.lock()
    await expect(s.vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
    await s.vault.unlock('a brand new passphrase')
    expect((await s.vault.current()).content.accounts).toHaveLength(1)
  })
})

describe('what storage.local holds', () => {
  it('contains no secret, issuer or account name in clear after adding accounts', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)

    const h = s.popupHandlers
    await h.addAccounts({ text: `${URI_A}\n${URI_B}` })
    const dump = JSON.stringify(await stored())
    for (const needle of ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'example.com']) expect(dump).not.toContain(needle)
    // A short name as a word of its own: random base64 (the ciphertext, nonces, salts) holds 'bob' about once in 60
    // vaults of this size, which failed this test in CI (session 9); a name in clear sits between quotes or separators.
    for (const name of ['Acme', 'alice', 'Widgets', 'bob'])
      expect(dump).not.toMatch(new RegExp(`(^|[^A-Za-z0-9+/])${name}([^A-Za-z0-9+/=]|$)`))
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null))
    expect(session).not.toContain('Acme')
    expect(session).not.toContain('JBSWY3DPEHPK3PXP')
  })
})

function sampleAccount() {
  return {
    type: 'totp' as const,
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1' as const,
    digits: 6,
    period: 30,
    counter: 0n,
    issuer: 'Acme',
    account: 'alice',
    tags: [],
    pinned: false,
    sites: [],
    createdAt: clock,
    updatedAt: clock,
    order: 0,
  }
}

/**
 * The next worker, whose storage.local answers a read of `held` only once released; storage.session records its reads.
 */
function restartedHolding(held: string) {
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  const local = fakeBrowser.storage.local
  const session = fakeBrowser.storage.session
  const sessionReads: string[][] = []
  const restarted = createBackground({
    local: {
      get: async (keys: string[]) => (keys.includes(held) ? released.then(() => local.get(keys)) : local.get(keys)),
      set: local.set.bind(local),
      remove: local.remove.bind(local),
    },
    session: {
      get: (keys: string[]) => (sessionReads.push(keys), session.get(keys)),
      set: session.set.bind(session),
      remove: session.remove.bind(session),
    },
    deviceKeys,
    now: () => clock,
    version: 'test',
  })
  return { restarted, sessionReads, release }
}

describe('a restarted worker resuming the session (issue #15)', () => {
  it('reads the session key while the vault is still being read, and opens with both', async () => {
    await boot().vault.setup(PASSWORD)
    const { restarted, sessionReads, release } = restartedHolding(LOCAL.vault)
    const status = restarted.vault.status()
    await vi.waitFor(() => expect(sessionReads.flat()).toContain(SESSION.sessionKey), WAIT)
    release()
    expect(await status).toMatchObject({ state: 'unlocked' })
  })

  it('reads the bookkeeping records of storage.local and storage.session at once when it opens the vault', async () => {
    await boot().vault.setup(PASSWORD)
    const { restarted, sessionReads, release } = restartedHolding(LOCAL.lastUsed)
    const current = restarted.vault.current()
    await vi.waitFor(() => expect(sessionReads.flat()).toEqual(expect.arrayContaining([SESSION.counters, SESSION.lastUsed])), WAIT)
    release()
    expect((await current).content.accounts).toEqual([])
  })

  it('stays uninitialised with no vault, whatever storage.session holds', async () => {
    await fakeBrowser.storage.session.set({ [SESSION.sessionKey]: 'not a key' })
    expect(await boot().vault.status()).toMatchObject({ state: 'uninitialized' })
  })
})
