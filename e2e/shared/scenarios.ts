/**
 * End-to-end scenarios written once and run in both browsers: e2e/shared-scenarios.spec.ts runs
 * them in Chromium, e2e/firefox/vault.firefox.ts in Firefox. Each browser supplies an `Env`: how
 * to open the popup, how its background (service worker or event page) is stopped, and how to read
 * the extension's storage.
 */
import { expect, test } from '@playwright/test'
import { base32Encode } from '../../src/core/encoding/base32.ts'
import { ACME, PASSWORD, WIDGETS, addAccounts, createVaultWithPassword, expectCodeShown, unlock } from './flows.ts'
import { expectHidden, expectText, expectVisible, popupRequest, type Ui } from './ui.ts'
import { unpackAccountList, type PackedAccountList } from '../../src/shared/account-list-wire.ts'

export interface Env {
  /** The popup, opened as a tab, on a fresh profile. */
  popup: Ui
  /** Another popup tab (a person opening the popup again). */
  openPopup: () => Promise<Ui>
  /** Stops the background as the browser does when it idles: a service worker in Chromium, an event page in Firefox. */
  stopBackground: () => Promise<void>
  storageDump: () => Promise<{ local: string; session: string }>
  /** Opens a web page in a new tab and brings that tab to the front. */
  openTab: (url: string) => Promise<Ui>
  /** The test server under a test host name (resolved to the loopback server): `http://host:port`. */
  origin: (host: string) => string
  /** Keyfob's auto-lock alarm goes off, reaching the background's real alarm listener. */
  fireAutoLockAlarm: () => Promise<void>
}

export type Scenario = (env: Env) => Promise<void>

const HOTP = 'otpauth://hotp/Counter%20Co:carol?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=5&issuer=Counter%20Co'

/** Issuers in the order the list shows them. */
const shownIssuers = (ui: Ui): Promise<string[]> =>
  ui.evaluate(
    () => [...document.querySelectorAll('ul.accounts li .issuer')].map((e) => (e as HTMLElement).innerText.replace('★', '').trim()),
    null,
  )

const expectIssuers = (ui: Ui, issuers: string[]) => expect.poll(() => shownIssuers(ui), { timeout: 15_000 }).toEqual(issuers)

/** Opens the account's edit view from its actions. */
async function edit(ui: Ui, name: string): Promise<void> {
  await ui.role('button', `Actions for ${name}`).click()
  await ui.role('button', 'Edit', true).click()
  await expectVisible(ui.label('Service'))
}

/** Each account's bound sites, in the vault's order (the popup's own request). */
const boundSites = async (ui: Ui): Promise<string[][]> =>
  unpackAccountList((await popupRequest<PackedAccountList>(ui, 'listAccounts', {})).value).accounts.map((a) => a.sites)

const PARALLEL = 16
/** Wrong passwords tried without a wait (src/core/vault/throttle-delay.ts: FREE_FAILURES). */
const FREE_FAILURES = 5

/**
 * Sends `PARALLEL` requests of `type` at the same time from an extension page (what a compromised or
 * scripted page of the extension could do) and returns each answer's error code ('ok' on success).
 */
function fireAtOnce(ui: Ui, type: string, input: (i: number) => object): Promise<string[]> {
  const inputs = Array.from({ length: PARALLEL }, (_, i) => input(i))
  return ui.evaluate(
    async ([type, inputs]) => {
      const answers = (await Promise.all(inputs.map((input) => chrome.runtime.sendMessage({ channel: 'popup', type, input })))) as {
        ok: boolean
        error?: { code: string }
      }[]
      return answers.map((a) => (a.ok ? 'ok' : (a.error?.code ?? '?')))
    },
    [type, inputs] as const,
  )
}

/** The wrong-password count the background stored. */
const storedFailures = (ui: Ui) =>
  ui.evaluate(
    async () => ((await chrome.storage.local.get('throttle'))['throttle'] as { failures?: number } | undefined)?.failures ?? 0,
    null,
  )

