import type { BrowserContext, CDPSession, Page } from '@playwright/test'
import { expect, openExtensionPage, test } from './fixtures.ts'
import { ACME, PASSWORD, addAccounts, createVaultWithPassword, expectCodeShown } from './vault-helpers.ts'

/*
 * Passkeys against DevTools virtual authenticators (CTAP2, internal, user verification, PRF).
 * A virtual authenticator belongs to the tab it was added to, so the ceremonies run in one tab that
 * carries it: the passkeys page opened from Settings, and the unlock page the popup's button opens
 * (the test takes that page's URL from the window the button opened, and loads it in this tab).
 */

const ARGON2 = { timeout: 60_000 }

async function authenticator(cdp: CDPSession, hasPrf = true): Promise<string> {
  await cdp.send('WebAuthn.enable', { enableUI: false })
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf,
      automaticPresenceSimulation: true,
    },
  })
  return authenticatorId
}

/** Settings → Security → Passkeys… opens the passkeys page in a tab. */
async function openPasskeys(context: BrowserContext, popup: Page): Promise<Page> {
  await popup.getByRole('button', { name: 'Settings' }).click()
  await popup.getByRole('button', { name: 'Security', exact: true }).click()
  const opened = context.waitForEvent('page')
  await popup.getByRole('button', { name: 'Passkeys…' }).click()
  const page = await opened
  await expect(page.getByRole('heading', { name: 'Passkeys', exact: true })).toBeVisible()
  return page
}

async function addPasskey(page: Page, name: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Name of the passkey').fill(name)
  await page.getByLabel('Keyfob password (to confirm it is you)').fill(password)
  await page.getByRole('button', { name: 'Add a passkey' }).click()
}

/** The popup's "Unlock with passkey" opens the unlock page in a window of its own: its URL. */
async function unlockPageUrl(context: BrowserContext, extensionId: string): Promise<string> {
  const popup = await openExtensionPage(context, extensionId)
  const button = popup.getByRole('button', { name: 'Unlock with passkey' })
  await expect(button).toBeVisible()
  // It comes first, before the password field.
  await expect(popup.getByRole('button').first()).toHaveText('Unlock with passkey')
  const opened = context.waitForEvent('page')
  await button.click()
  const window = await opened
  await window.waitForLoadState('domcontentloaded')
  const url = window.url()
  expect(url).toBe(`chrome-extension://${extensionId}/src/options/passkey-unlock.html`)
  await window.close()
  if (!popup.isClosed()) await popup.close()
  return url
}

async function lockFromPopup(context: BrowserContext, extensionId: string): Promise<void> {
  const popup = await openExtensionPage(context, extensionId)
  await popup.getByRole('button', { name: 'Lock' }).click()
  await expect(popup.getByRole('heading', { name: 'Unlock Keyfob' })).toBeVisible()
  await popup.close()
}

/** Runs the unlock page in `page` (which carries the authenticator); the sentence it shows. */
async function runUnlockPage(page: Page, url: string): Promise<Page> {
  await page.goto(url)
  return page
}

test('enrol a passkey, unlock with it through the popup, the password still unlocks, remove it', async ({
  context,
  popup,
  extensionId,
}) => {
  test.setTimeout(120_000)
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  const page = await openPasskeys(context, popup)
  await expect(page.getByText('No passkey unlocks Keyfob yet.')).toBeVisible()
  const cdp = await context.newCDPSession(page)
  const authenticatorId = await authenticator(cdp)

  await addPasskey(page, 'Phone')
  await expect(page.getByRole('status')).toHaveText('The passkey “Phone” now unlocks Keyfob.', ARGON2)
  const list = page.getByRole('list', { name: 'Passkeys that unlock Keyfob' })
  await expect(list.getByRole('listitem')).toHaveCount(1)
  await expect(list).toContainText(`Phone added ${new Date().toLocaleDateString('en', { dateStyle: 'medium' })}`)
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1)

  // The passkey confirms an export instead of the password.
  await page.goto(`chrome-extension://${extensionId}/src/options/export.html`)
  await page.getByLabel('Password for the exported file').fill('a separate backup passphrase')
  await page.getByLabel('Repeat the password').fill('a separate backup passphrase')
  const download = page.waitForEvent('download', ARGON2)
  await page.getByRole('button', { name: 'Confirm with a passkey and export' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.json$/)

  // And "show as QR code": the popup opens the passkey window, which shows the picture.
  const qrPopup = await openExtensionPage(context, extensionId)
  await qrPopup.getByRole('button', { name: 'Actions for Acme Bank' }).click()
  await qrPopup.getByRole('button', { name: 'Show QR code' }).click()
  const qrOpened = context.waitForEvent('page')
  await qrPopup.getByRole('button', { name: 'Confirm with a passkey' }).click()
  const qrWindow = await qrOpened
  await qrWindow.waitForLoadState('domcontentloaded')
  const qrUrl = qrWindow.url()
  expect(qrUrl).toMatch(new RegExp(`^chrome-extension://${extensionId}/src/options/passkey-unlock\\.html\\?qr=[^&]+&name=Acme\\+Bank$`))
  await qrWindow.close()
  if (!qrPopup.isClosed()) await qrPopup.close()
  await page.goto(qrUrl) // the tab that carries the authenticator
  await expect(page.getByRole('img', { name: 'QR code with the key for Acme Bank' })).toBeVisible(ARGON2)
  expect(await page.content()).not.toContain('JBSWY3DPEHPK3PXP')

  await lockFromPopup(context, extensionId)
  const url = await unlockPageUrl(context, extensionId)
  await runUnlockPage(page, url)
  // Where action.openPopup works (measured: it does in some runs here, not in others), the page
  // reopens the popup and closes; else it says so.
  await expect
    .poll(
      async () =>
        page.isClosed() ||
        (await page
          .getByRole('status')
          .textContent()
          .catch(() => 'closed')),
      ARGON2,
    )
    .toMatch(/^(true|closed|Keyfob is unlocked\. Open Keyfob again from the toolbar\.)$/)
  const again = await openExtensionPage(context, extensionId)
  await expectCodeShown(again, ACME, 'Acme Bank')

  // The password still unlocks.
  await again.getByRole('button', { name: 'Lock' }).click()
  await again.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await again.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expectCodeShown(again, ACME, 'Acme Bank')

  // Remove it (after the password): the popup no longer offers it.
  const manage = await openPasskeys(context, again)
  await manage.getByRole('button', { name: 'Remove the passkey “Phone”' }).click()
  await manage.getByLabel('Keyfob password (to confirm it is you)').fill('not the password')
  await manage.getByRole('button', { name: 'Remove passkey' }).click()
  await expect(manage.getByRole('alert')).toHaveText('Wrong password. Try again.', ARGON2)
  await manage.getByLabel('Keyfob password (to confirm it is you)').fill(PASSWORD)
  await manage.getByRole('button', { name: 'Remove passkey' }).click()
  await expect(manage.getByRole('status')).toHaveText('The passkey “Phone” no longer unlocks Keyfob.', ARGON2)
  await expect(manage.getByText('No passkey unlocks Keyfob yet.')).toBeVisible()
  await lockFromPopup(context, extensionId)
  const locked = await openExtensionPage(context, extensionId)
  await expect(locked.getByLabel('Password', { exact: true })).toBeVisible()
  await expect(locked.getByRole('button', { name: 'Unlock with passkey' })).toHaveCount(0)
})

