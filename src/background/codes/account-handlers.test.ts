import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { POPUP_INPUTS } from '../../shared/protocol.ts'
import type { Background } from '../background.ts'
import { fakeBackground } from '../../../test/support/fake-background.ts'
import { noTabs } from '../tab-port.ts'
import { accountList, OPENING_ROWS } from './account-handlers.ts'
import { unpackAccountList, unpackTimed } from '../../shared/account-list-wire.ts'

const PASSWORD = 'correct horse battery staple'
const A = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const B = 'otpauth://totp/Beta:bob?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=Beta'
const C = 'otpauth://hotp/Gamma:carol?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=5&issuer=Gamma'

let clock = 1_700_000_000_000
const cleared: [string, number][] = []
async function setup(tabUrl: (tabId: number) => Promise<string | null> = async () => null, siteList?: () => Promise<void>) {
  cleared.length = 0
  fakeBrowser.reset()
  const s = fakeBackground({
    now: () => clock,
    version: 't',
    tabs: { ...noTabs, tabUrl },
    clearClipboardAfter: async (code, ms) => (cleared.push([code, ms]), true),
    ...(siteList ? { siteList } : {}),
  })
  await s.vault.setup(PASSWORD)
  const h = s.popupHandlers
  const { added } = await h.addAccounts({ text: [A, B, C].join('\n') })
  return { s, h, ids: added.map((a) => a.id) as [string, string, string] }
}

const names = async (h: Background['popupHandlers']) =>
  (await h.listAccounts({})).accounts.sort((a, b) => a.order - b.order).map((a) => a.issuer)

beforeEach(() => void (clock = 1_700_000_000_000))

