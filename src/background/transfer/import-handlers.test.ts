import { fakeBrowser } from '@webext-core/fake-browser'
import { describe, expect, it } from 'vitest'
import { toTransferred } from '../../core/accounts/transfer-account.ts'
import { POPUP_INPUTS } from '../../shared/protocol.ts'
import { LOCAL } from '../../shared/storage-keys.ts'

import { fakeBackground } from '../../../test/support/fake-background.ts'
import { unpackAccountList } from '../../shared/account-list-wire.ts'

const acct = (secret: string, issuer: string) =>
  toTransferred({
    type: 'totp',
    issuer,
    account: 'a',
    secret,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0n,
    tags: ['imported'],
    pinned: false,
  })

async function setup() {
  fakeBrowser.reset()
  const s = fakeBackground({
    version: 't',
  })
  await s.vault.setup('correct horse battery staple')
  const h = s.popupHandlers
  await h.addAccounts({ text: 'otpauth://totp/Old:x?secret=JBSWY3DPEHPK3PXP&issuer=Old' })
  return h
}

describe('importAccounts', () => {
  it('a dry run tells new from duplicate (in the vault or repeated in the file) and stores nothing', async () => {
    const h = await setup()
    const before = await fakeBrowser.storage.local.get(LOCAL.vault)
    const input = POPUP_INPUTS.importAccounts({
      accounts: [acct('JBSWY3DPEHPK3PXP', 'Again'), acct('GEZDGNBVGY3TQOJQ', 'New'), acct('GEZDGNBVGY3TQOJQ', 'Twice')],
      dryRun: true,
    })
    expect(await h.importAccounts(input)).toEqual({ status: ['duplicate', 'new', 'duplicate'], added: 0 })
    expect(await fakeBrowser.storage.local.get(LOCAL.vault)).toEqual(before)
  })

  it('stores every new account in one write, with its tags', async () => {
    const h = await setup()
    const input = POPUP_INPUTS.importAccounts({
      accounts: [acct('GEZDGNBVGY3TQOJQ', 'New'), acct('JBSWY3DPEHPK3PXP', 'Again')],
      dryRun: false,
    })
    expect(await h.importAccounts(input)).toEqual({ status: ['new', 'duplicate'], added: 1 })
    const { accounts } = unpackAccountList(await h.listAccounts({}))
    expect(accounts.map((a) => [a.issuer, a.tags])).toEqual([
      ['Old', []],
      ['New', ['imported']],
    ])
  })

  it('one bad account rejects the whole import before anything is stored', async () => {
    const h = await setup()
    const bad = { ...acct('GEZDGNBVGY3TQOJQ', 'Bad'), digits: 42 }
    const input = POPUP_INPUTS.importAccounts({ accounts: [acct('KRUGS4ZANFZSAYLO', 'Good'), bad], dryRun: false })
    await expect(h.importAccounts(input)).rejects.toThrowError(
      expect.objectContaining({ code: 'INVALID_MESSAGE', message: expect.stringMatching(/^Account 2: 'digits'/) as unknown }),
    )
    expect((await h.listAccounts({})).accounts).toHaveLength(1)
  })
})
