/**
 * Issue #19 "Polish", settings and lock: the settings fit the 360 × 600 popup with their groups
 * closed, every group opens to its settings, and Lock on a vault without a password says why it
 * cannot lock and leads to the password form. Measured in the popup's own size (the toolbar popup
 * is 360 px wide, at most 600 px tall); screenshots go to this test's folder under test-results/.
 */
import AxeBuilder from '@axe-core/playwright'
import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { ACME, PASSWORD, addAccounts, createVaultWithPassword, expectCodeShown, unlock } from './vault-helpers.ts'

const POPUP = { width: 360, height: 600 }

async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/**
 * The page's size as the popup would lay it out: how far it scrolls (never less than the viewport),
 * how tall its content is, and how wide.
 */
const contentSize = (page: Page) =>
  page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    contentHeight: Math.ceil(document.querySelector('main')!.getBoundingClientRect().bottom + window.scrollY),
    width: document.documentElement.scrollWidth,
    viewportWidth: document.documentElement.clientWidth,
  }))

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { width, viewportWidth } = await contentSize(page)
  expect(width, 'content wider than the popup').toBeLessThanOrEqual(viewportWidth)
}

/** The element's box lies inside the 360 × 600 viewport: seen without scrolling. */
async function expectWithinPopup(el: Locator, what: string): Promise<void> {
  await expect(el, what).toBeVisible()
  const box = await el.boundingBox()
  expect(box, what).not.toBeNull()
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0)
  expect(box!.y, `${what}: top edge`).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width, `${what}: right edge`).toBeLessThanOrEqual(POPUP.width)
  expect(box!.y + box!.height, `${what}: bottom edge`).toBeLessThanOrEqual(POPUP.height)
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true })
}

/** First run without a password, as a person declines one knowingly. */
async function createVaultWithoutPassword(popup: Page): Promise<void> {
  await popup.getByRole('button', { name: 'Continue without a password' }).click()
  await popup.getByLabel('I understand this is weaker').check()
  await popup.getByRole('button', { name: 'Continue without a password' }).click()
  await expect(popup.getByRole('heading', { name: 'Accounts' })).toBeVisible({ timeout: 30_000 })
}