describe('account handlers', () => {
  it('adds through the manual form and reports a key that is already there', async () => {
    const { h } = await setup()
    const form = {
      issuer: 'Acme again',
      account: 'x',
      secret: 'jbsw y3dp ehpk 3pxp',
      type: 'totp',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
      counter: '',
    }
    expect(await h.addManual(form)).toMatchObject({ added: [], duplicates: [{ issuer: 'Acme again' }] })
    const fresh = await h.addManual({ ...form, secret: 'KRUGS4ZANFZSAYLOEBSXQYLNOBWGKIDLMV4Q' })
    expect(fresh.added[0]).toMatchObject({ issuer: 'Acme again' })
    await expect(h.addManual({ ...form, digits: '12' })).rejects.toMatchObject({ field: 'digits' })
  })

  it('edits names, tags and bound sites, and pins', async () => {
    const { h, ids } = await setup()
    const p = POPUP_INPUTS.updateAccount({
      id: ids[0],
      issuer: ' Acme Corp ',
      tags: ['work', ' work ', 'bank'],
      sites: ['https://Acme.example.com/login'],
      pinned: true,
    })
    const view = await h.updateAccount(p)
    expect(view).toMatchObject({ issuer: 'Acme Corp', tags: ['work', 'bank'], sites: ['acme.example.com'], pinned: true })
    await expect(h.updateAccount(POPUP_INPUTS.updateAccount({ id: ids[0], issuer: '', account: '' }))).rejects.toMatchObject({
      code: 'INVALID_PARAMETER',
    })
    await expect(h.updateAccount(POPUP_INPUTS.updateAccount({ id: ids[0], sites: ['not a site'] }))).rejects.toMatchObject({
      field: 'sites',
    })
  })

  it('takes a TOTP start time (t0) in the manual form, in links and in edit; codes count from it', async () => {
    const { h, ids } = await setup()
    const form = {
      issuer: 'Django',
      account: 'x',
      secret: 'KRUGS4ZANFZSAYLOEBSXQYLNOBWGKIDLMV4Q',
      type: 'totp',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
      counter: '',
      t0: '15',
    }
    const [added] = (await h.addManual(form)).added
    expect(added).toMatchObject({ t0: 15, timed: { validFrom: 1_699_999_995_000 } }) // steps start at 15 s past each half minute
    const [linked] = (await h.addAccounts({ text: 'otpauth://totp/Linked:y?secret=MFRGGZDFMZTWQ2LK&t0=15' })).added
    expect(linked).toMatchObject({ t0: 15 })
    const edited = await h.updateAccount(POPUP_INPUTS.updateAccount({ id: ids[0], t0: 15 }))
    expect(edited).toMatchObject({ t0: 15, timed: { validFrom: 1_699_999_995_000 } })
    expect(await h.updateAccount(POPUP_INPUTS.updateAccount({ id: ids[0], t0: 0 }))).toMatchObject({
      t0: 0,
      timed: { validFrom: 1_699_999_980_000 },
    })
    await expect(h.updateAccount(POPUP_INPUTS.updateAccount({ id: ids[2], t0: 15 }))).rejects.toMatchObject({ field: 't0' }) // HOTP has no start time
    await expect(h.addManual({ ...form, t0: 'soon' })).rejects.toMatchObject({ field: 't0' })
  })

  it('moves an account in the manual order', async () => {
    const { h, ids } = await setup()
    await h.moveAccount({ id: ids[2], toIndex: 0 })
    expect(await names(h)).toEqual(['Gamma', 'Acme', 'Beta'])
    await h.moveAccount({ id: ids[2], toIndex: 99 })
    expect(await names(h)).toEqual(['Acme', 'Beta', 'Gamma'])
  })

  it('deletes, then undoes the deletion exactly once', async () => {
    const { h, ids } = await setup()
    await h.deleteAccount({ id: ids[1] })
    expect(await names(h)).toEqual(['Acme', 'Gamma'])
    expect(await h.restoreAccount({ id: ids[1] })).toMatchObject({ issuer: 'Beta' })
    expect(await names(h)).toEqual(['Acme', 'Beta', 'Gamma'])
    await expect(h.restoreAccount({ id: ids[1] })).rejects.toMatchObject({ code: 'UNDO_EXPIRED' })
  })

  it('tells a deleted account (ACCOUNT_NOT_FOUND) from an undo that came too late (UNDO_EXPIRED)', async () => {
    const { h, ids } = await setup()
    await h.deleteAccount({ id: ids[1] })
    await expect(h.deleteAccount({ id: ids[1] })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
    await expect(h.moveAccount({ id: ids[1], toIndex: 0 })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
    await expect(h.nextHotpCode({ id: ids[1] })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
    await expect(h.restoreAccount({ id: ids[0] })).rejects.toMatchObject({ code: 'UNDO_EXPIRED' })
  })

  it('forgets deleted accounts when the vault locks: no secret stays in memory for an undo', async () => {
    const { s, h, ids } = await setup()
    await h.deleteAccount({ id: ids[1] })
    await s.vault.lock()
    await s.vault.unlock(PASSWORD)
    await expect(h.restoreAccount({ id: ids[1] })).rejects.toMatchObject({ code: 'UNDO_EXPIRED' })
    expect(await names(h)).toEqual(['Acme', 'Gamma'])
  })

  it('records when a code was last used, and asks for the clipboard to be cleared', async () => {
    const { h, ids } = await setup()
    clock += 5000
    await h.codeCopied(POPUP_INPUTS.codeCopied({ id: ids[1], code: '123456' }))
    const beta = (await h.listAccounts({})).accounts.find((a) => a.id === ids[1])
    expect(beta?.lastUsedAt).toBe(clock)
    expect(cleared).toEqual([['123456', 30_000]]) // the default: 30 s
    expect(() => POPUP_INPUTS.codeCopied({ id: ids[1], code: '<script>' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_MESSAGE' }),
    )
  })

  it('advances an HOTP counter only when the next code is asked for', async () => {
    const { h, ids } = await setup()
    const before = (await h.listAccounts({})).accounts.find((a) => a.id === ids[2])
    expect(before?.hotp).toEqual({ code: null, nextCounter: '5' })
    const shown = await h.nextHotpCode({ id: ids[2] })
    expect(shown.hotp).toEqual({ code: '254676', nextCounter: '6' }) // RFC 4226 Appendix D, counter 5
    expect((await h.listAccounts({})).accounts.find((a) => a.id === ids[2])?.hotp).toEqual({ code: '254676', nextCounter: '6' })
  })

  it('marks accounts bound to the tab’s registrable domain, from the URL its content script reports', async () => {
    const urls: Record<number, string> = { 1: 'https://login.beta.example.co.uk/2fa', 2: 'https://beta.example.co.uk.evil.test/' }
    const { h, ids } = await setup(async (tabId) => urls[tabId] ?? null)
    await h.updateAccount(POPUP_INPUTS.updateAccount({ id: ids[1], sites: ['beta.example.co.uk'] }))
    expect(await h.listAccounts({ tabId: 1 })).toMatchObject({ activeSite: 'example.co.uk', onSite: [ids[1]] })
    expect(await h.listAccounts({ tabId: 2 })).toMatchObject({ activeSite: 'evil.test', onSite: [] })
    expect(await h.listAccounts({ tabId: 3 })).toMatchObject({ activeSite: null, onSite: [] })
    expect(() => POPUP_INPUTS.listAccounts({ tabId: 'x' })).toThrowError(expect.objectContaining({ code: 'INVALID_MESSAGE' }))
  })

  it('renders the QR code only after the password, and never returns the secret as text', async () => {
    const { h, ids } = await setup()
    await expect(h.accountQr({ id: ids[0], password: 'wrong one' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
    const { svg } = await h.accountQr({ id: ids[0], password: PASSWORD })
    expect(svg).toMatch(/^<svg[^>]*viewBox=/)
    expect(svg).not.toContain('JBSWY3DPEHPK3PXP')
  })
})

describe('suggested sites', () => {
  it('are worked out for the edit panel alone, once the suffix list is there, and only for an account without a bound site', async () => {
    const listed: string[] = []
    const { s, h } = await setup(undefined, async () => void listed.push('list'))
    const text = [
      'otpauth://totp/accounts.example.co.uk:dan?secret=KRUGS4ZANFZSAYLOEBSXQYLNOBWGKIDLMV4Q',
      'otpauth://totp/GitHub:octocat?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=GitHub',
      'otpauth://totp/Nobody%20Knows:x?secret=ONSWG4TFORZWK4TFORZWK4TF&issuer=Nobody%20Knows',
    ].join('\n')
    const ids = (await h.addAccounts({ text })).added.map((a) => a.id)
    expect(ids).toHaveLength(3)
    // A list carries no suggestion (issue #15: every list worked one out for every account, and waited for the suffix
    // list whenever an issuer was written as a host name).
    const deps = { vault: s.vault, codes: s.codes, codeNow: s.codeNow }
    listed.length = 0
    const list = await accountList(deps, null, 'manual')
    expect(listed, 'a list does not load the suffix list').toEqual([])
    expect(list.accounts.every((a) => !('suggestedSites' in a))).toBe(true)
    const sites = async (id: string) => (await h.suggestSites({ id })).sites
    expect(await sites(ids[0]!)).toEqual(['example.co.uk'])
    expect(listed, 'the suggestion waits for the suffix list').toContain('list')
    expect(await sites(ids[1]!)).toEqual(['github.com'])
    expect(await sites(ids[2]!)).toEqual([])
    // Bound: nothing more to suggest.
    await h.updateAccount(POPUP_INPUTS.updateAccount({ id: ids[1]!, sites: ['github.com'] }))
    expect(await sites(ids[1]!)).toEqual([])
    await expect(h.suggestSites({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
  })
})

describe('an opening’s list (issue #15)', () => {
  it('an opening computes the codes of the rows the popup opens on and of the site’s accounts; listCodes the others', async () => {
    const { s, h } = await setup()
    // Twenty more, named backwards so that sorting by issuer puts the last added first.
    const more = Array.from({ length: 20 }, (_, i) => {
      const name = `Issuer${String(99 - i)}`
      return `otpauth://totp/${name}:u?secret=${'KRUGS4ZANFZSAYLOEBSXQYLNOBWGKIDLMV4Q'.slice(0, 30)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i]}Q&issuer=${name}`
    })
    await h.addAccounts({ text: more.join('\n') })
    const all = unpackAccountList(await h.listAccounts({})).accounts
    const gamma = all.find((a) => a.issuer === 'Gamma')!
    // Acme, added first, is bound to the tab's site: shown first whatever the order, so its code comes with the opening.
    await h.updateAccount(POPUP_INPUTS.updateAccount({ id: all.find((a) => a.issuer === 'Acme')!.id, sites: ['acme.example'] }))
    const deps = { vault: s.vault, codes: s.codes, codeNow: s.codeNow }
    for (const sort of ['manual', 'issuer'] as const) {
      const opening = await accountList(deps, Promise.resolve('https://login.acme.example/'), sort)
      const coded = opening.accounts.filter((a) => a.timed !== null).map((a) => a.issuer)
      const shown = [...all].sort((a, b) =>
        sort === 'manual' ? a.order - b.order : a.issuer.localeCompare(b.issuer, undefined, { sensitivity: 'base' }),
      )
      const first = shown.slice(0, OPENING_ROWS).filter((a) => a.type !== 'hotp')
      expect(new Set(coded), sort).toEqual(new Set([...first.map((a) => a.issuer), 'Acme']))
      expect(coded.length, sort).toBeLessThan(all.length - 1)
      expect(opening.onSite).toEqual([all.find((a) => a.issuer === 'Acme')!.id])
      // Every account is there, HOTP with its counter, whatever has a code.
      expect(opening.accounts.map((a) => a.id)).toEqual(all.map((a) => a.id))
      expect(opening.accounts.find((a) => a.id === gamma.id)?.hotp).toEqual(gamma.hotp)
    }
    // The others follow: the same codes a full list has, for every TOTP and Steam account.
    const { codes } = await h.listCodes()
    const full = unpackAccountList(await h.listAccounts({})).accounts
    expect(codes.map((c) => c.id).sort()).toEqual(
      full
        .filter((a) => a.type !== 'hotp')
        .map((a) => a.id)
        .sort(),
    )
    for (const c of codes) {
      const a = full.find((v) => v.id === c.id)!
      expect(unpackTimed(c, a.period)).toEqual(a.timed)
    }
  })
})
