import type { Page } from '@playwright/test'
import { base32Encode } from '../src/core/encoding/base32.ts'
import { expect, killServiceWorker, test } from './fixtures.ts'
import { PASSWORD, createVaultWithPassword } from './vault-helpers.ts'
import { unpackAccountList, type PackedAccountList } from '../src/shared/account-list-wire.ts'

type Reply = { ok: boolean; value?: unknown; error?: { code: string } } | { transport: string }

/** Sends a popup request; a worker killed mid-request gives a transport failure, not an answer. */
function send(popup: Page, type: string, input: object): Promise<Reply> {
  return (
    popup
      .evaluate(([type, input]) => chrome.runtime.sendMessage({ channel: 'popup', type, input }), [type, input] as const)
      // Chromium resolves with undefined when the worker dies before answering.
      .then((r: Reply | undefined) => r ?? { transport: 'no answer' })
      .catch((e: Error) => ({ transport: e.message }))
  )
}

function randomSecret(): string {
  return base32Encode(crypto.getRandomValues(new Uint8Array(20)))
}

const issuers = async (popup: Page): Promise<string[]> => {
  const r = (await send(popup, 'listAccounts', {})) as { ok: boolean; value: { accounts: { issuer: string }[] } }
  expect(r.ok).toBe(true)
  return r.value.accounts.map((a) => a.issuer)
}

test('killing the worker at random points during writes never loses an account', async ({ popup, context, extensionId }) => {
  test.setTimeout(180_000)
  await createVaultWithPassword(popup)
  const confirmed: string[] = []
  let interrupted = 0
  const ADD_TRIALS = 30

  for (let trial = 0; trial < ADD_TRIALS; trial++) {
    // Three adds in flight at once, then a kill somewhere between 0 and 40 ms later.
    const names = [0, 1, 2].map((k) => `Crash${trial}x${k}`)
    const replies = names.map((name) =>
      send(popup, 'addAccounts', { text: `otpauth://totp/${name}:user?secret=${randomSecret()}&issuer=${name}` }),
    )
    await new Promise((r) => setTimeout(r, Math.random() * 40))
    await killServiceWorker(context, extensionId)
    const settled = await Promise.all(replies)
    settled.forEach((reply, k) => {
      if ('ok' in reply && reply.ok) confirmed.push(names[k] as string)
      else interrupted++
    })
    // After every kill the vault must open and hold every add that was confirmed.
    const present = await issuers(popup)
    for (const name of confirmed) expect(present).toContain(name)
  }

  let password = PASSWORD
  const PASSWORD_TRIALS = 6
  for (let trial = 0; trial < PASSWORD_TRIALS; trial++) {
    const next = `${PASSWORD} v${trial}`
    const change = send(popup, 'changePassword', { current: password, next })
    await new Promise((r) => setTimeout(r, Math.random() * 600)) // Argon2id takes a few hundred ms
    await killServiceWorker(context, extensionId)
    const reply = await change
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
    const present = await issuers(popup)
    for (const name of confirmed) expect(present).toContain(name)
  }

  console.log(
    `crash consistency: ${ADD_TRIALS} add trials (3 adds each) and ${PASSWORD_TRIALS} password-change trials, ` +
      `${confirmed.length} adds confirmed, ${interrupted} writes interrupted by a kill, 0 accounts lost`,
  )
  expect(confirmed.length).toBeGreaterThan(0)
})

type Listed = { id: string; issuer: string; account: string; tags: string[] }
const listed = async (popup: Page): Promise<Listed[]> => {
  const r = (await send(popup, 'listAccounts', {})) as { ok: boolean; value: PackedAccountList }
  expect(r.ok).toBe(true)
  return unpackAccountList(r.value).accounts
}

/** One account as the import page hands it over (already parsed from the file). */
const imported = (issuer: string) => ({
  type: 'totp',
  issuer,
  account: 'import@example.com',
  secret: randomSecret(),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: '0',
  tags: ['imported'],
  pinned: false,
  sites: [],
})

test('killing the worker during edits and imports never loses an account or applies half an import', async ({
  popup,
  context,
  extensionId,
}) => {
  test.setTimeout(240_000)
  await createVaultWithPassword(popup)
  const seed = Array.from({ length: 5 }, (_, k) => `otpauth://totp/Seed${k}:user?secret=${randomSecret()}&issuer=Seed${k}`)
  expect(await send(popup, 'addAccounts', { text: seed.join('\n') })).toMatchObject({ ok: true })
  const ids = (await listed(popup)).map((a) => a.id)
  let interrupted = 0
  let confirmedEdits = 0

  // Edits: rename and retag every account at once, then a kill. Each account afterwards has either
  // its last confirmed name or the one being written, never anything else, and none is missing.
  const EDIT_TRIALS = 15
  const expectedName = new Map(ids.map((id, k) => [id, [`Seed${k}`]]))
  for (let trial = 0; trial < EDIT_TRIALS; trial++) {
    const edits = ids.map((id, k) => ({ id, issuer: `Edited${k}t${trial}`, tags: [`t${trial}`] }))
    const replies = edits.map((e) => send(popup, 'updateAccount', e))
    await new Promise((r) => setTimeout(r, Math.random() * 40))
    await killServiceWorker(context, extensionId)
    const settled = await Promise.all(replies)
    const now = await listed(popup)
    expect(now.map((a) => a.id).sort()).toEqual([...ids].sort())
    settled.forEach((reply, k) => {
      const id = ids[k] as string
      const account = now.find((a) => a.id === id) as Listed
      const allowed = [...(expectedName.get(id) ?? []), `Edited${k}t${trial}`]
      expect(allowed).toContain(account.issuer)
      if ('ok' in reply && reply.ok) {
        confirmedEdits++
        expect(account.issuer).toBe(`Edited${k}t${trial}`)
        expect(account.tags).toEqual([`t${trial}`])
      } else interrupted++
      expectedName.set(id, [account.issuer])
    })
  }

  // Imports: a batch of 25 accounts in one request, then a kill. Afterwards all 25 are there or none,
  // and every confirmed batch is there.
  const IMPORT_TRIALS = 15
  const confirmedBatches: string[] = []
  for (let trial = 0; trial < IMPORT_TRIALS; trial++) {
    const batch = Array.from({ length: 25 }, (_, k) => imported(`Batch${trial}n${k}`))
    const reply = send(popup, 'importAccounts', { accounts: batch, dryRun: false })
    await new Promise((r) => setTimeout(r, Math.random() * 60))
    await killServiceWorker(context, extensionId)
    const settled = await reply
    const issuers = new Set((await listed(popup)).map((a) => a.issuer))
    const present = batch.filter((a) => issuers.has(a.issuer)).length
    expect([0, 25], `batch ${trial}: ${present} of 25 present`).toContain(present)
    if ('ok' in settled && settled.ok) confirmedBatches.push(`Batch${trial}n0`)
    else interrupted++
    for (const first of confirmedBatches) expect(issuers).toContain(first)
    expect(ids.every((id) => expectedName.has(id))).toBe(true)
  }
  expect((await listed(popup)).filter((a) => ids.includes(a.id))).toHaveLength(5)

  console.log(
    `crash consistency: ${EDIT_TRIALS} edit trials (5 concurrent edits each, ${confirmedEdits} confirmed) and ` +
      `${IMPORT_TRIALS} import trials (25 accounts each, ${confirmedBatches.length} confirmed), ` +
      `${interrupted} writes interrupted by a kill, 0 accounts lost, 0 half imports`,
  )
})
