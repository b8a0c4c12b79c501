/**
 * Sync in Firefox: Settings → Backup and sync → Sync… opens the Sync page, which asks for the folder's origin (an
 * optional host permission: with extensions.webextOptionalPermissionPrompts off, Firefox grants it
 * without its prompt, as a person's "Allow" would) and sets up a sync space in a real Apache
 * mod_dav folder on loopback; the page and the popup's line then say it synced.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'puppeteer-core'
import { apache } from '../../test/support/webdav-servers.ts'
import { ACME, addAccounts, createVaultWithPassword } from '../shared/flows.ts'
import { expectVisible } from '../shared/ui.ts'
import { Firefox, expect, test, type FirefoxUi } from './fixtures.ts'
import { puppeteerUi } from './puppeteer-ui.ts'

const SYNC_PASSPHRASE = 'violet tugboat sings at dawn'

/** The tab the extension opened at `file` (puppeteer does not follow moz-extension URLs: ask each page). */
async function openedTab(ff: Firefox, file: string): Promise<FirefoxUi> {
  let found: Page | undefined
  await expect
    .poll(
      async () => {
        for (const page of await ff.browser.pages()) {
          if ((await page.evaluate(() => location.href).catch(() => '')) === `${ff.origin}/${file}`) found = page
        }
        return found !== undefined
      },
      { message: `a tab at ${file}`, timeout: 15_000 },
    )
    .toBe(true)
  return puppeteerUi(found as Page)
}

test.skip(apache.missing !== null, apache.missing ?? '')

test('sets up sync in a WebDAV folder from Settings → Backup and sync → Sync…, and the page and the popup say it synced', async ({
  userDataDir,
}) => {
  test.setTimeout(180_000)
  const dav = await apache.start()
  fs.mkdirSync(path.join(dav.root, 'Keyfob'))
  const ff = await Firefox.launch({ userDataDir, prefs: { 'extensions.webextOptionalPermissionPrompts': false } })
  try {
    const popup = await ff.openExtensionPage()
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME)
    await popup.role('button', 'Settings').click()
    await popup.role('button', 'Backup and sync', true).click()
    await popup.role('button', 'Sync…').click()
    const page = await openedTab(ff, 'src/options/sync.html')
    await expectVisible(page.role('heading', 'Set up sync'))
    await page.label('Folder address').fill(`${dav.origin}/Keyfob/`)
    await page.label('User name').fill(dav.user)
    await page.label('App password').fill(dav.password)
    await page.label(/^Create a new sync space/).check()
    await page.label('Sync passphrase', true).fill(SYNC_PASSPHRASE)
    await page.label('Repeat the sync passphrase').fill(SYNC_PASSPHRASE)
    await page.role('button', 'Create sync space').click()

    await expectVisible(page.role('heading', 'Your recovery key'), 'the recovery key after creating the space', 90_000)
    expect((await page.role('group', 'Recovery key', true).text()).trim()).toMatch(/^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/)
    await page.role('button', 'I have stored it').click()
    await expectVisible(page.role('heading', 'Sync is on'))
    await expectVisible(page.text('Last synced now.'))
    await expectVisible(page.text('1 sent.'))
    expect(fs.readdirSync(path.join(dav.root, 'Keyfob')).filter((f) => f.startsWith('r-'))).toHaveLength(1)
    // The origin is Keyfob's now: the optional host permission, nothing wider.
    expect(await page.evaluate(() => browser.permissions.contains({ origins: ['http://127.0.0.1/*'] }), undefined)).toBe(true)

    await popup.reload()
    await expectVisible(popup.role('button', 'Synced now'), "the popup's sync line")
  } finally {
    await ff.close()
    await dav.stop()
  }
})
