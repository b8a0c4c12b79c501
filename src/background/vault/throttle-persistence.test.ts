/**
 * docs/security.md §4, "Wrong-password throttle": the count is kept in storage.local, so neither a
 * worker restart nor a browser restart resets it; a damaged record counts as the longest wait,
 * renewed each time it is read, and locks out until the record is removed. A "worker restart" is
 * a fresh set of services over the same fake-browser storage; a "browser restart" also clears
 * storage.session, as closing the browser does.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { LOCAL } from '../../shared/storage-keys.ts'
import type { Background } from '../background.ts'
import { fakeBackground } from '../../../test/support/fake-background.ts'

const PASSWORD = 'correct horse battery staple'
const HOUR = 3_600_000
let clock = 1_700_000_000_000

function boot(): Background {
  return fakeBackground({
    now: () => clock,
    version: 'test',
  })
}

/** Closing and reopening the browser: storage.session is gone, storage.local stays, the worker is new. */
async function browserRestart(): Promise<Background> {
  await fakeBrowser.storage.session.clear()
  return boot()
}

beforeEach(() => {
  fakeBrowser.reset()
  clock = 1_700_000_000_000
})

describe('the wrong-password throttle record', () => {
  it('survives a browser restart: the wait still holds, and only then does the right password open', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.lock()
    for (let i = 0; i < 6; i++) {
      await expect(s.vault.unlock(`wrong password ${i}`)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
      clock += 30_000 // the 6th attempt waits out the 30 s after the 5th failure
    }
    clock -= 30_000
    const restarted = await browserRestart()
    expect(await restarted.vault.status()).toMatchObject({ state: 'locked', failures: 6, retryAt: clock + 60_000 })
    await expect(restarted.vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'THROTTLED' })
    clock += 60_000
    await restarted.vault.unlock(PASSWORD)
    expect(await (await browserRestart()).vault.status()).toMatchObject({ state: 'locked', failures: 0, retryAt: null })
  })

  it('when damaged, counts as the longest wait, renewed at every read, until the record is removed', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.lock()
    const damaged: unknown[] = [
      '5',
      [],
      {},
      { failures: -1, lastFailureAt: 0 },
      { failures: 2.5, lastFailureAt: 0 },
      { failures: 3 },
      { failures: '7', lastFailureAt: 0 },
    ]
    for (const record of damaged) {
      const label = JSON.stringify(record)
      await fakeBrowser.storage.local.set({ [LOCAL.throttle]: record })
      let worker = boot()
      expect(await worker.vault.status(), label).toMatchObject({ state: 'locked', retryAt: clock + HOUR })
      await expect(worker.vault.unlock(PASSWORD), label).rejects.toMatchObject({
        code: 'THROTTLED',
        message: expect.stringContaining('3600 seconds') as unknown,
      })
      // A day later, in a restarted worker and browser, it is still a full hour away: the wait is renewed, not run down.
      clock += 24 * HOUR
      worker = await browserRestart()
      expect(await worker.vault.status(), label).toMatchObject({ retryAt: clock + HOUR })
      await expect(worker.vault.unlock(PASSWORD), label).rejects.toMatchObject({ code: 'THROTTLED' })
      // Refused attempts leave the damaged record as it was; removing it is the way out.
      expect((await fakeBrowser.storage.local.get(LOCAL.throttle))[LOCAL.throttle], label).toEqual(record)
      await fakeBrowser.storage.local.remove(LOCAL.throttle)
      await worker.vault.unlock(PASSWORD)
      expect((await worker.vault.status()).state, label).toBe('unlocked')
      await worker.vault.lock()
    }
  })
})
