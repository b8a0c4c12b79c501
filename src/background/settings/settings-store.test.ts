import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import { LOCAL } from '../../shared/storage-keys.ts'
import { createBackground, type Background } from '../background.ts'

const PASSWORD = 'correct horse battery staple'
const clock = 1_700_000_000_000
const deviceKeys = { load: async () => null, save: async () => {}, clear: async () => {} }
/** A fresh worker over the same storage. */
const boot = (): Background =>
  createBackground({ local: fakeBrowser.storage.local, session: fakeBrowser.storage.session, deviceKeys, now: () => clock, version: 't' })
/** What the security review wrote into storage.local from a content script. */
const FORGED = { autoSubmit: true, autoLockMinutes: 0, clipboardClearSeconds: 0, hideCodes: false, clockCorrectionMs: 3_600_000 }
const localSettings = async () =>
  (await fakeBrowser.storage.local.get(LOCAL.settings))[LOCAL.settings] as Record<string, unknown> | undefined

beforeEach(() => fakeBrowser.reset())

describe('SettingsStore', () => {
  it('ignores auto-submit, auto-lock, clipboard and clock values written straight into storage.local', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.settings.update({ hideCodes: true })
    await fakeBrowser.storage.local.set({ [LOCAL.settings]: { ...FORGED, theme: 'dark' } })
    for (const worker of [s, boot()]) {
      expect(await worker.settings.get()).toEqual({ ...DEFAULT_SETTINGS, hideCodes: true, theme: 'dark' })
      expect(await worker.codeNow()).toBe(clock)
    }
  })

  it('keeps protected settings inside the vault, where they survive a worker restart and leave storage.local alone', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.settings.update({ autoSubmit: true, autoLockMinutes: 5, clockCorrectionMs: 120_000, theme: 'light' })
    expect(await localSettings()).toEqual({ theme: 'light', sortOrder: 'manual', fieldButton: true })
    expect((await s.vault.current()).content.settings).toMatchObject({ autoSubmit: true, autoLockMinutes: 5, clockCorrectionMs: 120_000 })
    const restarted = boot()
    expect(await restarted.settings.get()).toMatchObject({
      autoSubmit: true,
      autoLockMinutes: 5,
      clockCorrectionMs: 120_000,
      theme: 'light',
    })
    expect(await restarted.codeNow()).toBe(clock + 120_000)
  })

  it('reads protected settings as their defaults while locked, and changes them only when unlocked', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.settings.update({ autoSubmit: true })
    await s.vault.lock()
    expect(await s.settings.get()).toEqual(DEFAULT_SETTINGS)
    await expect(s.settings.update({ autoSubmit: false })).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
    expect((await s.settings.update({ theme: 'dark' })).theme).toBe('dark')
    await s.vault.unlock(PASSWORD)
    expect(await s.settings.get()).toMatchObject({ autoSubmit: true, theme: 'dark' })
  })

  it('moves an older vault’s settings from storage.local into the vault once, then removes them there', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.mutate((content) => void delete content.settings) // a vault written before settings moved inside
    await fakeBrowser.storage.local.set({ [LOCAL.settings]: { autoSubmit: true, autoLockMinutes: 5, theme: 'dark' } })
    expect(await s.settings.get()).toMatchObject({ autoSubmit: true, autoLockMinutes: 5, theme: 'dark' })
    expect(await localSettings()).toEqual({ theme: 'dark', sortOrder: 'manual', fieldButton: true })
    // Once moved, storage.local is never read for them again.
    await fakeBrowser.storage.local.set({ [LOCAL.settings]: { autoSubmit: false, autoLockMinutes: 0, theme: 'dark' } })
    expect(await boot().settings.get()).toMatchObject({ autoSubmit: true, autoLockMinutes: 5 })
  })

  it('gives a new vault default settings, whatever storage.local held before it was created', async () => {
    await fakeBrowser.storage.local.set({ [LOCAL.settings]: FORGED })
    const s = boot()
    await s.vault.setup(PASSWORD)
    expect(await s.settings.get()).toEqual(DEFAULT_SETTINGS)
  })
})
