import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { LOCAL } from '../../shared/storage-keys.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import type { DeviceKeyStore } from './device-key-store.ts'
import { VaultService } from './vault-service.ts'
import { WAIT } from '../../../test/support/wait.ts'

const PASSWORD = 'correct horse battery staple'

function memoryDeviceKeys(): DeviceKeyStore {
  let key: CryptoKey | null = null
  return { load: async () => key, save: async (k) => void (key = k), clear: async () => void (key = null) }
}

/** storage.local as the worker sees it, counting the reads of the vault's key; `watch: false` is an area without change events. */
function countingLocal({ watch = true } = {}): KeyValueArea & { vaultReads: number; beforeRead?: () => Promise<void> } {
  const local = fakeBrowser.storage.local
  const area: KeyValueArea & { vaultReads: number; beforeRead?: () => Promise<void> } = {
    vaultReads: 0,
    async get(keys) {
      if (keys.includes(LOCAL.vault)) {
        area.vaultReads += 1
        const values = await local.get(keys)
        await area.beforeRead?.()
        return values
      }
      return local.get(keys)
    },
    set: (items) => local.set(items),
    remove: (keys) => local.remove(keys),
  }
  if (watch) area.onChanged = local.onChanged
  return area
}

let deviceKeys = memoryDeviceKeys()
const service = (local: KeyValueArea) => new VaultService({ local, session: fakeBrowser.storage.session, deviceKeys })

beforeEach(() => {
  fakeBrowser.reset()
  deviceKeys = memoryDeviceKeys()
})

describe('VaultStore: the stored envelope read once, not on every popup opening (issue #15)', () => {
  it('answers status() again without reading the vault while nothing changed it', async () => {
    const local = countingLocal()
    const vault = service(local)
    await vault.setup(PASSWORD)
    expect(await vault.status()).toMatchObject({ state: 'unlocked', hasPassword: true })
    const reads = local.vaultReads
    for (let i = 0; i < 3; i++) expect(await vault.status()).toMatchObject({ state: 'unlocked', hasPassword: true })
    await vault.lock()
    expect(await vault.status()).toMatchObject({ state: 'locked', hasPassword: true })
    expect(local.vaultReads).toBe(reads)
  })

  it('reads the vault once for status and resuming in a restarted worker', async () => {
    await service(countingLocal()).setup(PASSWORD)
    const local = countingLocal()
    const restarted = service(local) // the master key is still in storage.session
    expect(await restarted.status()).toMatchObject({ state: 'unlocked' })
    expect((await restarted.current()).content.accounts).toEqual([])
    expect(local.vaultReads).toBe(1)
  })

  it('sees a vault another context wrote, damaged or removed', async () => {
    const local = countingLocal()
    const vault = service(local)
    await vault.setup(null) // a device slot, no password
    expect(await vault.status()).toMatchObject({ state: 'unlocked', hasPassword: false })
    // Another worker instance over the same storage (the same vault, resumed from storage.session) adds a password.
    await service(countingLocal()).addPassword(PASSWORD)
    expect(await vault.status()).toMatchObject({ hasPassword: true })
    await fakeBrowser.storage.local.set({ [LOCAL.vault]: { format: 'something else' } })
    expect(await vault.status()).toMatchObject({ state: 'corrupt' })
    await fakeBrowser.storage.local.remove(LOCAL.vault)
    expect(await vault.status()).toMatchObject({ state: 'uninitialized' })
  })

  it('does not keep a read that a change overtook', async () => {
    const local = countingLocal()
    const vault = service(local)
    await vault.setup(PASSWORD)
    await vault.lock()
    // The vault is removed after its old value was read but before that read is done.
    local.beforeRead = async () => {
      local.beforeRead = undefined
      await fakeBrowser.storage.local.remove(LOCAL.vault)
    }
    expect(await vault.status()).toMatchObject({ state: 'locked' })
    expect(await vault.status()).toMatchObject({ state: 'uninitialized' })
  })

  it('shares a read under way, but not with a load that starts after a change overtook it', async () => {
    const local = countingLocal()
    const vault = service(local)
    await vault.setup(PASSWORD)
    await vault.lock()
    const store = vault['store']
    store['cached'] = null
    const reads = local.vaultReads
    // Two loads while one read is under way: one read, one answer.
    const [a, b] = await Promise.all([store.load(), store.load()])
    expect(a).toEqual(b)
    expect(local.vaultReads).toBe(reads + 1)
    // The vault is removed while a read is under way: a load started after that reads again and sees it gone.
    store['cached'] = null
    let removed = () => {}
    local.beforeRead = () => {
      local.beforeRead = undefined
      return new Promise<void>((resolve) => (removed = resolve))
    }
    const stale = store.load()
    await vi.waitFor(() => expect(local.vaultReads).toBe(reads + 2), WAIT)
    await fakeBrowser.storage.local.remove(LOCAL.vault)
    const fresh = store.load()
    removed()
    expect(await stale).not.toBeNull()
    expect(await fresh).toBeNull()
    expect(local.vaultReads).toBe(reads + 3)
  })

  it('reads every time from an area without change events', async () => {
    const local = countingLocal({ watch: false })
    const vault = service(local)
    await vault.setup(PASSWORD)
    const reads = local.vaultReads
    await vault.status()
    await vault.status()
    expect(local.vaultReads).toBe(reads + 2)
  })
})
