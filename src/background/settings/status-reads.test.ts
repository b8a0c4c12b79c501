/**
 * Issue #15: a running worker answered every popup opening after two storage round trips, one after the other (the
 * throttle record, then the clock record), each slow while the browser loads the popup's page. Both are now kept
 * between reads while unchanged (watched-key.ts), and any context's change of either is seen at the next status.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { LOCAL, SESSION } from '../../shared/storage-keys.ts'
import { createBackground } from '../background.ts'

const now = 1_700_000_000_000

/** The keys each area was asked for since the last call. */
function readsOf(area: typeof fakeBrowser.storage.local) {
  const spy = vi.spyOn(area, 'get')
  return (): string[] => {
    const keys = spy.mock.calls.flatMap((args): string[] => {
      const asked: unknown = args[0]
      if (Array.isArray(asked)) return asked.map(String)
      if (typeof asked === 'string') return [asked]
      return typeof asked === 'object' && asked !== null ? Object.keys(asked) : []
    })
    spy.mockClear()
    return keys
  }
}

beforeEach(() => fakeBrowser.reset())

describe('the status every popup opening asks', () => {
  it('reads the throttle and clock records once while they are unchanged, and again after any change', async () => {
    const s = createBackground({
      local: fakeBrowser.storage.local,
      session: fakeBrowser.storage.session,
      deviceKeys: { load: async () => null, save: async () => {}, clear: async () => {} },
      now: () => now,
      version: 't',
    })
    await s.vault.setup('correct horse battery staple')
    const local = readsOf(fakeBrowser.storage.local)
    const session = readsOf(fakeBrowser.storage.session)
    expect(await s.status()).toMatchObject({ state: 'unlocked', failures: 0, clock: null })
    local()
    session()
    await s.status()
    expect(local()).not.toContain(LOCAL.throttle)
    expect(session()).not.toContain(SESSION.clock)

    // Another context's writes (the events come from the browser): seen at the next status.
    await fakeBrowser.storage.local.set({ [LOCAL.throttle]: { failures: 3, lastFailureAt: now } })
    const twoSites = { 'bank.example': { skewMs: 120_000, at: now }, 'shop.test': { skewMs: 120_000, at: now } }
    await fakeBrowser.storage.session.set({ [SESSION.clock]: twoSites })
    const changed = await s.status()
    expect(changed.failures).toBe(3)
    expect(changed.clock).toMatchObject({ skewMs: 120_000, correctable: true })
    await fakeBrowser.storage.local.remove(LOCAL.throttle)
    expect((await s.status()).failures).toBe(0)
  })
})