test('refused: no PRF, a cancelled prompt, an altered slot, and another authenticator’s passkey', async ({
  context,
  popup,
  sw,
  extensionId,
}) => {
  test.setTimeout(120_000)
  await createVaultWithPassword(popup)
  const page = await openPasskeys(context, popup)
  const cdp = await context.newCDPSession(page)

  // An authenticator without PRF makes a passkey that cannot unlock Keyfob: nothing is added.
  const noPrf = await authenticator(cdp, false)
  await addPasskey(page, 'Old key')
  await expect(page.getByRole('alert')).toContainText('This passkey cannot unlock Keyfob', ARGON2)
  await expect(page.getByText('No passkey unlocks Keyfob yet.')).toBeVisible()
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: noPrf })

  const first = await authenticator(cdp)
  await addPasskey(page, 'Phone')
  await expect(page.getByRole('status')).toHaveText('The passkey “Phone” now unlocks Keyfob.', ARGON2)
  await lockFromPopup(context, extensionId)
  const url = await unlockPageUrl(context, extensionId)

  // One flipped bit in the stored slot's wrapped key: the passkey no longer opens it.
  const original = await sw.evaluate(async () => (await chrome.storage.local.get('vault'))['vault'] as { slots: Record<string, string>[] })
  await sw.evaluate(async (vault) => {
    const slot = vault.slots.find((s) => s['type'] === 'passkey')!
    const bytes = Uint8Array.from(atob(slot['wrappedKey']!), (c) => c.charCodeAt(0))
    bytes[7]! ^= 0x01
    slot['wrappedKey'] = btoa(String.fromCharCode(...bytes))
    await chrome.storage.local.set({ vault })
  }, structuredClone(original))
  await runUnlockPage(page, url)
  await expect(page.getByRole('alert')).toHaveText(/^This passkey did not open Keyfob \(or its entry in the vault was altered\)/, ARGON2)
  await sw.evaluate(async (vault) => chrome.storage.local.set({ vault }), original)

  // The person does not verify (cancels): the page says so and offers to try again.
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId: first, isUserVerified: false })
  await page.getByRole('button', { name: 'Use a passkey' }).click()
  await expect(page.getByRole('alert')).toHaveText(/^The passkey prompt was cancelled or timed out/, ARGON2)

  // Another authenticator with its own passkey for Keyfob (not one of the vault's).
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: first })
  await authenticator(cdp)
  const made = await page.evaluate(async () => {
    const c = await navigator.credentials.create({
      publicKey: {
        rp: { id: chrome.runtime.id, name: 'Keyfob' },
        user: { id: new Uint8Array(16), name: 'other', displayName: 'other' },
        challenge: new Uint8Array(32),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        extensions: { prf: {} },
      },
    })
    return c !== null
  })
  expect(made).toBe(true)
  await runUnlockPage(page, url)
  await expect(page.getByRole('alert')).toHaveText(/^This passkey is not one of the passkeys that unlock Keyfob/, ARGON2)
  const status: unknown = await page.evaluate(() =>
    chrome.runtime.sendMessage<unknown, unknown>({ channel: 'popup', type: 'getStatus', input: {} }),
  )
  expect(status).toMatchObject({ ok: true, value: { state: 'locked', hasPasskey: true } })
})
