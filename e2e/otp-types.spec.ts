/**
 * The code types imported apps hold beyond TOTP/HOTP/Steam, in the real extension: mOTP and
 * Yandex Key (with their PIN, from an Aegis backup through the import page) and TOTP with a
 * non-zero T0 (django-otp's start time: from a link, in the manual form, kept by edit).
 * The expected codes come from core's generators, whose vectors are Aegis's own (pin-otp.test.ts).
 */
import type { Page } from '@playwright/test'
import { base32Encode } from '../src/core/encoding/base32.ts'
import { hexDecode } from '../src/core/encoding/hex.ts'
import type { OtpConfig } from '../src/core/types.ts'
import { MOTP_VECTORS, YANDEX_VECTORS } from '../test/support/otp-fixtures.ts'
import { expect, openExtensionPage, test } from './fixtures.ts'
import { acceptableCodesOf } from './shared/flows.ts'
import { addAccounts, createVaultWithPassword } from './vault-helpers.ts'

const base = { algorithm: 'SHA1', digits: 6, period: 30, counter: 0n, issuer: '', account: '' } as const

/** The code the popup shows for `name`, once it is one of `config`'s current codes (mOTP steps every 10 s). */
async function expectCode(popup: Page, name: string, config: OtpConfig): Promise<void> {
  const button = popup.getByRole('button', { name: new RegExp(`^Copy code .* for ${name}$`) })
  await expect(button).toBeVisible({ timeout: 15_000 })
  await expect
    .poll(async () => (await acceptableCodesOf(config)).includes((await button.textContent())?.trim() ?? ''), { timeout: 15_000 })
    .toBe(true)
}

test('mOTP and Yandex Key accounts from an Aegis backup show their codes in the popup', async ({ popup, context, extensionId }) => {
  await createVaultWithPassword(popup)
  const motp = MOTP_VECTORS[0]!
  const yandex = YANDEX_VECTORS[0]!
  const motpSecret = base32Encode(hexDecode(motp.secret))
  const entry = (type: string, issuer: string, info: Record<string, unknown>) => ({
    type,
    uuid: crypto.randomUUID(),
    name: 'me',
    issuer,
    note: '',
    favorite: false,
    icon: null,
    info,
    groups: [],
  })
  const backup = {
    version: 1,
    header: { slots: null, params: null },
    db: {
      version: 3,
      entries: [
        entry('motp', 'Motp Co', { secret: motpSecret, algo: 'MD5', digits: 6, period: 10, pin: motp.pin }),
        entry('yandex', 'Yandex', { secret: yandex.secret, algo: 'SHA256', digits: 8, period: 30, pin: yandex.pin }),
      ],
      groups: [],
    },
  }
  const page = await openExtensionPage(context, extensionId, 'src/options/import.html')
  await page
    .getByLabel('Choose a backup file')
    .setInputFiles({ name: 'aegis-export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) })
  await expect(page.getByRole('status')).toHaveText('Found 2 accounts in this Aegis backup. Nothing is imported until you confirm.')
  await page.getByRole('button', { name: 'Import 2 new accounts' }).click()
  await expect(page.getByRole('status')).toHaveText('Imported 2 accounts.')

  await popup.reload()
  await expectCode(popup, 'Motp Co', { ...base, type: 'motp', secret: motpSecret, period: 10, pin: motp.pin })
  await expectCode(popup, 'Yandex', { ...base, type: 'yandex', secret: yandex.secret, digits: 8, pin: yandex.pin })
  // mOTP codes are lower-case hex, Yandex Key codes 8 letters: neither is a 6-digit TOTP code by mistake.
  await expect(popup.getByRole('button', { name: /^Copy code [0-9a-f]{3} [0-9a-f]{3} for Motp Co$/ })).toBeVisible()
  await expect(popup.getByRole('button', { name: /^Copy code [a-z]{4} [a-z]{4} for Yandex$/ })).toBeVisible()
})

test('T0: a link with t0, the manual form’s start time, and edit all give the codes counted from T0', async ({ popup }) => {
  await createVaultWithPassword(popup)
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
  const manualSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
  // T0 in 2001 and off the usual steps: its counters are far from the epoch's, so the codes differ.
  const t0 = 1_000_000_007
  await addAccounts(popup, `otpauth://totp/Django:me?secret=${secret}&issuer=Django&t0=${t0}`)
  const withT0 = { ...base, type: 'totp' as const, secret, t0 }
  await expectCode(popup, 'Django', withT0)

  await popup.getByRole('button', { name: 'Add account' }).click()
  await popup.getByRole('button', { name: 'Enter manually' }).click()
  await popup.getByLabel('Service').fill('Manual T0')
  await popup.getByLabel('Secret key').fill(manualSecret)
  await popup.getByLabel('Start time T0 (Unix seconds)').fill('1.5')
  await popup.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(popup.getByRole('alert').filter({ hasText: /T0/ })).toBeVisible()
  await popup.getByLabel('Start time T0 (Unix seconds)').fill(String(t0))
  await popup.getByRole('button', { name: 'Add', exact: true }).click()
  const manual = { ...withT0, secret: manualSecret }
  await expectCode(popup, 'Manual T0', manual)

  // Edit shows T0, and clearing it gives the usual codes.
  await popup.getByRole('button', { name: 'Actions for Manual T0' }).click()
  await popup.getByRole('button', { name: 'Edit' }).click()
  await expect(popup.getByLabel('Start time T0 (Unix seconds)')).toHaveValue(String(t0))
  await popup.getByLabel('Start time T0 (Unix seconds)').fill('')
  await popup.getByRole('button', { name: 'Save' }).click()
  const usual = { ...manual, t0: 0 }
  await expectCode(popup, 'Manual T0', usual)
  const shown = await popup.getByRole('button', { name: /^Copy code .* for Manual T0$/ }).textContent()
  expect(await acceptableCodesOf(manual)).not.toContain(shown?.trim())
})
