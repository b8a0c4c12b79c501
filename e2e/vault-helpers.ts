import type { Page, Worker } from '@playwright/test'
import { generateCode } from '../src/core/otp/generate-code.ts'
import { parseOtpauthUri } from '../src/core/uri/parse-otpauth-uri.ts'
import { formatCode } from '../src/core/otp/format-code.ts'
import { expect } from './fixtures.ts'

export const PASSWORD = 'correct horse battery staple'
export const ACME = 'otpauth://totp/Acme%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Bank'
export const WIDGETS = 'otpauth://totp/Widgets:bob@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Widgets&digits=8'

/** First run through the UI, with a password, as a person would. */
export async function createVaultWithPassword(popup: Page, password = PASSWORD): Promise<void> {
  await popup.getByLabel('New password').fill(password)
  await popup.getByLabel('Repeat the password').fill(password)
  await popup.getByRole('button', { name: 'Create vault' }).click()
  await expect(popup.getByRole('heading', { name: 'Accounts' })).toBeVisible()
}

export async function addAccounts(popup: Page, ...uris: string[]): Promise<void> {
  await popup.getByRole('button', { name: 'Add account' }).click()
  await popup.getByLabel(/Paste one or more/).fill(uris.join('\n'))
  await popup.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(popup.getByRole('heading', { name: 'Accounts' })).toBeVisible()
}

export async function unlock(popup: Page, password = PASSWORD): Promise<void> {
  await popup.getByLabel('Password', { exact: true }).fill(password)
  await popup.getByRole('button', { name: 'Unlock' }).click()
}

/** The codes valid now or just before (a test may straddle a period boundary), as the popup groups them. */
export async function acceptableCodes(uri: string): Promise<string[]> {
  const config = parseOtpauthUri(uri)
  const now = Date.now()
  const codes = await Promise.all([now, now - config.period * 1000, now + config.period * 1000].map((t) => generateCode(config, t)))
  return codes.map(formatCode)
}

export async function expectCodeShown(popup: Page, uri: string, name: string): Promise<void> {
  const button = popup.getByRole('button', { name: new RegExp(`^Copy code .* for ${name}$`) })
  await expect(button).toBeVisible()
  expect(await acceptableCodes(uri)).toContain((await button.textContent())?.trim())
}

export async function storageDump(sw: Worker): Promise<{ local: string; session: string }> {
  return sw.evaluate(async () => ({
    local: JSON.stringify(await chrome.storage.local.get(null)),
    session: JSON.stringify(await chrome.storage.session.get(null)),
  }))
}
