/**
 * The codes feature on its own: createCodes gets only what it uses (the vault, the settings it
 * reads, the clock, a tab's URL, the clipboard clearer), here as fakes or in-memory parts.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { generateCode } from '../../core/otp/generate-code.ts'
import { hotp } from '../../core/otp/hotp.ts'
import { parseOtpauthUri } from '../../core/uri/parse-otpauth-uri.ts'
import { createVault } from '../vault/index.ts'
import { createCodes } from './index.ts'

const ACME = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const COUNTER_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const COUNTER = `otpauth://hotp/Counter:carl?secret=${COUNTER_SECRET}&issuer=Counter&counter=7`

let clock = 1_700_000_000_000
/** Codes are computed for the clock plus this (the accepted correction). */
const correctionMs = 120_000

async function setUp(urls: Record<number, string> = {}) {
  fakeBrowser.reset()
  let deviceKey: CryptoKey | null = null
  const vault = createVault({
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    now: () => clock,
    deviceKeys: { load: async () => deviceKey, save: async (k) => void (deviceKey = k), clear: async () => void (deviceKey = null) },
  })
  await vault.setup(null)
  const cleared: [string, number][] = []
  const asked: number[] = []
  const codes = createCodes({
    vault,
    now: () => clock,
    settings: { get: async () => ({ clipboardClearSeconds: 15 }) },
    codeNow: async () => clock + correctionMs,
    tabs: { tabUrl: async (tabId) => (asked.push(tabId), urls[tabId] ?? null) },
    clearClipboardAfter: async (code, ms) => (cleared.push([code, ms]), true),
  })
  return { vault, codes, h: codes.handlers, cleared, asked }
}

beforeEach(() => {
  clock = 1_700_000_000_000
})

describe('the codes feature', () => {
  it('lists codes for the corrected clock, and the accounts bound to the site of the tab the popup is over', async () => {
    const { h, asked } = await setUp({ 5: 'https://login.example.com/2fa' })
    const {
      added: [acme],
    } = await h.addAccounts({ text: ACME })
    await h.updateAccount({ id: acme!.id, sites: ['example.com'] })
    const list = await h.listAccounts({ tabId: 5 })
    expect(list).toMatchObject({ activeSite: 'example.com', onSite: [acme!.id] })
    expect(list.accounts[0]?.timed?.code).toBe(await generateCode(parseOtpauthUri(ACME), clock + correctionMs))
    expect(asked).toEqual([5]) // the site came from the tab's own content script, never from the popup
    // A tab without Keyfob's content script: no site, nothing on it.
    expect(await h.refreshCodes({ tabId: 6 })).toMatchObject({ activeSite: null, onSite: [] })
    expect(await h.listAccounts({})).toMatchObject({ activeSite: null })
  })

  it('reveals the next HOTP code once per click, keeps it for the popup, and forgets it on lock', async () => {
    const { vault, codes, h } = await setUp()
    const {
      added: [counter],
    } = await h.addAccounts({ text: COUNTER })
    expect(counter?.hotp).toEqual({ code: null, nextCounter: '7' })
    const shown = await h.nextHotpCode({ id: counter!.id })
    expect(shown.hotp).toEqual({ code: await hotp(COUNTER_SECRET, 7n), nextCounter: '8' })
    expect((await h.listAccounts({})).accounts[0]?.hotp?.code).toBe(await hotp(COUNTER_SECRET, 7n))
    await vault.lock()
    expect(codes.engine['revealed'].size).toBe(0)
  })

  it('records a copied code as used and has the clipboard cleared after the delay', async () => {
    const { h, cleared } = await setUp()
    const {
      added: [acme],
    } = await h.addAccounts({ text: ACME })
    clock += 5_000
    await h.codeCopied({ id: acme!.id, code: '123456' })
    expect(cleared).toEqual([['123456', 15_000]])
    expect((await h.listAccounts({})).accounts[0]?.lastUsedAt).toBe(clock)
  })
})
