import fs from 'node:fs'
import { launchWithExtension } from '../scripts/browser.mjs'
import { EXTENSION_DIR, expect, openExtensionPage, stopServiceWorker, test } from './fixtures.ts'
import { ACME, PASSWORD, WIDGETS, addAccounts, createVaultWithPassword, expectCodeShown, storageDump, unlock } from './vault-helpers.ts'

test('first run with a password, then an account with a live code', async ({ popup }) => {
  await popup.getByLabel('New password').fill('password')
  await expect(popup.getByText(/Too common/)).toBeVisible()
  await expect(popup.getByRole('button', { name: 'Create vault' })).toBeDisabled()
  await createVaultWithPassword(popup)
  await expect(popup.getByText('No accounts yet.', { exact: false })).toBeVisible()
  await addAccounts(popup, ACME, WIDGETS)
  await expect(popup.getByRole('status').filter({ hasText: 'Added 2.' })).toBeVisible()
  await expectCodeShown(popup, ACME, 'Acme Bank')
  await expectCodeShown(popup, WIDGETS, 'Widgets')
})

test('first run declining a password: device key, weaker and labelled so', async ({ popup, context, extensionId }) => {
  await popup.getByRole('button', { name: 'Continue without a password' }).click()
  await expect(popup.getByText(/Anyone who can use this profile can see your codes/)).toBeVisible()
  const go = popup.getByRole('button', { name: 'Continue without a password' })
  await expect(go).toBeDisabled()
  await popup.getByLabel('I understand this is weaker').check()
  await go.click()
  await addAccounts(popup, ACME)
  // The worker restarts and the session is gone: the device key still opens the vault without a prompt.
  await stopServiceWorker(context, extensionId)
  const again = await openExtensionPage(context, extensionId)
  await expectCodeShown(again, ACME, 'Acme Bank')
  // Labelled as weaker where the accounts are, with the way out: add a password.
  await expect(again.getByText(/No password: anyone who can use this browser profile/)).toBeVisible()
  await again.getByRole('button', { name: 'Add a password' }).click()
  await again.getByLabel('New password').fill(PASSWORD)
  await again.getByLabel('Repeat the password').fill(PASSWORD)
  await again.getByRole('button', { name: 'Add a password' }).click()
  await expect(again.getByRole('status').filter({ hasText: 'The password is saved.' })).toBeVisible()
  await again.getByRole('button', { name: 'Done' }).click()
  await expect(again.getByText(/No password:/)).toHaveCount(0)
  await again.getByRole('button', { name: 'Lock' }).click()
  await unlock(again)
  await expectCodeShown(again, ACME, 'Acme Bank')
})

test('lock, a wrong password, then the right one', async ({ popup }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  await popup.getByRole('button', { name: 'Lock' }).click()
  await expect(popup.getByRole('heading', { name: 'Unlock Keyfob' })).toBeVisible()
  await expect(popup.getByText('Acme Bank')).toHaveCount(0)
  await unlock(popup, 'not my password')
  await expect(popup.getByRole('alert')).toHaveText('Wrong password. Try again.')
  await unlock(popup)
  await expectCodeShown(popup, ACME, 'Acme Bank')
})

test('after 5 wrong passwords the popup counts down and refuses to try', async ({ popup, context, extensionId }) => {
  await createVaultWithPassword(popup)
  await popup.getByRole('button', { name: 'Lock' }).click()
  for (let i = 1; i <= 5; i++) {
    await unlock(popup, `wrong password ${i}`)
    await expect(popup.getByRole('alert')).toHaveText(i < 5 ? 'Wrong password. Try again.' : /Try again in (29|30) seconds/)
  }
  await expect(popup.getByRole('button', { name: 'Unlock' })).toBeDisabled()
  // The wait survives a worker restart: it is kept in storage.local.
  await stopServiceWorker(context, extensionId)
  const again = await openExtensionPage(context, extensionId)
  await expect(again.getByRole('alert')).toHaveText(/Too many wrong passwords\. Try again in \d+ seconds\./)
  await expect(again.getByRole('button', { name: 'Unlock' })).toBeDisabled()
})