test('settings fit 360 × 600 with their groups closed; each group opens to its settings, without violations', async ({ popup }) => {
  test.setTimeout(120_000)
  await popup.setViewportSize(POPUP)
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  await popup.getByRole('button', { name: 'Settings' }).click()
  await expect(popup.getByRole('heading', { name: 'Settings' })).toBeVisible()

  const groups = {
    Security: [
      popup.getByLabel('Current password'),
      popup.getByRole('button', { name: 'Change password' }),
      popup.getByRole('button', { name: 'Passkeys…' }),
    ],
    'Backup and sync': [
      popup.getByRole('button', { name: 'Import accounts' }),
      popup.getByRole('button', { name: 'Export accounts' }),
      popup.getByRole('button', { name: 'Sync…' }),
    ],
    Advanced: [
      popup.getByLabel('Correct codes by (seconds)'),
      popup.getByRole('button', { name: 'Save correction' }),
      popup.getByRole('button', { name: "Change the browser's shortcuts for Keyfob" }),
    ],
  }
  // Closed: their settings are not shown, and the screen is no taller than the popup.
  for (const [name, controls] of Object.entries(groups)) {
    await expect(popup.getByRole('button', { name, exact: true })).toHaveAttribute('aria-expanded', 'false')
    for (const c of controls) await expect(c).toBeHidden()
  }
  const closed = await contentSize(popup)
  test.info().annotations.push({ type: 'settings height, groups closed (px)', description: String(closed.contentHeight) })
  expect(closed.height, 'settings with the groups closed: scrolls').toBeLessThanOrEqual(POPUP.height)
  expect(closed.contentHeight, 'settings with the groups closed').toBeLessThanOrEqual(POPUP.height)
  await expectNoHorizontalOverflow(popup)
  // The common settings, and the group buttons, seen without scrolling.
  for (const label of [
    'Lock automatically after',
    'Clear a copied code from the clipboard after',
    'Show a Keyfob button in code fields',
    'Submit the sign-in form after filling a code',
    'Hide codes until I click them',
    'Theme',
  ]) {
    await expectWithinPopup(popup.getByLabel(label), label)
  }
  for (const name of Object.keys(groups)) await expectWithinPopup(popup.getByRole('button', { name, exact: true }), name)
  await expectWithinPopup(popup.getByRole('button', { name: 'Done' }), 'Done')
  await screenshot(popup, 'settings-closed')
  await expectNoAxeViolations(popup)

  // Each group opens with a click (and closes again), one at a time.
  for (const [name, controls] of Object.entries(groups)) {
    const toggle = popup.getByRole('button', { name, exact: true })
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    for (const c of controls) await expect(c).toBeVisible()
    await expectNoHorizontalOverflow(popup)
    await screenshot(popup, `settings-${name.toLowerCase().replaceAll(' ', '-')}-open`)
    await expectNoAxeViolations(popup)
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    for (const c of controls) await expect(c).toBeHidden()
  }

  // By keyboard too: Enter on the focused group button opens it, and a setting inside still works.
  const advanced = popup.getByRole('button', { name: 'Advanced', exact: true })
  await advanced.focus()
  await popup.keyboard.press('Enter')
  await expect(advanced).toHaveAttribute('aria-expanded', 'true')
  await popup.getByLabel('Correct codes by (seconds)').fill('30')
  await popup.getByRole('button', { name: 'Save correction' }).click()
  await expect(popup.getByRole('status').filter({ hasText: 'Codes now use a correction of 30 seconds.' })).toBeVisible({ timeout: 15_000 })
  // A common setting changed at the top is kept.
  await popup.getByLabel('Lock automatically after').selectOption({ label: '5 minutes' })
  await popup.reload()
  await popup.getByRole('button', { name: 'Settings' }).click()
  await expect(popup.getByLabel('Lock automatically after')).toHaveValue('5')
  await popup.getByRole('button', { name: 'Advanced', exact: true }).click()
  await expect(popup.getByLabel('Correct codes by (seconds)')).toHaveValue('30')
})

test('Lock without a password says why it cannot lock, takes focus, dismisses, and leads to setting a password', async ({ popup }) => {
  test.setTimeout(120_000)
  await popup.setViewportSize(POPUP)
  await createVaultWithoutPassword(popup)
  await addAccounts(popup, ACME)
  const lock = popup.getByRole('button', { name: 'Lock', exact: true })
  const explanation = popup.getByRole('alertdialog', { name: 'Keyfob cannot lock without a password' })

  await lock.click()
  await expect(explanation).toBeVisible()
  // Announced as an alert dialog whose description is the reason; focus is on that reason.
  await expect(explanation).toHaveAccessibleDescription(/anyone using this browser profile can open Keyfob and see your codes/)
  await expect(popup.getByText(/anyone using this browser profile can open Keyfob/)).toBeFocused()
  await expectWithinPopup(popup.getByRole('button', { name: 'Set a password…' }), 'Set a password…')
  await expectWithinPopup(popup.getByRole('button', { name: 'Not now' }), 'Not now')
  await expectNoHorizontalOverflow(popup)
  await screenshot(popup, 'lock-explanation')
  await expectNoAxeViolations(popup)

  // Esc dismisses it: the accounts are still there (nothing was locked), focus is back on Lock.
  await popup.keyboard.press('Escape')
  await expect(explanation).toBeHidden()
  await expectCodeShown(popup, ACME, 'Acme Bank')
  await expect(lock).toBeFocused()

  // "Not now" dismisses it too.
  await lock.click()
  await expect(explanation).toBeVisible()
  await popup.getByRole('button', { name: 'Not now' }).click()
  await expect(explanation).toBeHidden()
  await expectCodeShown(popup, ACME, 'Acme Bank')

  // "Set a password…" opens the password form, ready to type.
  await lock.click()
  await popup.getByRole('button', { name: 'Set a password…' }).click()
  await expect(popup.getByRole('heading', { name: 'Settings' })).toBeVisible()
  await expect(popup.getByRole('button', { name: 'Security', exact: true })).toHaveAttribute('aria-expanded', 'true')
  await expect(popup.getByLabel('New password')).toBeFocused()
  await popup.keyboard.type(PASSWORD)
  await popup.getByLabel('Repeat the password').fill(PASSWORD)
  await popup.getByRole('button', { name: 'Add a password' }).click()
  await expect(popup.getByRole('status').filter({ hasText: 'The password is saved.' })).toBeVisible({ timeout: 30_000 })
  await popup.getByRole('button', { name: 'Done' }).click()

  // Now Lock locks, and the new password opens Keyfob again.
  await lock.click()
  await expect(popup.getByRole('heading', { name: 'Unlock Keyfob' })).toBeVisible()
  await expect(explanation).toBeHidden()
  await expect(popup.getByText('Acme Bank')).toHaveCount(0)
  await unlock(popup)
  await expectCodeShown(popup, ACME, 'Acme Bank')
})

