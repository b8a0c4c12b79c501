/** Import and export in Firefox: the popup opens the pages, files go in through the file picker and come out as downloads. */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'puppeteer-core'
import { base32Encode } from '../../src/core/encoding/base32.ts'
import { FIXTURE_ENTRIES, aegisPlainFile } from '../../test/support/plain-fixtures.ts'
import { encodeMigrationPayloads } from '../../src/core/uri/encode-migration-payloads.ts'
import { ACME, PASSWORD, WIDGETS, addAccounts, createVaultWithPassword } from '../shared/flows.ts'
import { SAMPLES, SAMPLES_ABSENT, importScenarios, sampleScenarios, type ImportEnv } from '../shared/import-flows.ts'
import { expectText, expectVisible, popupRequest } from '../shared/ui.ts'
import { Firefox, expect, test, type FirefoxUi } from './fixtures.ts'
import { puppeteerUi } from './puppeteer-ui.ts'
import { unpackAccountList, type PackedAccountList } from '../../src/shared/account-list-wire.ts'

const FILE_PASSWORD = 'a separate backup passphrase'

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
  const ui = puppeteerUi(found as Page)
  await expectVisible(ui.role('heading', /accounts/i))
  return ui
}

async function chooseFile(ui: FirefoxUi, file: string): Promise<void> {
  const input = await ui.page.$('input[type="file"]')
  expect(await input!.evaluate((e) => e.labels?.[0]?.textContent)).toMatch(/Choose a backup file/)
  await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(file)
}

type Listed = { issuer: string; tags: string[]; sites: string[]; pinned: boolean; order: number }
async function listed(ui: FirefoxUi): Promise<Listed[]> {
  const r = await popupRequest<PackedAccountList>(ui, 'listAccounts', {})
  return unpackAccountList(r.value).accounts.sort((a, b) => a.order - b.order)
}

test('import a plain Aegis file from the Add screen: preview, duplicates flagged, then all new accounts at once', async ({
  ff,
  popup,
  userDataDir,
}) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  await popup.role('button', 'Add account').click()
  await popup.role('button', 'Import from a file').click()
  const page = await openedTab(ff, 'src/options/import.html')
  const entries = [
    ...FIXTURE_ENTRIES.filter((e) => e.type !== 'steam').slice(0, 3),
    { ...FIXTURE_ENTRIES[0]!, issuer: 'Acme copy', secret: 'JBSWY3DPEHPK3PXP' },
  ]
  const file = path.join(userDataDir, 'aegis-export-plain.json')
  fs.writeFileSync(file, aegisPlainFile(entries))
  await chooseFile(page, file)
  await expectText(page.role('status'), `Found ${entries.length} accounts in this Aegis backup. Nothing is imported until you confirm.`)
  expect((await page.role('listitem', 'Already in Keyfob').allTexts()).join(' ')).toMatch(/Acme copy/)
  expect(await page.page.content()).not.toContain('JBSWY3DPEHPK3PXP')
  await page.role('button', `Import ${entries.length - 1} new accounts`).click()
  await expectText(page.role('status'), `Imported ${entries.length - 1} accounts.`)
  const issuers = (await listed(popup)).map((a) => a.issuer)
  expect(issuers).toHaveLength(entries.length)
  for (const e of entries.slice(0, 3)) expect(issuers).toContain(e.issuer || e.account)
})

test('an encrypted Keyfob backup, downloaded from the export page, restores into a fresh profile', async ({ ff, popup }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME, WIDGETS)
  const [, widgets] = (await listed(popup)).map((a) => (a as unknown as { id: string }).id)
  await popupRequest(popup, 'updateAccount', { id: widgets, pinned: true, tags: ['work'], sites: ['widgets.example.com'] })
  const before = await listed(popup)
  await popup.reload()
  await popup.role('button', 'Settings').click()
  await popup.role('button', 'Backup and sync', true).click()
  await popup.role('button', 'Export accounts').click()
  const page = await openedTab(ff, 'src/options/export.html')
  await page.label('Keyfob backup, encrypted').check()
  await page.label('Keyfob password (to confirm it is you)').fill('wrong password')
  await page.label('Password for the exported file').fill(FILE_PASSWORD)
  await page.label('Repeat the password').fill(FILE_PASSWORD)
  await page.role('button', 'Export', true).click()
  await expectText(page.role('alert'), 'Wrong password. Try again.', 30_000)
  await page.label('Keyfob password (to confirm it is you)').fill(PASSWORD)
  await page.role('button', 'Export', true).click()
  let name = ''
  await expect
    .poll(() => (name = fs.readdirSync(ff.downloadDir).find((f) => /^keyfob-backup-\d{4}-\d{2}-\d{2}\.json$/.test(f)) ?? ''), {
      message: 'the downloaded backup',
      timeout: 30_000,
    })
    .not.toBe('')
  const file = path.join(ff.downloadDir, name)
  await expect
    .poll(() => {
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8')) !== null
      } catch {
        return false
      }
    })
    .toBe(true)
  const text = fs.readFileSync(file, 'utf8')
  for (const clear of ['JBSWY3DPEHPK3PXP', 'Acme', 'Widgets', 'widgets.example.com']) expect(text).not.toContain(clear)

  const fresh = await Firefox.launch()
  try {
    const newPopup = await fresh.openExtensionPage()
    await createVaultWithPassword(newPopup, 'another device passphrase')
    const importPage = await fresh.openExtensionPage('src/options/import.html')
    await chooseFile(importPage, file)
    await expectVisible(importPage.text(/This Keyfob backup is encrypted\./))
    await importPage.label('Backup password').fill(FILE_PASSWORD)
    await importPage.role('button', 'Decrypt').click()
    await importPage.role('button', 'Import 2 new accounts').click()
    await expectText(importPage.role('status'), 'Imported 2 accounts.', 30_000)
    const strip = (xs: Listed[]) => xs.map(({ issuer, tags, sites, pinned }) => ({ issuer, tags, sites, pinned }))
    expect(strip(await listed(newPopup))).toEqual(strip(before))
  } finally {
    await fresh.close()
    fs.rmSync(fresh.downloadDir, { recursive: true, force: true })
  }
})

