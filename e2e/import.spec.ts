import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import type { BrowserContext, Page } from '@playwright/test'
import { base32Encode } from '../src/core/encoding/base32.ts'
import type { ImportedEntry } from '../src/core/import/import-result.ts'
import { FIXTURE_ENTRIES, aegisPlainFile } from '../test/support/plain-fixtures.ts'
import { authProLegacyFile, freeOtpBackupFile, totpAuthenticatorFile, winAuthText, zipFile } from '../test/support/more-format-fixtures.ts'
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
  const entries = [
    ...FIXTURE_ENTRIES.filter((e) => e.type !== 'steam').slice(0, 3),
    { ...FIXTURE_ENTRIES[0]!, issuer: 'Acme copy', secret: 'JBSWY3DPEHPK3PXP' },
  ]
  await page
    .getByLabel('Choose a backup file')
    .setInputFiles({ name: 'aegis-export-plain.json', mimeType: 'application/json', buffer: Buffer.from(aegisPlainFile(entries)) })
  await expect(page.getByRole('status')).toHaveText(
    `Found ${entries.length} accounts in this Aegis backup. Nothing is imported until you confirm.`,
  )
  const preview = page.getByRole('list', { name: 'Accounts in the backup' })
  await expect(preview.getByRole('listitem').filter({ hasText: 'Already in Keyfob' })).toHaveText(/Acme copy/)
  expect(await page.content()).not.toContain('JBSWY3DPEHPK3PXP') // the preview never shows a secret
  await page.getByRole('button', { name: `Import ${entries.length - 1} new accounts` }).click()
  await expect(page.getByRole('status')).toHaveText(`Imported ${entries.length - 1} accounts.`)
  const issuers = await listedIssuers(popup)
  expect(issuers).toHaveLength(entries.length)
  for (const e of entries.slice(0, 3)) expect(issuers).toContain(e.issuer || e.account)
})