test.describe('in German, whose words are longer', () => {
  // Chromium takes the extension's locale (chrome.i18n) from its UI language.
  test.use({ browserArgs: ['--lang=de'] })
  const de = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../public/_locales/de/messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >
  const say = (key: string) => {
    const message = de[key]?.message
    if (!message) throw new Error(`no German message "${key}"`)
    return message
  }

  test('the lock explanation and the settings, every group open, fit 360 px without violations', async ({ popup }) => {
    test.setTimeout(120_000)
    await popup.setViewportSize(POPUP)
    await popup.getByRole('button', { name: say('setupNoPassword') }).click()
    await popup.getByLabel(say('setupNoPasswordUnderstand')).check()
    await popup.getByRole('button', { name: say('setupNoPasswordContinue') }).click()
    await expect(popup.getByRole('heading', { name: say('accountsTitle') })).toBeVisible({ timeout: 30_000 })

    await popup.getByRole('button', { name: say('lock'), exact: true }).click()
    const explanation = popup.getByRole('alertdialog', { name: say('lockNoPasswordTitle') })
    await expect(explanation).toHaveAccessibleDescription(say('lockNoPasswordText'))
    await expectWithinPopup(popup.getByRole('button', { name: say('lockNoPasswordSet') }), say('lockNoPasswordSet'))
    await expectNoHorizontalOverflow(popup)
    await screenshot(popup, 'de-lock-explanation')
    await expectNoAxeViolations(popup)
    await popup.getByRole('button', { name: say('lockNoPasswordDismiss') }).click()

    await popup.getByRole('button', { name: say('settings') }).click()
    // Without a password, Security is open at once (adding one is what this vault needs most).
    await expect(popup.getByRole('button', { name: say('settingsSecurity'), exact: true })).toHaveAttribute('aria-expanded', 'true')
    for (const key of ['autoLock', 'clipboardClear', 'fieldButtonSetting', 'autoSubmitSetting', 'hideCodes', 'theme']) {
      await expectWithinPopup(popup.getByLabel(say(key)), say(key))
    }
    for (const key of ['settingsData', 'settingsAdvanced']) {
      await popup.getByRole('button', { name: say(key), exact: true }).click()
      await expect(popup.getByRole('button', { name: say(key), exact: true })).toHaveAttribute('aria-expanded', 'true')
    }
    await expect(popup.getByRole('button', { name: say('syncButton') })).toBeVisible()
    await expect(popup.getByLabel(say('clockCorrectionLabel'))).toBeVisible()
    await expectNoHorizontalOverflow(popup)
    await screenshot(popup, 'de-settings-all-open')
    await expectNoAxeViolations(popup)
  })
})
