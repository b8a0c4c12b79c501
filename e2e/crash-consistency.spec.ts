import type { Page } from '@playwright/test'
import { base32Encode } from '../src/core/encoding/base32.ts'
import { expect, killServiceWorker, test } from './fixtures.ts'
import { PASSWORD, createVaultWithPassword } from './vault-helpers.ts'

type Reply = { ok: boolean; value?: unknown; error?: { code: string } } | { transport: string }

/** Sends a popup request; a worker killed mid-request gives a transport failure, not an answer. */
function send(popup: Page, type: string, input: object): Promise<Reply> {
  return popup
    .evaluate(([type, input]) => chrome.runtime.sendMessage({ channel: 'popup', type, input }), [type, input] as const)
    // Chromium resolves with undefined when the worker dies before answering.
    .then((r: Reply | undefined) => r ?? { transport: 'no answer' })
    .catch((e: Error) => ({ transport: e.message }))
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
