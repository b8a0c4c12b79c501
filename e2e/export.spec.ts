import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { launchWithExtension } from '../scripts/browser.mjs'
import { EXTENSION_DIR, HOST_RULES, expect, openExtensionPage, test } from './fixtures.ts'
import { ACME, PASSWORD, WIDGETS, addAccounts, createVaultWithPassword } from './vault-helpers.ts'
import { unpackAccountList, type PackedAccountList } from '../src/shared/account-list-wire.ts'

const HOTP = 'otpauth://hotp/Counter%20Co:carol?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=41&issuer=Counter%20Co'
const FILE_PASSWORD = 'a separate backup passphrase'

type Listed = { issuer: string; tags: string[]; sites: string[]; pinned: boolean; order: number; hotp: { nextCounter: string } | null }
async function listed(page: Page): Promise<Listed[]> {
  const r = await page.evaluate(() =>
    chrome.runtime.sendMessage<unknown, { value: PackedAccountList }>({ channel: 'popup', type: 'listAccounts', input: {} }),
  )
  return unpackAccountList(r.value).accounts.sort((a, b) => a.order - b.order)
}

async function openExport(popup: Page): Promise<Page> {
  await popup.getByRole('button', { name: 'Settings' }).click()
  await popup.getByRole('button', { name: 'Backup and sync', exact: true }).click()
  const opened = popup.context().waitForEvent('page')
  await popup.getByRole('button', { name: 'Export accounts' }).click()
  const page = await opened
  await expect(page.getByRole('heading', { name: 'Export accounts' })).toBeVisible()
  return page
}

test('an encrypted Keyfob backup restores everything into a fresh install', async ({ popup, extensionId }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME, WIDGETS, HOTP)
  // Give the accounts what only a Keyfob backup keeps: order, a pin, tags, a bound site, a used HOTP counter.
  const [acme, widgets, counter] = (await listed(popup)).map((a) => (a as unknown as { id: string }).id)
  await popup.evaluate(
    async ([acme, widgets, counter]) => {
      const send = (type: string, input: object) => chrome.runtime.sendMessage({ channel: 'popup', type, input })
      await send('updateAccount', { id: widgets, pinned: true, tags: ['work'], sites: ['widgets.example.com'] })
      await send('moveAccount', { id: counter, toIndex: 0 })
      await send('nextHotpCode', { id: counter })
      await send('updateAccount', { id: acme, tags: ['money', 'family'] })
    },
    [acme, widgets, counter],
  )
  const before = await listed(popup)

  const page = await openExport(popup)
  await page.getByLabel('Keyfob backup, encrypted', { exact: false }).check()
  await page.getByLabel('Keyfob password (to confirm it is you)').fill('wrong password')
  await page.getByLabel('Password for the exported file').fill(FILE_PASSWORD)
  await page.getByLabel('Repeat the password').fill(FILE_PASSWORD)
  await page.getByRole('button', { name: 'Export' }).click()
  await expect(page.getByRole('alert')).toHaveText('Wrong password. Try again.')
  await page.getByLabel('Keyfob password (to confirm it is you)').fill(PASSWORD)
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^keyfob-backup-\d{4}-\d{2}-\d{2}\.json$/)
  const file = path.join(os.tmpdir(), `keyfob-e2e-${Date.now()}.json`)
  await download.saveAs(file)
  const text = fs.readFileSync(file, 'utf8')
  for (const clear of ['JBSWY3DPEHPK3PXP', 'Acme', 'Widgets', 'widgets.example.com']) expect(text).not.toContain(clear)

  // A fresh install: new profile, new vault, then the import page.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyfob-restore-'))
  const fresh = await launchWithExtension(dir, { extensionDir: EXTENSION_DIR, args: HOST_RULES })
  try {
    const newPopup = await openExtensionPage(fresh, extensionId)
    await createVaultWithPassword(newPopup, 'another device passphrase')
    const importPage = await openExtensionPage(fresh, extensionId, 'src/options/import.html')
    await importPage.getByLabel('Choose a backup file').setInputFiles(file)
    await expect(importPage.getByText('This Keyfob backup is encrypted.', { exact: false })).toBeVisible()
    await importPage.getByLabel('Backup password').fill(FILE_PASSWORD)
    await importPage.getByRole('button', { name: 'Decrypt' }).click()
    await importPage.getByRole('button', { name: 'Import 3 new accounts' }).click()
    await expect(importPage.getByRole('status')).toHaveText('Imported 3 accounts.')
    const after = await listed(newPopup)
    const strip = (xs: Listed[]) =>
      xs.map(({ issuer, tags, sites, pinned, hotp }) => ({ issuer, tags, sites, pinned, counter: hotp?.nextCounter }))
    expect(strip(after)).toEqual(strip(before))
    expect(after.find((a) => a.issuer === 'Counter Co')?.hotp?.nextCounter).toBe('42')
  } finally {
    await fresh.close()
    fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(file, { force: true })
  }
})

test('plaintext exports carry a warning that must be acknowledged', async ({ popup }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME, WIDGETS)
  const page = await openExport(popup)
  await page.getByLabel('otpauth:// links, one per line, not encrypted').check()
  await expect(page.getByText(/This export is not encrypted/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Export' })).toBeDisabled()
  await page.getByLabel('I understand that this export is not protected').check()
  await page.getByLabel('Keyfob password (to confirm it is you)').fill(PASSWORD)
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^keyfob-otpauth-uris-.*\.txt$/)
  const lines = fs
    .readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n')
  expect(lines).toHaveLength(2)
  expect(lines[0]).toMatch(/^otpauth:\/\/totp\/Acme%20Bank:alice%40example\.com\?secret=JBSWY3DPEHPK3PXP/)
})

test('Google Authenticator export shows its QR codes one after another', async ({ popup }) => {
  await createVaultWithPassword(popup)
  const many = Array.from({ length: 9 }, (_, n) => `otpauth://totp/S${n}:u?secret=${'JBSWY3DPEHPK3PX'}${'ABCDEFGHI'[n]}&issuer=S${n}`)
  await addAccounts(popup, ...many)
  const page = await openExport(popup)
  await page.getByLabel('Google Authenticator QR codes', { exact: false }).check()
  await page.getByLabel('I understand that this export is not protected').check()
  await page.getByLabel('Keyfob password (to confirm it is you)').fill(PASSWORD)
  await page.getByRole('button', { name: 'Export' }).click()
  await expect(page.getByRole('img', { name: 'Google Authenticator export, code 1 of 2' })).toBeVisible()
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('img', { name: 'Google Authenticator export, code 2 of 2' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled()
})