test('plaintext exports carry a warning that must be acknowledged, and download as otpauth:// links', async ({ ff, popup }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME, WIDGETS)
  const page = await ff.openExtensionPage('src/options/export.html')
  await page.label('otpauth:// links, one per line, not encrypted').check()
  await expectVisible(page.text(/This export is not encrypted/))
  expect(await page.role('button', 'Export', true).isEnabled()).toBe(false)
  await page.label('I understand that this export is not protected').check()
  await page.label('Keyfob password (to confirm it is you)').fill(PASSWORD)
  await page.role('button', 'Export', true).click()
  let name = ''
  await expect
    .poll(() => (name = fs.readdirSync(ff.downloadDir).find((f) => /^keyfob-otpauth-uris-.*\.txt$/.test(f)) ?? ''), { timeout: 30_000 })
    .not.toBe('')
  let lines: string[] = []
  await expect.poll(() => (lines = fs.readFileSync(path.join(ff.downloadDir, name), 'utf8').trim().split('\n')).length).toBe(2)
  expect(lines[0]).toMatch(/^otpauth:\/\/totp\/Acme%20Bank:alice%40example\.com\?secret=JBSWY3DPEHPK3PXP/)
})

test('a Google Authenticator export in two QR pictures: the first asks for the next, then both import together', async ({
  ff,
  popup,
  site,
  userDataDir,
}) => {
  await createVaultWithPassword(popup)
  const accounts = Array.from({ length: 4 }, (_, n) => ({
    type: 'totp' as const,
    secret: base32Encode(crypto.getRandomValues(new Uint8Array(20))),
    algorithm: 'SHA1' as const,
    digits: 6,
    period: 30,
    counter: 0n,
    issuer: `Phone ${n}`,
    account: `me${n}@example.com`,
  }))
  const { uris } = encodeMigrationPayloads(accounts, { maxAccounts: 2 })
  expect(uris).toHaveLength(2)
  // The pictures a person takes of the phone's two export codes (the second first).
  const picture = async (uri: string, name: string) => {
    const file = path.join(userDataDir, name)
    fs.writeFileSync(file, Buffer.from(await (await fetch(`${site.origin}/qr.png?${new URLSearchParams({ text: uri })}`)).arrayBuffer()))
    return file
  }
  const page = await ff.openExtensionPage('src/options/import.html')
  await chooseFile(page, await picture(uris[1] as string, 'export-1.png'))
  await expectText(page.role('alert'), '1 of 2 codes of this export scanned. Scan the next one.', 30_000)
  expect(await listed(popup)).toEqual([])
  await chooseFile(page, await picture(uris[0] as string, 'export-2.png'))
  await expectText(page.role('status'), 'Found 4 accounts in the QR code. Nothing is imported until you confirm.', 30_000)
  await page.role('button', 'Import 4 new accounts').click()
  await expectText(page.role('status'), 'Imported 4 accounts.', 30_000)
  expect((await listed(popup)).map((a) => a.issuer)).toEqual(accounts.map((a) => a.issuer))
})

test('Google Authenticator export shows its QR codes one after another, after the password and the warning', async ({ ff, popup }) => {
  await createVaultWithPassword(popup)
  const many = Array.from({ length: 9 }, (_, n) => `otpauth://totp/S${n}:u?secret=JBSWY3DPEHPK3PX${'ABCDEFGHI'[n]}&issuer=S${n}`)
  await addAccounts(popup, ...many)
  await popup.role('button', 'Settings').click()
  await popup.role('button', 'Backup and sync', true).click()
  await popup.role('button', 'Export accounts').click()
  const page = await openedTab(ff, 'src/options/export.html')
  await page.label('Google Authenticator QR codes').check()
  await expectVisible(page.text(/This export is not encrypted/))
  expect(await page.role('button', 'Export', true).isEnabled()).toBe(false)
  await page.label('I understand that this export is not protected').check()
  await page.label('Keyfob password (to confirm it is you)').fill(PASSWORD)
  await page.role('button', 'Export', true).click()
  await expectVisible(page.role('img', 'Google Authenticator export, code 1 of 2'), 'the first code', 30_000)
  await page.role('button', 'Next').click()
  await expectVisible(page.role('img', 'Google Authenticator export, code 2 of 2'))
  expect(await page.role('button', 'Next').isEnabled()).toBe(false)
  expect(await page.page.content()).not.toContain('JBSWY3DPEHPK3PX')
})

// The import flows shared with Chromium (e2e/shared/import-flows.ts; Chromium: e2e/import.spec.ts).
const run =
  (scenario: (env: ImportEnv) => Promise<void>) =>
  async ({ ff, popup, userDataDir }: { ff: Firefox; popup: FirefoxUi; userDataDir: string }) =>
    scenario({ popup, openImportPage: () => ff.openExtensionPage('src/options/import.html'), dir: userDataDir })
for (const [title, scenario] of Object.entries(importScenarios)) test(title, run(scenario))

test.describe('real exports from ../shared/samples', () => {
  test.skip(!fs.existsSync(SAMPLES), SAMPLES_ABSENT)
  for (const [title, scenario] of Object.entries(sampleScenarios)) test(title, run(scenario))
})
