/**
 * mOTP and Yandex Key accounts end to end in the background: imported with
 * their PIN, shown with codes (computed here, never in the popup), kept by
 * Keyfob's backup and the Aegis export, and listed as skipped by exports that
 * cannot hold them.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { describe, expect, it } from 'vitest'
import { toTransferred } from '../../core/accounts/transfer-account.ts'
import { base32Encode } from '../../core/encoding/base32.ts'
import { hexDecode } from '../../core/encoding/hex.ts'
import { importKeyfobBackup } from '../../core/export/index.ts'
import { motpCode } from '../../core/otp/motp.ts'
import { POPUP_INPUTS } from '../../shared/protocol.ts'
import { MOTP_VECTORS, YANDEX_VECTORS } from '../../../test/support/otp-fixtures.ts'
import { fakeBackground } from '../../../test/support/fake-background.ts'

const PASSWORD = 'correct horse battery staple'
const NOW = YANDEX_VECTORS[0]!.time * 1000
const motp = {
  type: 'motp' as const,
  issuer: 'M',
  account: 'm',
  secret: base32Encode(hexDecode(MOTP_VECTORS[0]!.secret)),
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 10,
  counter: 0n,
  pin: '1234',
}
const yandex = {
  type: 'yandex' as const,
  issuer: 'Y',
  account: 'y',
  secret: YANDEX_VECTORS[0]!.secret,
  algorithm: 'SHA256' as const,
  digits: 8,
  period: 30,
  counter: 0n,
  pin: YANDEX_VECTORS[0]!.pin,
}

describe('mOTP and Yandex Key accounts', () => {
  it('import with their PIN, show codes, survive a Keyfob backup, and are skipped by formats that cannot hold them', async () => {
    fakeBrowser.reset()
    const s = fakeBackground({
      version: 't',
      now: () => NOW,
    })
    await s.vault.setup(PASSWORD)
    const h = s.popupHandlers
    const accounts = [toTransferred(motp), toTransferred(yandex)]
    expect(await h.importAccounts(POPUP_INPUTS.importAccounts({ accounts, dryRun: false }))).toMatchObject({ added: 2 })
    const views = (await h.listAccounts({})).accounts
    expect(views.map((v) => [v.type, v.timed?.code])).toEqual([
      ['motp', motpCode(hexDecode(MOTP_VECTORS[0]!.secret), '1234', NOW)],
      ['yandex', YANDEX_VECTORS[0]!.code],
    ])
    expect(JSON.stringify(views)).not.toContain('1234') // the PIN, like the key, never reaches the popup

    const backup = await h.exportVault(
      POPUP_INPUTS.exportVault({ format: 'keyfob-backup', password: PASSWORD, exportPassword: 'backup password 123' }),
    )
    const restored = await importKeyfobBackup(new TextEncoder().encode(backup.text ?? ''), 'backup password 123')
    expect(restored.accounts.map((a) => [a.type, a.pin])).toEqual([
      ['motp', '1234'],
      ['yandex', yandex.pin],
    ])

    const list = await h.exportVault(POPUP_INPUTS.exportVault({ format: 'otpauth-uri-list', password: PASSWORD, acceptPlaintext: true }))
    expect(list.skipped.map((x) => x.name)).toEqual(['M (m)', 'Y (y)'])
    const google = await h.exportVault(POPUP_INPUTS.exportVault({ format: 'google-migration', password: PASSWORD, acceptPlaintext: true }))
    expect(google.skipped.map((x) => x.reason)).toEqual([expect.stringMatching(/mOTP/), expect.stringMatching(/Yandex/)])
    const aegis = await h.exportVault(POPUP_INPUTS.exportVault({ format: 'aegis-plain', password: PASSWORD, acceptPlaintext: true }))
    expect(aegis.skipped).toEqual([])
    expect(aegis.text).toMatch(/"pin": ?"1234"/)
  }, 30_000)
})
