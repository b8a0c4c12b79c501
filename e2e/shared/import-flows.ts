/**
 * Importing from another authenticator's file, written once against `Ui` and run in Chromium
 * (e2e/import.spec.ts) and Firefox (e2e/firefox/import-export.firefox.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import { expect } from '@playwright/test'
import { ACME, addAccounts, createVaultWithPassword } from './flows.ts'
import { expectText, expectVisible, popupRequest, type Ui } from './ui.ts'

/** The real export files of other authenticators (../shared/samples/README.md); not copied into the repository. */
export const SAMPLES = process.env.KEYFOB_SAMPLES ?? path.resolve(import.meta.dirname, '../../../shared/samples')
export const SAMPLES_ABSENT = `the samples folder ${SAMPLES} is absent (it is not copied into the repository)`

export interface ImportEnv {
  /** The popup, on a fresh profile. */
  popup: Ui
  /** The import page (src/options/import.html), opened in a tab. */
  openImportPage: () => Promise<Ui>
  /** A folder for files the test makes (what a person has on disk). */
  dir: string
}

type ImportScenario = (env: ImportEnv) => Promise<void>

/** The vault's issuers in its order (the popup's own request). */
async function issuers(popup: Ui): Promise<string[]> {
  const r = await popupRequest<{ accounts: { issuer: string; order: number }[] }>(popup, 'listAccounts', {})
  return r.value.accounts.sort((a, b) => a.order - b.order).map((a) => a.issuer)
}

export const importScenarios: Record<string, ImportScenario> = {
  'a file that is not a backup gets a specific error and changes nothing': async ({ popup, openImportPage, dir }) => {
    await createVaultWithPassword(popup)
    await addAccounts(popup, ACME)
    const page = await openImportPage()
    const file = path.join(dir, 'notes.txt')
    fs.writeFileSync(file, 'shopping list: milk, eggs')
    await page.label('Choose a backup file').setFiles(file)
    await expectText(page.role('alert'), /not|format|recogn/i, 30_000)
    expect(await page.role('button', /^Import/).count(), 'nothing offered for import').toBe(0)
    expect(await issuers(popup)).toEqual(['Acme Bank'])
  },
}

/** Flows on the real sample files: the caller skips them, saying why, when SAMPLES is absent. */
export const sampleScenarios: Record<string, ImportScenario> = {
  'an encrypted Aegis vault: wrong password, then the right one': async ({ popup, openImportPage }) => {
    await createVaultWithPassword(popup)
    const page = await openImportPage()
    await page.label('Choose a backup file').setFiles(path.join(SAMPLES, 'aegis-test-set/aegis_encrypted.json'))
    await expectVisible(page.text(/This Aegis backup is encrypted\./), 'the password prompt', 30_000)
    await page.label('Backup password').fill('not it')
    await page.role('button', 'Decrypt').click()
    await expectText(page.role('alert'), 'Wrong password. Try again.', 30_000)
    await page.label('Backup password').fill('test')
    await page.role('button', 'Decrypt').click()
    await expectText(page.role('status'), /^Found 7 accounts in this Aegis backup/, 30_000)
    await page.role('button', /^Import \d+ new accounts$/).click()
    await expectText(page.role('status'), /^Imported 7 accounts\.$/, 30_000)
    expect(await issuers(popup)).toEqual(['Deno', 'SPDX', 'Airbnb', 'Issuu', 'Air Canada', 'WWE', 'Boeing'])
  },

  'an encrypted 2FAS backup and a plain Bitwarden export, one after the other; the second flags what the first added': async ({
    popup,
    openImportPage,
  }) => {
    await createVaultWithPassword(popup)
    const page = await openImportPage()
    await page.label('Choose a backup file').setFiles(path.join(SAMPLES, 'aegis-test-set/2fas_authenticator_encrypted_v3.2fas'))
    await expectVisible(page.label('Backup password'), 'the password prompt', 30_000)
    await page.label('Backup password').fill('test')
    await page.role('button', 'Decrypt').click()
    await expectText(page.role('status'), /^Found 6 accounts/, 30_000)
    await page.role('button', 'Import 6 new accounts').click()
    await expectText(page.role('status'), 'Imported 6 accounts.', 30_000)
    // Bitwarden's export holds A1–A3 and A7: three are already in the vault.
    const again = await openImportPage()
    await again.label('Choose a backup file').setFiles(path.join(SAMPLES, 'aegis-test-set/bitwarden.json'))
    await expectText(again.role('status'), /^Found 4 accounts/, 30_000)
    expect(await again.text('Already in Keyfob', true).count(), 'flagged as already in Keyfob').toBe(3)
    await again.role('button', 'Import 1 new accounts').click()
    await expectText(again.role('status'), 'Imported 1 accounts.', 30_000)
    // The new one is the Steam account, under the Bitwarden item's name.
    expect(await issuers(popup)).toEqual(['Deno', 'SPDX', 'Airbnb', 'Issuu', 'Air Canada', 'WWE', 'Test Steam'])
  },
}
