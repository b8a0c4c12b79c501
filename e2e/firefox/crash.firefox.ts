/**
 * Crash consistency in Firefox (as e2e/crash-consistency.spec.ts in Chromium): writes in flight when
 * the event page is stopped at a random moment, with the call Firefox's idle timer makes
 * (terminateBackground: the page is torn down whatever it is doing; Chromium's test closes the worker
 * the same way through DevTools). After every stop the vault opens and holds every confirmed write;
 * an import is all there or not at all.
 */
import { base32Encode } from '../../src/core/encoding/base32.ts'
import { PASSWORD, createVaultWithPassword } from '../shared/flows.ts'
import type { Ui } from '../shared/ui.ts'
import { expect, test, type Firefox, type FirefoxUi } from './fixtures.ts'
import { unpackAccountList, type PackedAccountList } from '../../src/shared/account-list-wire.ts'

type Reply = { ok: boolean; value?: unknown; error?: { code: string } } | { transport: string }

/** Sends a popup request; an event page stopped mid-request gives a transport failure, not an answer. */
function send(popup: Ui, type: string, input: object): Promise<Reply> {
  return popup
    .evaluate(([type, input]) => chrome.runtime.sendMessage({ channel: 'popup', type, input }), [type, input] as const)
    .then((r) => (r as Reply | undefined) ?? { transport: 'no answer' })
    .catch((e: Error) => ({ transport: e.message }))
}

const randomSecret = () => base32Encode(crypto.getRandomValues(new Uint8Array(20)))

/** Stops the event page now, whatever it is doing (no wait for it to be idle); returns its state right after. */
async function stopNow(ff: Firefox): Promise<void> {
  const state = await ff.chrome(async (id) => {
    const ext = (
      globalThis as unknown as {
        WebExtensionPolicy: {
          getByID(id: string): { extension: { backgroundState: string; terminateBackground(o: object): Promise<void> } }
        }
      }
    ).WebExtensionPolicy.getByID(id).extension
    await ext.terminateBackground({ disableResetIdleForTest: true })
    return ext.backgroundState
  }, ff.addonId)
  // The replies still in flight may start it again at once: "stopped" or already "starting" again, never left running.
  expect(state).not.toBe('running')
}

/**
 * A quiet extension page to send requests from: the popup itself would refresh its codes and so start
 * the event page by itself (it is left on about:blank).
 */
async function quietPage(ff: Firefox, popup: FirefoxUi): Promise<Ui> {
  const page = await ff.openExtensionPage('src/options/import.html')
  await popup.page.goto('about:blank')
  return page
}

type Listed = { id: string; issuer: string; tags: string[] }
async function listed(popup: Ui): Promise<Listed[]> {
  let r: Reply = { transport: 'not asked' }
  // The first request after a stop starts the event page again.
  await expect.poll(async () => 'ok' in (r = await send(popup, 'listAccounts', {})) && r.ok, { timeout: 30_000 }).toBe(true)
  return unpackAccountList((r as unknown as { value: PackedAccountList }).value).accounts
}

test('stopping the event page at random points during adds and password changes never loses an account', async ({ ff, popup: first }) => {
  test.setTimeout(300_000)
  await createVaultWithPassword(first)
  const popup = await quietPage(ff, first)
  const confirmed: string[] = []
  let interrupted = 0
  const ADD_TRIALS = 15
  for (let trial = 0; trial < ADD_TRIALS; trial++) {
    // Three adds in flight at once, then a stop somewhere between 0 and 40 ms later.
    const names = [0, 1, 2].map((k) => `Crash${trial}x${k}`)
    const replies = names.map((name) =>
      send(popup, 'addAccounts', { text: `otpauth://totp/${name}:user?secret=${randomSecret()}&issuer=${name}` }),
    )
    await new Promise((r) => setTimeout(r, Math.random() * 40))
    await stopNow(ff)
    const settled = await Promise.all(replies)
    settled.forEach((reply, k) => {
      if ('ok' in reply && reply.ok) confirmed.push(names[k] as string)
      else interrupted++
    })
    const present = (await listed(popup)).map((a) => a.issuer)
    for (const name of confirmed) expect(present, `trial ${trial}`).toContain(name)
  }

  let password = PASSWORD
  const PASSWORD_TRIALS = 4
  for (let trial = 0; trial < PASSWORD_TRIALS; trial++) {
    const next = `${PASSWORD} v${trial}`
    const change = send(popup, 'changePassword', { current: password, next })
    await new Promise((r) => setTimeout(r, Math.random() * 1500)) // Argon2id takes a second or more here
    await stopNow(ff)
    const reply = await change
    await listed(popup) // the event page is back
    expect(await send(popup, 'lock', {})).toMatchObject({ ok: true })
    // Exactly one of the two passwords opens the vault, and the accounts are all there.
    const withOld = await send(popup, 'unlock', { password })
    if (!('ok' in withOld && withOld.ok)) {
      expect(withOld).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } })
      expect(await send(popup, 'unlock', { password: next })).toMatchObject({ ok: true })
      password = next
    } else {
      expect(reply).not.toMatchObject({ ok: true }) // a confirmed change must not leave the old password working
      interrupted++
    }
    const present = (await listed(popup)).map((a) => a.issuer)
    for (const name of confirmed) expect(present).toContain(name)
  }
  console.log(
    `Firefox crash consistency: ${ADD_TRIALS} add trials, ${PASSWORD_TRIALS} password-change trials, ${confirmed.length} adds confirmed, ${interrupted} writes interrupted, 0 accounts lost`,
  )
  expect(confirmed.length).toBeGreaterThan(0)
})

