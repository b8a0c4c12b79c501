/** What a person does in Keyfob's popup, written once against `Ui` and run in Chromium and Firefox. */
import { expect } from '@playwright/test'
import { formatCode } from '../../src/core/otp/format-code.ts'
import { generateCode } from '../../src/core/otp/generate-code.ts'
import type { OtpConfig } from '../../src/core/types.ts'
import { parseOtpauthUri } from '../../src/core/uri/parse-otpauth-uri.ts'
import { expectVisible, popupRequest, type Ui } from './ui.ts'

export const PASSWORD = 'correct horse battery staple'
export const ACME = 'otpauth://totp/Acme%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Bank'
export const WIDGETS = 'otpauth://totp/Widgets:bob@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Widgets&digits=8'

/** First run through the UI, with a password (Argon2id takes seconds on a busy machine). */
export async function createVaultWithPassword(ui: Ui, password = PASSWORD): Promise<void> {
  await ui.label('New password').fill(password)
  await ui.label('Repeat the password').fill(password)
  await ui.role('button', 'Create vault').click()
  await expectVisible(ui.role('heading', 'Accounts'), 'the account list after creating the vault', 30_000)
}

/** Add account → paste otpauth:// links → Add. */
export async function addAccounts(ui: Ui, ...uris: string[]): Promise<void> {
  await ui.role('button', 'Add account').click()
  await ui.label(/Paste one or more/).fill(uris.join('\n'))
  await ui.role('button', 'Add', true).click()
  await expectVisible(ui.role('heading', 'Accounts'))
}

export async function unlock(ui: Ui, password = PASSWORD): Promise<void> {
  await ui.label('Password', true).fill(password)
  await ui.role('button', 'Unlock').click()
}

/** The codes valid now or either side (a test may straddle a period boundary), as the popup groups them. */
export async function acceptableCodes(uri: string): Promise<string[]> {
  return acceptableCodesOf(parseOtpauthUri(uri))
}

/** The same for an account given as its OTP settings (types a link cannot hold: mOTP, Yandex Key). */
export async function acceptableCodesOf(config: OtpConfig): Promise<string[]> {
  const now = Date.now()
  const codes = await Promise.all([now, now - config.period * 1000, now + config.period * 1000].map((t) => generateCode(config, t)))
  return codes.map(formatCode)
}

/** The popup shows the account's code, and it is the one the reference implementation computes. */
export async function expectCodeShown(ui: Ui, uri: string, name: string): Promise<void> {
  const button = ui.role('button', new RegExp(`^Copy code .* for ${name}$`))
  await expectVisible(button, `the code for ${name}`, 30_000)
  expect(await acceptableCodes(uri)).toContain((await button.text()).trim())
}

/** A new vault holding `uris`, each bound to `sites` (through the popup's own requests); returns the account ids. */
export async function setUpBound(ui: Ui, sites: string[], ...uris: string[]): Promise<string[]> {
  await createVaultWithPassword(ui)
  const ids: string[] = []
  for (const uri of uris) {
    const r = await popupRequest<{ added: { id: string }[] }>(ui, 'addAccounts', { text: uri })
    const id = r.value.added[0]?.id as string
    await popupRequest(ui, 'updateAccount', { id, sites })
    ids.push(id)
  }
  return ids
}

/** The raw codes of the window now and either side. */
export async function codesNow(uri: string): Promise<string[]> {
  const c = parseOtpauthUri(uri)
  return Promise.all([0, -c.period * 1000, c.period * 1000].map((d) => generateCode(c, Date.now() + d)))
}