test('a Google Authenticator export in two QR pictures: the first asks for the next, then both import together', async ({
  popup,
  context,
  extensionId,
  site,
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
  const picture = async (uri: string) =>
    Buffer.from(await (await fetch(`${site.origin}/qr.png?${new URLSearchParams({ text: uri })}`)).arrayBuffer())
  const page = await openExtensionPage(context, extensionId, 'src/options/import.html')
  await page
    .getByLabel('Choose a backup file')
    .setInputFiles({ name: 'export-1.png', mimeType: 'image/png', buffer: await picture(uris[1] as string) })
  await expect(page.getByRole('alert')).toHaveText('1 of 2 codes of this export scanned. Scan the next one.')
  await page
    .getByLabel('Choose a backup file')
    .setInputFiles({ name: 'export-2.png', mimeType: 'image/png', buffer: await picture(uris[0] as string) })
  await expect(page.getByRole('status')).toHaveText('Found 4 accounts in the QR code. Nothing is imported until you confirm.')
  await page.getByRole('button', { name: 'Import 4 new accounts' }).click()
  await expect(page.getByRole('status')).toHaveText('Imported 4 accounts.')
  expect(await listedIssuers(popup)).toEqual(accounts.map((a) => a.issuer))
})

test.describe('shared with Firefox', () => {
  const run =
    (scenario: (env: ImportEnv) => Promise<void>) =>
    async ({ popup, context, extensionId }: { popup: Page; context: BrowserContext; extensionId: string }) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyfob-import-'))
      try {
        await scenario({
          popup: playwrightUi(popup),
          openImportPage: async () => playwrightUi(await openExtensionPage(context, extensionId, 'src/options/import.html')),
          dir,
        })
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

/** Fixture accounts under new names and keys, so files of several formats do not duplicate each other. */
function renamed(prefix: string, entries: readonly ImportedEntry[]): ImportedEntry[] {
  return entries.map((e) => ({
    ...e,
    issuer: `${prefix} ${e.issuer}`,
    secret: base32Encode(crypto.getRandomValues(new Uint8Array(20))),
    tags: [],
  }))
}

test('Authenticator Pro, FreeOTP 2, TOTP Authenticator and WinAuth files import through the page', async ({
  popup,
  context,
  extensionId,
}) => {
  test.slow()
  await createVaultWithPassword(popup)
  const totpOnly = FIXTURE_ENTRIES.filter((e) => e.type === 'totp').map((e) => ({ ...e, algorithm: 'SHA1' as const }))
  const files = [
    {
      name: 'backup.authpro',
      app: 'Authenticator Pro (Stratum)',
      entries: renamed('AP', FIXTURE_ENTRIES.slice(0, 3)),
      build: (e: ImportedEntry[]) => authProLegacyFile(e, 'test'),
    },
    {
      name: 'externalBackup.xml',
      app: 'FreeOTP',
      entries: renamed('FO', FIXTURE_ENTRIES.slice(3, 6)),
      build: (e: ImportedEntry[]) => freeOtpBackupFile(e, 'test'),
    },
    {
      name: 'totp.bin',
      app: 'TOTP Authenticator',
      entries: renamed('TA', totpOnly),
      build: (e: ImportedEntry[]) => totpAuthenticatorFile(e, 'test'),
    },
    {
      name: 'winauth-2023-11-14.zip',
      app: 'WinAuth',
      entries: renamed('WA', FIXTURE_ENTRIES.slice(0, 4)),
      build: async (e: ImportedEntry[]) => zipFile('winauth-2023-11-14.txt', new TextEncoder().encode(winAuthText(e)), 'test'),
    },
  ]
  const page = await openExtensionPage(context, extensionId, 'src/options/import.html')
  for (const f of files) {
    await page
      .getByLabel('Choose a backup file')
      .setInputFiles({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(await f.build(f.entries)) })
    await expect(page.getByText(`This ${f.app} backup is encrypted.`, { exact: false })).toBeVisible()
    await page.getByLabel('Backup password').fill('test')
    await page.getByRole('button', { name: 'Decrypt' }).click()
    await expect(page.getByRole('status')).toHaveText(
      `Found ${f.entries.length} accounts in this ${f.app} backup. Nothing is imported until you confirm.`,
    )
    await page.getByRole('button', { name: `Import ${f.entries.length} new accounts` }).click()
    await expect(page.getByRole('status')).toHaveText(`Imported ${f.entries.length} accounts.`)
    await page.getByRole('button', { name: 'Import another file' }).click()
  }
  const issuers = await listedIssuers(popup)
  for (const f of files) for (const e of f.entries) expect(issuers).toContain(e.issuer)
})

test('a slow key derivation runs in a worker: the page keeps answering, shows an estimate, and Cancel stops it', async ({
  popup,
  context,
  extensionId,
}) => {
  await createVaultWithPassword(popup)
  const page = await openExtensionPage(context, extensionId, 'src/options/import.html')
  // An Ente export asking for Argon2id at 256 MiB × 16 passes (seconds of work); its content does not matter.
  const b64 = (n: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(n))).toString('base64')
  const ente = {
    version: 1,
    kdfParams: { memLimit: 256 * 1024 * 1024, opsLimit: 16, salt: b64(16) },
    encryptedData: b64(80),
    encryptionNonce: b64(24),
  }
  await page
    .getByLabel('Choose a backup file')
    .setInputFiles({ name: 'ente-auth-codes-2026-01-01.txt', mimeType: 'text/plain', buffer: Buffer.from(JSON.stringify(ente)) })
  await page.getByLabel('Backup password').fill('test')
  await page.getByRole('button', { name: 'Decrypt' }).click()
  const deriving = page.getByRole('status').filter({ hasText: /^Deriving the key… \(about \d+ s\)$/ })
  await expect(deriving).toBeVisible()
  // The page answers while the worker derives: a script round trip and typing take well under a second.
  const started = Date.now()
  expect(await page.evaluate(() => 1 + 1)).toBe(2)
  await page.getByLabel('Backup password').fill('typed while deriving')
  await expect(page.getByLabel('Backup password')).toHaveValue('typed while deriving')
  expect(Date.now() - started).toBeLessThan(2000)
  await expect(deriving).toBeVisible() // still deriving: the answers above came during the derivation
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('status')).toHaveText('Stopped. Nothing was imported.')
  await expect(deriving).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Decrypt' })).toBeEnabled()
})
