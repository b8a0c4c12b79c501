/**
 * docs/security.md, "The background checks every incoming account again (at most 10,000)": the
 * import page's request goes through the background's real listeners (routeFor); 10,000 accounts are checked and
 * classified, 10,001 are refused before any is looked at, and nothing is stored.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'
import { toTransferred } from '../../core/accounts/transfer-account.ts'
import { LOCAL } from '../../shared/storage-keys.ts'

vi.mock('../../shared/browser-api.ts', () => ({ ext: fakeBrowser }))
const { routeFor } = await import('../serve-background.ts')
const { fakeBackground } = await import('../../../test/support/fake-background.ts')

const importPage: Runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/src/options/import.html') }
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** A distinct 16-character base32 secret for each n. */
const secret = (n: number) => Array.from({ length: 16 }, (_, i) => BASE32[Math.floor(n / 32 ** i) % 32]).join('')
const accounts = (count: number) =>
  Array.from({ length: count }, (_, n) =>
    toTransferred({
      type: 'totp',
      issuer: `Issuer ${n}`,
      account: 'a',
      secret: secret(n),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0n,
      tags: [],
      pinned: false,
    }),
  )

describe('the background’s cap on one import', () => {
  it('checks up to 10,000 accounts, and refuses 10,001 as INVALID_MESSAGE, storing nothing', async () => {
    fakeBrowser.reset()
    const route = routeFor(
      fakeBackground({
        version: 't',
      }),
    )
    const ask = (input: unknown) => route({ channel: 'popup', type: 'importAccounts', input }, importPage)
    expect(await route({ channel: 'popup', type: 'setup', input: { password: 'correct horse battery staple' } }, importPage)).toMatchObject(
      { ok: true },
    )
    const stored = await fakeBrowser.storage.local.get(LOCAL.vault)

    const tenThousand = await ask({ accounts: accounts(10_000), dryRun: true })
    expect(tenThousand).toMatchObject({ ok: true, value: { added: 0 } })
    const status = (tenThousand as { value: { status: string[] } }).value.status
    expect(status).toHaveLength(10_000)
    expect(new Set(status)).toEqual(new Set(['new']))

    const tooMany = await ask({ accounts: accounts(10_001), dryRun: false })
    expect(tooMany).toEqual({ ok: false, error: { code: 'INVALID_MESSAGE', message: "'accounts' must be a list of at most 10000." } })
    expect(await fakeBrowser.storage.local.get(LOCAL.vault)).toEqual(stored)
  })
})
