/**
 * End-to-end scenarios written once and run in both browsers: e2e/shared-scenarios.spec.ts runs
 * them in Chromium, e2e/firefox/vault.firefox.ts in Firefox. Each browser supplies an `Env`: how
 * to open the popup, how its background (service worker or event page) is stopped, and how to read
 * the extension's storage.
 */
import { expect } from '@playwright/test'
import { ACME, PASSWORD, WIDGETS, addAccounts, createVaultWithPassword, expectCodeShown, unlock } from './flows.ts'
import { expectHidden, expectText, expectVisible, type Ui } from './ui.ts'

export interface Env {
  /** The popup, opened as a tab, on a fresh profile. */
  popup: Ui
  /** Another popup tab (a person opening the popup again). */
  openPopup(): Promise<Ui>
  /** Stops the background as the browser does when it idles: a service worker in Chromium, an event page in Firefox. */
  stopBackground(): Promise<void>
  storageDump(): Promise<{ local: string; session: string }>
}

export type Scenario = (env: Env) => Promise<void>

export const scenarios: Record<string, Scenario> = {
  'first run with a password, then accounts added by link with codes that match the reference': async ({ popup }) => {
    await popup.label('New password').fill('password')
    await expectVisible(popup.text(/Too common/))
    expect(await popup.role('button', 'Create vault').isEnabled()).toBe(false)
    await createVaultWithPassword(popup)
    await expectVisible(popup.text('No accounts yet.'))
    await addAccounts(popup, ACME, WIDGETS)
    await expectText(popup.role('status'), 'Added 2.')
    await expectCodeShown(popup, ACME, 'Acme Bank')
    await expectCodeShown(popup, WIDGETS, 'Widgets')
  },

  'declining a password: the device key opens the vault after the background stops, and a password can be added': async ({ popup, openPopup, stopBackground }) => {
    await popup.role('button', 'Continue without a password').click()
    await expectVisible(popup.text(/Anyone who can use this profile can see your codes/))
    const go = popup.role('button', 'Continue without a password')
    expect(await go.isEnabled()).toBe(false)
    await popup.label('I understand this is weaker').check()
    await go.click()
    await expectVisible(popup.role('heading', 'Accounts'))
    await addAccounts(popup, ACME)
    await stopBackground()
    const again = await openPopup()
    await expectCodeShown(again, ACME, 'Acme Bank')
    await expectVisible(again.text(/No password: anyone who can use this browser profile/))
    await again.role('button', 'Add a password').click()
    await again.label('New password').fill(PASSWORD)
    await again.label('Repeat the password').fill(PASSWORD)
    await again.role('button', 'Add a password').click()
    await expectText(again.role('status'), 'The password is saved.', 30_000)
    await again.role('button', 'Done').click()
    await expectHidden(again.text(/No password:/))
    await again.role('button', 'Lock').click()
    await unlock(again)
    await expectCodeShown(again, ACME, 'Acme Bank')
  },

  'lock hides the accounts; a wrong password is refused, the right one unlocks': async ({ popup }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME)
    await popup.role('button', 'Lock').click()
    await expectVisible(popup.role('heading', 'Unlock Keyfob'))
    expect(await popup.text('Acme Bank').count()).toBe(0)
    await unlock(popup, 'not my password')
    await expectText(popup.role('alert'), 'Wrong password. Try again.', 30_000)
    await unlock(popup)
    await expectCodeShown(popup, ACME, 'Acme Bank')
  },

  'after 5 wrong passwords the popup counts down, and the wait survives the background stopping': async ({ popup, openPopup, stopBackground }) => {
    await createVaultWithPassword(popup)
    await popup.role('button', 'Lock').click()
    for (let i = 1; i <= 5; i++) {
      await unlock(popup, `wrong password ${i}`)
      await expectText(popup.role('alert'), i < 5 ? 'Wrong password. Try again.' : /Try again in (29|30) seconds/, 30_000)
    }
    expect(await popup.role('button', 'Unlock').isEnabled()).toBe(false)
    await stopBackground()
    const again = await openPopup()
    await expectText(again.role('alert'), /Too many wrong passwords\. Try again in \d+ seconds\./)
    expect(await again.role('button', 'Unlock').isEnabled()).toBe(false)
  },

  'the background stopping keeps an unlocked vault unlocked and a locked one locked': async ({ popup, stopBackground }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME)
    await stopBackground()
    await popup.reload()
    await expectCodeShown(popup, ACME, 'Acme Bank')
    await popup.role('button', 'Lock').click()
    await expectVisible(popup.role('heading', 'Unlock Keyfob'))
    await stopBackground()
    await popup.reload()
    await expectVisible(popup.role('heading', 'Unlock Keyfob'))
  },

  'storage holds no secret, issuer or account name in clear': async ({ popup, storageDump }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME, WIDGETS)
    const { local, session } = await storageDump()
    expect(local).toContain('keyfob-vault')
    for (const needle of ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'Acme', 'alice', 'Widgets', 'bob@', 'example.com', PASSWORD]) {
      expect(local).not.toContain(needle)
      expect(session).not.toContain(needle)
    }
  },

  'manual add: a specific error beside the field, then the account with its code': async ({ popup }) => {
    await createVaultWithPassword(popup)
    await popup.role('button', 'Add account').click()
    await popup.role('button', 'Enter manually').click()
    await popup.label('Service').fill('Example')
    await popup.label('Secret key').fill('JBSWY3DPEHPK3PX1')
    await popup.role('button', 'Add', true).click()
    await expectText(popup.role('alert'), /invalid base32 character '1'/)
    expect(await popup.label('Secret key').attribute('aria-invalid')).toBe('true')
    await popup.label('Secret key').fill('JBSWY3DPEHPK3PXP')
    await popup.role('button', 'Add', true).click()
    await expectCodeShown(popup, 'otpauth://totp/Example?secret=JBSWY3DPEHPK3PXP&issuer=Example', 'Example')
  },
}
