/**
 * Hostile: many wrong passwords sent at once through the real worker, from an
 * extension page (what a compromised or scripted page of the extension could do).
 * Each password the worker tries is counted, and once the schedule calls for a
 * wait every further request is refused THROTTLED, whatever asked for it.
 */
import type { Page, Worker } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { popupRequest } from './page-helpers.ts'
import { ACME, createVaultWithPassword } from './vault-helpers.ts'

const PARALLEL = 16
/** Wrong passwords tried without a wait (src/core/vault/throttle-delay.ts: FREE_FAILURES). */
const FREE_FAILURES = 5

/** Sends `PARALLEL` requests of `type` at the same time and returns each answer's error code ('ok' on success). */
function fireAtOnce(page: Page, type: string, input: (i: number) => object): Promise<string[]> {
  const inputs = Array.from({ length: PARALLEL }, (_, i) => input(i))
  return page.evaluate(
    async ([type, inputs]) => {
      const answers = await Promise.all(inputs.map((input) => chrome.runtime.sendMessage({ channel: 'popup', type, input })))
      return answers.map((a: { ok: boolean; error?: { code: string } }) => (a.ok ? 'ok' : (a.error?.code ?? '?')))
    },
    [type, inputs] as const,
  )
}

const storedFailures = (sw: Worker) =>
  sw.evaluate(async () => ((await chrome.storage.local.get('throttle'))['throttle'] as { failures?: number } | undefined)?.failures ?? 0)

const tally = (codes: string[]) => Object.fromEntries([...new Set(codes)].sort().map((c) => [c, codes.filter((x) => x === c).length]))

test('parallel wrong passwords for "show QR" and unlock: each tried one is counted, the rest THROTTLED', async ({ popup, sw }) => {
  test.setTimeout(120_000)
  await createVaultWithPassword(popup)
  const added = await popupRequest<{ added: { id: string }[] }>(popup, 'addAccounts', { text: ACME })
  const id = added.value.added[0]!.id

  const qr = await fireAtOnce(popup, 'accountQr', (i) => ({ id, password: `wrong password ${i}` }))
  expect.soft(tally(qr)).toEqual({ THROTTLED: PARALLEL - FREE_FAILURES, WRONG_PASSWORD: FREE_FAILURES })
  expect(await storedFailures(sw), 'failures stored').toBe(FREE_FAILURES)

  // Locked, the unlock requests meet the same count: all of them wait, and none is tried.
  expect((await popupRequest(popup, 'lock', {})).ok).toBe(true)
  const unlocks = await fireAtOnce(popup, 'unlock', (i) => ({ password: `wrong again ${i}` }))
  expect(tally(unlocks)).toEqual({ THROTTLED: PARALLEL })
  expect(await storedFailures(sw)).toBe(FREE_FAILURES)

  // What the person then sees: the wait, and no way to try.
  await popup.reload()
  await expect(popup.getByRole('alert')).toHaveText(/Too many wrong passwords\. Try again in \d+ seconds\./, { timeout: 15_000 })
  await expect(popup.getByRole('button', { name: 'Unlock' })).toBeDisabled()
})