test('stopping the event page during edits and imports never loses an account or applies half an import', async ({ ff, popup: first }) => {
  test.setTimeout(300_000)
  await createVaultWithPassword(first)
  const popup = await quietPage(ff, first)
  const seed = Array.from({ length: 5 }, (_, k) => `otpauth://totp/Seed${k}:user?secret=${randomSecret()}&issuer=Seed${k}`)
  expect(await send(popup, 'addAccounts', { text: seed.join('\n') })).toMatchObject({ ok: true })
  const ids = (await listed(popup)).map((a) => a.id)
  let interrupted = 0
  let confirmedEdits = 0

  // Edits: every account renamed and retagged at once, then a stop. Each account keeps its last confirmed name or gets the new one.
  const EDIT_TRIALS = 8
  const expectedName = new Map(ids.map((id, k) => [id, [`Seed${k}`]]))
  for (let trial = 0; trial < EDIT_TRIALS; trial++) {
    const replies = ids.map((id, k) => send(popup, 'updateAccount', { id, issuer: `Edited${k}t${trial}`, tags: [`t${trial}`] }))
    await new Promise((r) => setTimeout(r, Math.random() * 40))
    await stopNow(ff)
    const settled = await Promise.all(replies)
    const now = await listed(popup)
    expect(now.map((a) => a.id).sort()).toEqual([...ids].sort())
    settled.forEach((reply, k) => {
      const id = ids[k] as string
      const account = now.find((a) => a.id === id) as Listed
      expect([...(expectedName.get(id) ?? []), `Edited${k}t${trial}`]).toContain(account.issuer)
      if ('ok' in reply && reply.ok) {
        confirmedEdits++
        expect(account.issuer).toBe(`Edited${k}t${trial}`)
        expect(account.tags).toEqual([`t${trial}`])
      } else interrupted++
      expectedName.set(id, [account.issuer])
    })
  }

  // Imports: 25 accounts in one request, then a stop. Afterwards all 25 are there or none.
  const IMPORT_TRIALS = 8
  const confirmedBatches: string[] = []
  for (let trial = 0; trial < IMPORT_TRIALS; trial++) {
    const batch = Array.from({ length: 25 }, (_, k) => ({
      type: 'totp',
      issuer: `Batch${trial}n${k}`,
      account: 'import@example.com',
      secret: randomSecret(),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: '0',
      tags: ['imported'],
      pinned: false,
      sites: [],
    }))
    const reply = send(popup, 'importAccounts', { accounts: batch, dryRun: false })
    await new Promise((r) => setTimeout(r, Math.random() * 60))
    await stopNow(ff)
    const settled = await reply
    const issuers = new Set((await listed(popup)).map((a) => a.issuer))
    const present = batch.filter((a) => issuers.has(a.issuer)).length
    expect([0, 25], `batch ${trial}: ${present} of 25 present`).toContain(present)
    if ('ok' in settled && settled.ok) confirmedBatches.push(`Batch${trial}n0`)
    else interrupted++
    for (const first of confirmedBatches) expect(issuers).toContain(first)
  }
  expect((await listed(popup)).filter((a) => ids.includes(a.id))).toHaveLength(5)
  console.log(
    `Firefox crash consistency: ${EDIT_TRIALS} edit trials (${confirmedEdits} edits confirmed), ${IMPORT_TRIALS} import trials (${confirmedBatches.length} confirmed), ${interrupted} writes interrupted, 0 accounts lost, 0 half imports`,
  )
})