test('auto-lock after the idle time, through the real alarm listener', async ({ popup, sw }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  const status = await popup.evaluate(() =>
    chrome.runtime.sendMessage<unknown, unknown>({ channel: 'popup', type: 'updateSettings', input: { autoLockMinutes: 1 } }),
  )
  expect(status).toMatchObject({ ok: true, value: { autoLockMinutes: 1 } })
  expect(await sw.evaluate(async () => (await chrome.alarms.get('keyfob-auto-lock'))?.periodInMinutes)).toBe(1)
  // Not idle yet: the alarm fires and nothing happens.
  await sw.evaluate(() =>
    (chrome.alarms.onAlarm as unknown as { dispatch: (a: object) => void }).dispatch({
      name: 'keyfob-auto-lock',
      scheduledTime: Date.now(),
    }),
  )
  await popup.reload()
  await expectCodeShown(popup, ACME, 'Acme Bank')
  // Two minutes without use (the last-activity time is what a real wait would leave behind).
  await sw.evaluate(() => chrome.storage.session.set({ lastActivity: Date.now() - 120_000 }))
  await sw.evaluate(() =>
    (chrome.alarms.onAlarm as unknown as { dispatch: (a: object) => void }).dispatch({
      name: 'keyfob-auto-lock',
      scheduledTime: Date.now(),
    }),
  )
  await expect.poll(async () => (await storageDump(sw)).session).toBe('{}')
  await popup.reload()
  await expect(popup.getByRole('heading', { name: 'Unlock Keyfob' })).toBeVisible()
})

test('a worker restart keeps an unlocked vault unlocked and a locked one locked', async ({ popup, context, extensionId }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  await stopServiceWorker(context, extensionId)
  await popup.reload()
  await expectCodeShown(popup, ACME, 'Acme Bank')
  await popup.getByRole('button', { name: 'Lock' }).click()
  await expect(popup.getByRole('heading', { name: 'Unlock Keyfob' })).toBeVisible()
  await stopServiceWorker(context, extensionId)
  await popup.reload()
  await expect(popup.getByRole('heading', { name: 'Unlock Keyfob' })).toBeVisible()
})

test('a browser restart locks the vault and keeps the accounts', async ({ popup, context, extensionId, userDataDir }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  await context.close()
  const relaunched = await launchWithExtension(userDataDir, { extensionDir: EXTENSION_DIR })
  try {
    const again = await openExtensionPage(relaunched, extensionId)
    await expect(again.getByRole('heading', { name: 'Unlock Keyfob' })).toBeVisible()
    await unlock(again)
    await expectCodeShown(again, ACME, 'Acme Bank')
  } finally {
    await relaunched.close()
  }
  expect(fs.existsSync(userDataDir)).toBe(true)
})

test('a tampered stored vault gives a clear error, is never overwritten, and the previous copy can be restored', async ({
  popup,
  sw,
  context,
  extensionId,
}) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  await addAccounts(popup, WIDGETS)
  await popup.getByRole('button', { name: 'Lock' }).click()
  const tampered = await sw.evaluate(async () => {
    const { vault } = await chrome.storage.local.get<{ vault: { ciphertext: string } }>('vault')
    // Change one base64 character in the middle: still well-formed, so only authentication can catch it.
    const c = vault.ciphertext
    const i = Math.floor(c.length / 2)
    const next = { ...vault, ciphertext: c.slice(0, i) + (c[i] === 'A' ? 'B' : 'A') + c.slice(i + 1) }
    await chrome.storage.local.set({ vault: next })
    return JSON.stringify(next)
  })
  await stopServiceWorker(context, extensionId)
  await popup.reload()
  await unlock(popup)
  await expect(popup.getByRole('alert')).toHaveText(/could not be decrypted: it was changed or damaged/)
  const after = await popup.evaluate(async () => JSON.stringify((await chrome.storage.local.get('vault')).vault))
  expect(after).toBe(tampered)
  const previous = await popup.evaluate(async () => (await chrome.storage.local.get('vaultPrevious')).vaultPrevious)
  expect(previous).toMatchObject({ format: 'keyfob-vault' })
  // The person restores the copy before the last change: Acme is back, Widgets (the last add) is not.
  await expect(popup.getByText(/may lack your most recent change/)).toBeVisible()
  await popup.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await popup.getByRole('button', { name: 'Restore the previous copy' }).click()
  await expectCodeShown(popup, ACME, 'Acme Bank')
  await expect(popup.getByRole('button', { name: /for Widgets$/ })).toHaveCount(0)
  const kept = await popup.evaluate(async () => JSON.stringify((await chrome.storage.local.get('vaultDamaged')).vaultDamaged))
  expect(kept).toBe(tampered)
})

test('storage holds no secret, issuer or account name in clear', async ({ popup, sw }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME, WIDGETS)
  const { local, session } = await storageDump(sw)
  expect(local).toContain('keyfob-vault')
  for (const needle of ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'Acme', 'alice', 'Widgets', 'bob@', 'example.com', PASSWORD]) {
    expect(local).not.toContain(needle)
    expect(session).not.toContain(needle)
  }
})