const tally = (codes: string[]) => Object.fromEntries([...new Set(codes)].sort().map((c) => [c, codes.filter((x) => x === c).length]))

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

  'declining a password: the device key opens the vault after the background stops, and a password can be added': async ({
    popup,
    openPopup,
    stopBackground,
  }) => {
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

  'Lock without a password locks nothing: it says why, and "Set a password…" leads to the form': async ({ popup }) => {
    await popup.role('button', 'Continue without a password').click()
    await popup.label('I understand this is weaker').check()
    await popup.role('button', 'Continue without a password').click()
    await expectVisible(popup.role('heading', 'Accounts'), 'the account list', 30_000)
    await addAccounts(popup, ACME)
    const explanation = popup.role('alertdialog', 'Keyfob cannot lock without a password')
    await popup.role('button', 'Lock', true).click()
    await expectVisible(explanation)
    await expectVisible(popup.text(/anyone using this browser profile can open Keyfob and see your codes/))
    await popup.role('button', 'Not now').click()
    await expectHidden(explanation)
    await expectCodeShown(popup, ACME, 'Acme Bank')
    await popup.role('button', 'Lock', true).click()
    await popup.role('button', 'Set a password…').click()
    await popup.label('New password').fill(PASSWORD)
    await popup.label('Repeat the password').fill(PASSWORD)
    await popup.role('button', 'Add a password').click()
    await expectText(popup.role('status'), 'The password is saved.', 30_000)
    await popup.role('button', 'Done').click()
    await popup.role('button', 'Lock', true).click()
    await expectVisible(popup.role('heading', 'Unlock Keyfob'))
    expect(await explanation.count()).toBe(0)
    await unlock(popup)
    await expectCodeShown(popup, ACME, 'Acme Bank')
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

  'after 5 wrong passwords the popup counts down, and the wait survives the background stopping': async ({
    popup,
    openPopup,
    stopBackground,
  }) => {
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
  'a tampered stored vault gives a clear error, is never overwritten, and the previous copy can be restored': async ({
    popup,
    stopBackground,
  }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME)
    await addAccounts(popup, WIDGETS)
    await popup.role('button', 'Lock').click()
    await expectVisible(popup.role('heading', 'Unlock Keyfob'))
    const tampered = await popup.evaluate(async () => {
      const { vault } = await chrome.storage.local.get<{ vault: { ciphertext: string } }>('vault')
      // One base64 character changed in the middle: still well-formed, so only authentication can catch it.
      const c = vault.ciphertext
      const i = Math.floor(c.length / 2)
      const next = { ...vault, ciphertext: c.slice(0, i) + (c[i] === 'A' ? 'B' : 'A') + c.slice(i + 1) }
      await chrome.storage.local.set({ vault: next })
      return JSON.stringify(next)
    }, null)
    await stopBackground()
    await popup.reload()
    await unlock(popup)
    await expectText(popup.role('alert'), /could not be decrypted: it was changed or damaged/, 30_000)
    const stored = (key: string) => popup.evaluate(async (key) => JSON.stringify((await chrome.storage.local.get(key))[key]), key)
    expect(await stored('vault'), 'the damaged vault is never overwritten').toBe(tampered)
    expect(JSON.parse(await stored('vaultPrevious'))).toMatchObject({ format: 'keyfob-vault' })
    // The person restores the copy before the last change: Acme is back, Widgets (the last add) is not.
    await expectVisible(popup.text(/may lack your most recent change/))
    await popup.label('Password', true).fill(PASSWORD)
    await popup.role('button', 'Restore the previous copy').click()
    await expectCodeShown(popup, ACME, 'Acme Bank')
    expect(await popup.role('button', /for Widgets$/).count()).toBe(0)
    expect(await stored('vaultDamaged'), 'the damaged copy is kept aside').toBe(tampered)
  },

  'HOTP shows a code on demand and advances only when asked': async ({ popup }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, HOTP)
    expect(await popup.role('button', /^Copy code .* for Counter Co$/).count(), 'no code before it is asked for').toBe(0)
    await popup.role('button', 'Show code for Counter Co').click()
    await expectVisible(popup.role('button', 'Copy code 254 676 for Counter Co')) // RFC 4226, counter 5
    await popup.reload()
    await expectVisible(popup.role('button', 'Copy code 254 676 for Counter Co'), 'the same code after a reload: the counter did not move')
    await popup.role('button', 'Next code for Counter Co').click()
    await expectVisible(popup.role('button', 'Copy code 287 922 for Counter Co')) // counter 6
  },

  'edit names, tags and bound sites; a wrong site is refused beside the field; search finds the tag': async ({ popup }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME, WIDGETS)
    await edit(popup, 'Acme Bank')
    await popup.label('Service').fill('Acme Savings')
    await popup.label('Tags').fill('money, family')
    await popup.label('Bound sites').fill('not a site')
    await popup.role('button', 'Save').click()
    await expectText(popup.role('alert'), /'not a site' is not a site name/)
    await popup.label('Bound sites').fill('https://bank.acme.example/login')
    await popup.role('button', 'Save').click()
    await expectIssuers(popup, ['Acme Savings', 'Widgets'])
    const value = unpackAccountList((await popupRequest<PackedAccountList>(popup, 'listAccounts', {})).value)
    expect(value.accounts[0]).toMatchObject({ issuer: 'Acme Savings', tags: ['money', 'family'], sites: ['bank.acme.example'] })
    await popup.role('searchbox', 'Search accounts').fill('family')
    await expectIssuers(popup, ['Acme Savings'])
  },

  'delete asks first, and can be undone': async ({ popup }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME, WIDGETS)
    await edit(popup, 'Widgets')
    await popup.role('button', 'Delete', true).click()
    await expectVisible(popup.role('alertdialog', 'Delete Widgets?'))
    await popup.role('button', 'Cancel').click()
    await expectVisible(popup.label('Service'))
    await popup.role('button', 'Delete', true).click()
    await expectVisible(popup.role('alertdialog', 'Delete Widgets?'))
    await popup.role('button', 'Delete', true).click()
    await expectIssuers(popup, ['Acme Bank'])
    await popup.role('button', 'Undo').click()
    await expectIssuers(popup, ['Acme Bank', 'Widgets'])
    await expectCodeShown(popup, WIDGETS, 'Widgets')
  },

  'show as QR code only after the password, and never the key as text': async ({ popup }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME)
    await popup.role('button', 'Actions for Acme Bank').click()
    await popup.role('button', 'Show QR code').click()
    await popup.label('Enter your password to show the code').fill('wrong password')
    await popup.role('button', 'Show QR code').click()
    await expectText(popup.role('alert'), 'Wrong password. Try again.', 30_000)
    expect(await popup.role('img', 'QR code with the key for Acme Bank').count()).toBe(0)
    await popup.label('Enter your password to show the code').fill(PASSWORD)
    await popup.role('button', 'Show QR code').click()
    await expectVisible(popup.role('img', 'QR code with the key for Acme Bank'), 'the QR code', 30_000)
    expect(await popup.evaluate(() => document.documentElement.outerHTML, null)).not.toContain('JBSWY3DPEHPK3PXP')
  },

  'settings: theme, hidden codes and auto-lock are kept': async ({ popup }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME)
    await popup.role('button', 'Settings').click()
    await popup.label('Theme').selectOption('Dark')
    await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.theme, null)).toBe('dark')
    await popup.label('Lock automatically after').selectOption('5 minutes')
    await popup.label('Hide codes until I click them').check()
    await popup.role('button', 'Done').click()
    const hidden = popup.role('button', 'Show and copy the code for Acme Bank')
    await expectText(hidden, '••• •••')
    await hidden.click()
    await expectCodeShown(popup, ACME, 'Acme Bank')
    await popup.reload()
    await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.theme, null)).toBe('dark')
    await expectVisible(popup.role('button', 'Show and copy the code for Acme Bank'))
    await popup.role('button', 'Settings').click()
    await expect.poll(() => popup.label('Lock automatically after').value()).toBe('5')
  },

  'settings: change the password; the old one no longer unlocks': async ({ popup }) => {
    const next = 'a completely new passphrase'
    await createVaultWithPassword(popup)
    await popup.role('button', 'Settings').click()
    await popup.role('button', 'Security', true).click()
    await popup.label('Current password').fill('not it at all')
    await popup.label('New password').fill(next)
    await popup.label('Repeat the password').fill(next)
    await popup.role('button', 'Change password').click()
    await expectText(popup.role('alert'), 'Wrong password. Try again.', 30_000)
    await popup.label('Current password').fill(PASSWORD)
    await popup.label('New password').fill(next)
    await popup.label('Repeat the password').fill(next)
    await popup.role('button', 'Change password').click()
    await expectText(popup.role('status'), 'The password is saved.', 30_000)
    await popup.role('button', 'Done').click()
    await popup.role('button', 'Lock').click()
    await unlock(popup)
    await expectText(popup.role('alert'), 'Wrong password. Try again.', 30_000)
    await unlock(popup, next)
    await expectVisible(popup.role('searchbox', 'Search accounts'), 'unlocked with the new password', 30_000)
  },

  'typing anywhere searches by issuer and account; Esc clears': async ({ popup }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME, WIDGETS, HOTP)
    await popup.role('button', /^Copy code .* for Acme Bank$/).focus()
    await popup.type('wid')
    await expect.poll(() => popup.role('searchbox', 'Search accounts').value()).toBe('wid')
    await expectIssuers(popup, ['Widgets'])
    await popup.press('Escape')
    await expectIssuers(popup, ['Acme Bank', 'Widgets', 'Counter Co'])
    await popup.type('nobody')
    await expectVisible(popup.text('No account matches “nobody”.'))
  },

  'pin, sort, and reorder by keyboard': async ({ popup }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, WIDGETS, ACME, HOTP)
    await expectIssuers(popup, ['Widgets', 'Acme Bank', 'Counter Co'])
    await popup.role('combobox', 'Sort').selectOption('Service')
    await expectIssuers(popup, ['Acme Bank', 'Counter Co', 'Widgets'])
    await popup.role('button', 'Actions for Widgets').click()
    await popup.role('button', 'Pin', true).click()
    await expectIssuers(popup, ['Widgets', 'Acme Bank', 'Counter Co'])
    await popup.role('combobox', 'Sort').selectOption('Your order')
    // Alt+ArrowDown on Acme's code moves it below Counter Co in the manual order (pins stay on top).
    await popup.role('button', /^Copy code .* for Acme Bank$/).focus()
    await popup.press('Alt+ArrowDown')
    await expectIssuers(popup, ['Widgets', 'Counter Co', 'Acme Bank'])
    await popup.reload()
    await expectIssuers(popup, ['Widgets', 'Counter Co', 'Acme Bank'])
  },

  '1000 accounts: only visible rows render, scrolling and search reach any of them': async ({ popup }) => {
    await createVaultWithPassword(popup)
    const uris = Array.from({ length: 1000 }, (_, i) => {
      const name = `Bulk${String(i).padStart(4, '0')}`
      return `otpauth://totp/${name}:user?secret=${base32Encode(crypto.getRandomValues(new Uint8Array(20)))}&issuer=${name}`
    })
    const added = await popupRequest<{ added: unknown[] }>(popup, 'addAccounts', { text: uris.join('\n') })
    expect(added.value.added.length).toBe(1000)
    await popup.reload()
    await expectVisible(popup.role('button', /^Copy code .* for Bulk0000$/), 'the first account', 30_000)
    expect(await popup.evaluate(() => document.querySelectorAll('ul.accounts > li').length, null)).toBeLessThan(40)
    await popup.evaluate(() => document.querySelector('.list')!.scrollTo({ top: document.querySelector('.list')!.scrollHeight }), null)
    await expectVisible(popup.role('button', /^Copy code .* for Bulk0999$/), 'the last account after scrolling')
    expect(await popup.evaluate(() => document.querySelectorAll('ul.accounts > li').length, null)).toBeLessThan(40)
    await popup.role('searchbox', 'Search accounts').fill('bulk0500')
    await expectIssuers(popup, ['Bulk0500'])
  },
  'a site suggested from the issuer name is used only once the person confirms it': async ({ popup }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, 'otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub')
    await edit(popup, 'GitHub')
    await expectVisible(popup.text(/From the name, this may be github\.com\./))
    expect(await boundSites(popup), 'a suggestion binds nothing by itself').toEqual([[]])
    await popup.role('button', 'Use this').click()
    await expect.poll(() => popup.label('Bound sites').value()).toBe('github.com')
    await popup.role('button', 'Save').click()
    await expectVisible(popup.role('heading', 'Accounts'))
    await expect.poll(() => boundSites(popup)).toEqual([['github.com']])
  },

  'accounts bound to the site of the tab in front are offered first': async ({ popup, openTab, origin }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME, WIDGETS)
    await edit(popup, 'Widgets')
    await popup.label('Bound sites').fill('widgets.example.com')
    await popup.role('button', 'Save').click()
    await expectIssuers(popup, ['Acme Bank', 'Widgets'])
    // A page on another sub-domain of the same registrable domain comes to the front.
    await openTab(`${origin('login.widgets.example.com')}/plain.html`)
    await popup.reload()
    await expectIssuers(popup, ['Widgets', 'Acme Bank'])
    // A look-alike host is a different site: nothing is offered first.
    await openTab(`${origin('widgets.example.com.evil.test')}/plain.html`)
    await popup.reload()
    await expectIssuers(popup, ['Acme Bank', 'Widgets'])
  },

  'a popup left open, refreshing its codes by itself, still auto-locks and ends on the unlock screen': async ({
    popup,
    fireAutoLockAlarm,
  }) => {
    test.setTimeout(120_000)
    await createVaultWithPassword(popup)
    // A 5-second period, so the popup refreshes by itself every 5 s instead of every 30.
    const ticker = 'otpauth://totp/Ticker:t?secret=JBSWY3DPEHPK3PXP&issuer=Ticker&period=5'
    await addAccounts(popup, ticker)
    expect(await popupRequest(popup, 'updateSettings', { autoLockMinutes: 1 })).toMatchObject({ ok: true })
    // Two minutes without use (what a real wait leaves behind), from the extension page, as the background keeps it.
    await popup.evaluate(() => chrome.storage.session.set({ lastActivity: Date.now() - 120_000 }), null)
    // Nobody touches the popup: the codes it shows change by themselves (the background computes them, so each change is a refresh).
    const code = popup.role('button', /^Copy code .* for Ticker$/)
    const seen = new Set<string>()
    await expect
      .poll(async () => seen.add((await code.text()).trim()).size, {
        message: 'three codes in turn, with no one using the popup',
        timeout: 30_000,
        intervals: [500],
      })
      .toBeGreaterThanOrEqual(3)
    // Those refreshes were not use: the last activity is still two minutes ago, and the alarm locks.
    await fireAutoLockAlarm()
    // No reload: the open popup finds the vault locked at its next refresh.
    await expectVisible(popup.role('heading', 'Unlock Keyfob'), 'the unlock screen, without a reload', 30_000)
    expect(await popup.text('Ticker').count()).toBe(0)
  },

  'parallel wrong passwords for "show QR" and unlock: each tried one is counted, the rest THROTTLED': async ({ popup, openPopup }) => {
    test.setTimeout(120_000)
    await createVaultWithPassword(popup)
    const added = await popupRequest<{ added: { id: string }[] }>(popup, 'addAccounts', { text: ACME })
    const id = added.value.added[0]?.id as string

    const qr = await fireAtOnce(popup, 'accountQr', (i) => ({ id, password: `wrong password ${i}` }))
    expect.soft(tally(qr)).toEqual({ THROTTLED: PARALLEL - FREE_FAILURES, WRONG_PASSWORD: FREE_FAILURES })
    expect(await storedFailures(popup), 'failures stored').toBe(FREE_FAILURES)

    // Locked, the unlock requests meet the same count: all of them wait, and none is tried.
    expect((await popupRequest(popup, 'lock', {})).ok).toBe(true)
    const unlocks = await fireAtOnce(popup, 'unlock', (i) => ({ password: `wrong again ${i}` }))
    expect(tally(unlocks)).toEqual({ THROTTLED: PARALLEL })
    expect(await storedFailures(popup)).toBe(FREE_FAILURES)

    // What the person then sees: the wait, and no way to try.
    const again = await openPopup()
    await expectText(again.role('alert'), /^Too many wrong passwords\. Try again in \d+ seconds\.$/)
    expect(await again.role('button', 'Unlock').isEnabled()).toBe(false)
  },
}
