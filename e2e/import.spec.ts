import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import type { BrowserContext, Page } from '@playwright/test'
import { base32Encode } from '../src/core/encoding/base32.ts'
import { FIXTURE_ENTRIES, aegisPlainFile } from '../test/support/plain-fixtures.ts'
import { encodeMigrationPayloads } from '../src/core/uri/encode-migration-payloads.ts'
import { expect, openExtensionPage, test } from './fixtures.ts'
import { SAMPLES, SAMPLES_ABSENT, importScenarios, sampleScenarios, type ImportEnv } from './shared/import-flows.ts'
import { playwrightUi } from './shared/ui.ts'
import { ACME, addAccounts, createVaultWithPassword } from './vault-helpers.ts'

async function listedIssuers(popup: Page): Promise<string[]> {
  await popup.reload()
  await popup.locator('ul.accounts li').first().waitFor() // the list renders after the status arrives
  return (await popup.locator('ul.accounts li .issuer').allInnerTexts()).map((x) => x.replace('★', '').trim())
}

test('import a plain Aegis file: preview, duplicates flagged, then all new accounts at once', async ({ popup, context, extensionId }) => {
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME)
  // The popup's Add screen opens the import page.
  await popup.getByRole('button', { name: 'Add account' }).click()
  const opened = context.waitForEvent('page')
  await popup.getByRole('button', { name: 'Import from a file' }).click()
  const page = await opened
  await expect(page).toHaveURL(new RegExp(`chrome-extension://${extensionId}/src/options/import.html`))
  await expect(page.getByRole('heading', { name: 'Import accounts' })).toBeVisible()
  const entries = [...FIXTURE_ENTRIES.filter((e) => e.type !== 'steam').slice(0, 3), { ...FIXTURE_ENTRIES[0]!, issuer: 'Acme copy', secret: 'JBSWY3DPEHPK3PXP' }]
  await page.getByLabel('Choose a backup file').setInputFiles({ name: 'aegis-export-plain.json', mimeType: 'application/json', buffer: Buffer.from(aegisPlainFile(entries)) })
  await expect(page.getByRole('status')).toHaveText(`Found ${entries.length} accounts in this Aegis backup. Nothing is imported until you confirm.`)
  const preview = page.getByRole('list', { name: 'Accounts in the backup' })
  await expect(preview.getByRole('listitem').filter({ hasText: 'Already in Keyfob' })).toHaveText(/Acme copy/)
  expect(await page.content()).not.toContain('JBSWY3DPEHPK3PXP') // the preview never shows a secret
  await page.getByRole('button', { name: `Import ${entries.length - 1} new accounts` }).click()
  await expect(page.getByRole('status')).toHaveText(`Imported ${entries.length - 1} accounts.`)
  const issuers = await listedIssuers(popup)
  expect(issuers).toHaveLength(entries.length)
  for (const e of entries.slice(0, 3)) expect(issuers).toContain(e.issuer || e.account)
})

test('a Google Authenticator export in two QR pictures: the first asks for the next, then both import together', async ({ popup, context, extensionId, site }) => {
  await createVaultWithPassword(popup)
  const accounts = Array.from({ length: 4 }, (_, n) => ({
    type: 'totp' as const, secret: base32Encode(crypto.getRandomValues(new Uint8Array(20))), algorithm: 'SHA1' as const,
    digits: 6, period: 30, counter: 0n, issuer: `Phone ${n}`, account: `me${n}@example.com`,
  }))
  const { uris } = encodeMigrationPayloads(accounts, { maxAccounts: 2 })
  expect(uris).toHaveLength(2)
  const picture = async (uri: string) => Buffer.from(await (await fetch(`${site.origin}/qr.png?${new URLSearchParams({ text: uri })}`)).arrayBuffer())
  const page = await openExtensionPage(context, extensionId, 'src/options/import.html')
  await page.getByLabel('Choose a backup file').setInputFiles({ name: 'export-1.png', mimeType: 'image/png', buffer: await picture(uris[1] as string) })
  await expect(page.getByRole('alert')).toHaveText('1 of 2 codes of this export scanned. Scan the next one.')
  await page.getByLabel('Choose a backup file').setInputFiles({ name: 'export-2.png', mimeType: 'image/png', buffer: await picture(uris[0] as string) })
  await expect(page.getByRole('status')).toHaveText('Found 4 accounts in the QR code. Nothing is imported until you confirm.')
  await page.getByRole('button', { name: 'Import 4 new accounts' }).click()
  await expect(page.getByRole('status')).toHaveText('Imported 4 accounts.')
  expect(await listedIssuers(popup)).toEqual(accounts.map((a) => a.issuer))
})

test.describe('shared with Firefox', () => {
  const run = (scenario: (env: ImportEnv) => Promise<void>) =>
    async ({ popup, context, extensionId }: { popup: Page; context: BrowserContext; extensionId: string }) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyfob-import-'))
      try {
        await scenario({ popup: playwrightUi(popup), openImportPage: async () => playwrightUi(await openExtensionPage(context, extensionId, 'src/options/import.html')), dir })
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    }
  for (const [title, scenario] of Object.entries(importScenarios)) test(title, run(scenario))

  test.describe('real exports from ../shared/samples', () => {
    test.skip(!fs.existsSync(SAMPLES), SAMPLES_ABSENT)
    for (const [title, scenario] of Object.entries(sampleScenarios)) test(title, run(scenario))
  })
})
