/**
 * Hostile: a page of the extension (or anything that can make it send requests)
 * fires many password attempts at once. Every password the KDF actually tries
 * must be counted, and no more may be tried than the throttle schedule allows
 * at that moment; the rest are answered THROTTLED without running the KDF.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { throttleDelay } from '../../core/vault/index.ts'
import { deriveKek } from '../../core/vault/derive-kek.ts'
import { LOCAL } from '../../shared/storage-keys.ts'
import { WAIT } from '../../../test/support/wait.ts'

import type { Background } from '../background.ts'
import { fakeBackground } from '../../../test/support/fake-background.ts'

// A spy on the password KDF that still derives for real. One derivation at a time: hash-wasm
// blocks the thread anyway, and 100 Argon2id instances of 64 MiB alive at once would need GiBs.
vi.mock('../../core/vault/derive-kek.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../core/vault/derive-kek.ts')>()
  let running: Promise<unknown> = Promise.resolve()
  return {
    ...actual,
    deriveKek: vi.fn((...args: Parameters<typeof actual.deriveKek>) => {
      const run = running.then(() => actual.deriveKek(...args))
      running = run.catch(() => undefined)
      return run
    }),
  }
})

const PASSWORD = 'correct horse battery staple'
const URI = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const PARALLEL = 100
let clock = 1_700_000_000_000

function boot(): Background {
  return fakeBackground({
    now: () => clock,
    version: 'test',
  })
}

/** How many wrong passwords may be tried in a row, from `failures`, before a wait is due. */
function allowedFrom(failures: number): number {
  let n = 0
  while (throttleDelay(failures + n) === 0) n++
  return n
}

const storedFailures = async () =>
  ((await fakeBrowser.storage.local.get(LOCAL.throttle))[LOCAL.throttle] as { failures: number } | undefined)?.failures ?? 0

/** The error code of each settled attempt ('ok' for a success). */
async function outcomes(attempts: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(attempts)
  return settled.map((r) => (r.status === 'fulfilled' ? 'ok' : String((r.reason as { code?: string }).code ?? r.reason)))
}
const count = (codes: string[], code: string) => codes.filter((c) => c === code).length

beforeEach(() => {
  fakeBrowser.reset()
  clock = 1_700_000_000_000
})

describe('password attempts are serialised and every one is counted', () => {
  it(`${PARALLEL} parallel wrong unlocks: as many tried as the schedule allows, each counted, the rest THROTTLED`, async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.lock()
    vi.mocked(deriveKek).mockClear()
    const codes = await outcomes(Array.from({ length: PARALLEL }, (_, i) => s.vault.unlock(`wrong password ${i}`)))
    const allowed = allowedFrom(0)
    expect(vi.mocked(deriveKek)).toHaveBeenCalledTimes(allowed)
    expect(await storedFailures()).toBe(allowed)
    expect(count(codes, 'WRONG_PASSWORD')).toBe(allowed)
    expect(count(codes, 'THROTTLED')).toBe(PARALLEL - allowed)
    // Once the wait is over, one more try (the schedule allows exactly one), then a longer wait.
    clock += throttleDelay(allowed)
    vi.mocked(deriveKek).mockClear()
    const again = await outcomes(Array.from({ length: PARALLEL }, (_, i) => s.vault.unlock(`wrong again ${i}`)))
    expect(vi.mocked(deriveKek)).toHaveBeenCalledTimes(1)
    expect(await storedFailures()).toBe(allowed + 1)
    expect(count(again, 'THROTTLED')).toBe(PARALLEL - 1)
  })

  it(
    `${PARALLEL} parallel wrong confirmations (show QR, export, change password) are counted like unlocks`,
    { timeout: 180_000 },
    async () => {
      const s = boot()
      await s.vault.setup(PASSWORD)
      const h = s.popupHandlers
      const { added } = await h.addAccounts({ text: URI })
      const id = added[0]!.id
      vi.mocked(deriveKek).mockClear()
      const attempts = Array.from({ length: PARALLEL }, (_, i): Promise<unknown> => {
        const password = `wrong password ${i}`
        if (i % 3 === 0) return h.accountQr({ id, password })
        if (i % 3 === 1) return h.exportVault({ format: 'otpauth-uri-list', password, acceptPlaintext: true })
        // changePassword confirms inside the write queue: it must neither deadlock nor bypass the count.
        return s.vault.changePassword(password, 'a brand new passphrase')
      })
      const codes = await outcomes(attempts)
      const allowed = allowedFrom(0)
      expect.soft(vi.mocked(deriveKek), 'passwords evaluated').toHaveBeenCalledTimes(allowed)
      expect.soft(await storedFailures(), 'failures recorded').toBe(allowed)
      expect.soft(count(codes, 'WRONG_PASSWORD'), 'WRONG_PASSWORD answers').toBe(allowed)
      expect.soft(count(codes, 'THROTTLED'), 'THROTTLED answers').toBe(PARALLEL - allowed)
    },
  )

  it(`${PARALLEL} parallel wrong restores of a damaged vault: each counted once, the rest THROTTLED`, async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    await s.vault.mutate(() => undefined) // a previous generation to restore
    await fakeBrowser.storage.local.set({ [LOCAL.vault]: 'damaged on disk' })
    await fakeBrowser.storage.session.clear()
    const after = boot()
    vi.mocked(deriveKek).mockClear()
    const codes = await outcomes(Array.from({ length: PARALLEL }, (_, i) => after.vault.restorePrevious(`wrong password ${i}`)))
    const allowed = allowedFrom(0)
    expect(vi.mocked(deriveKek)).toHaveBeenCalledTimes(allowed)
    expect(await storedFailures()).toBe(allowed)
    expect(count(codes, 'THROTTLED')).toBe(PARALLEL - allowed)
  })

  it('the right password while others are queued resets the count, and nothing deadlocks', async () => {
    const s = boot()
    await s.vault.setup(PASSWORD)
    const h = s.popupHandlers
    const { added } = await h.addAccounts({ text: URI })
    const id = added[0]!.id
    vi.mocked(deriveKek).mockClear()
    const wrong = Array.from({ length: 3 }, (_, i) => h.accountQr({ id, password: `wrong ${i}` }))
    // Queued behind them: the first wrong one is being tried (the others started with it; how many steps a request
    // takes before it reaches the throttle is no promise of the background's).
    await vi.waitFor(() => expect(vi.mocked(deriveKek)).toHaveBeenCalled(), WAIT)
    const change = s.vault.changePassword(PASSWORD, 'a brand new passphrase')
    const codes = await outcomes([...wrong, change])
    expect(codes).toEqual(['WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'ok'])
    expect(await storedFailures()).toBe(0)
  })
})
