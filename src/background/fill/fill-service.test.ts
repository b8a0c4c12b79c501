/**
 * The one fill service, with every trigger, over a fake TabPort (test/support/fake-tabs.ts) whose
 * frames answer as the content script would, and the real vault, code engine and settings over
 * fake-browser storage. Page triggers never throw: whatever goes wrong is a notice in the frame.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { generateCode } from '../../core/otp/generate-code.ts'
import { hotp } from '../../core/otp/hotp.ts'
import { parseOtpauthUri } from '../../core/uri/parse-otpauth-uri.ts'
import { english, fakeTabs, type FakeFrame } from '../../../test/support/fake-tabs.ts'
import { createBackground } from '../background.ts'
import type { PageTrigger } from './fill-service.ts'

const ACME = 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const ADMIN = 'otpauth://totp/Acme%20Admin:root@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Admin'
const DAILY = 'otpauth://totp/Daily:dora@example.com?secret=KRUGS4ZANFZSAYLOMFWWKQ3P&issuer=Daily&period=86400'
const COUNTER_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const COUNTER = `otpauth://hotp/Counter:carl@example.com?secret=${COUNTER_SECRET}&issuer=Counter&counter=0`
const TAB = 4
const BANK = 'https://login.example.com/2fa'

let clock = 1_700_000_000_000 // 20 s into a 30 s period
let waited: number[] = []

async function setUp(frames: Record<string, Partial<FakeFrame> & { url: string }>, ...uris: string[]) {
  return setUpWith(null, frames, ...uris)
}

/** `password` null: a vault the device key opens on its own (no KDF to wait for); such a vault is never locked. */
async function setUpWith(password: string | null, frames: Record<string, Partial<FakeFrame> & { url: string }>, ...uris: string[]) {
  fakeBrowser.reset()
  clock = 1_700_000_000_000
  waited = []
  const tabs = fakeTabs(frames)
  let deviceKey: CryptoKey | null = null
  const bg = createBackground({
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    version: 't',
    now: () => clock,
    tabs: tabs.port,
    t: english,
    deviceKeys: { load: async () => deviceKey, save: async (k) => void (deviceKey = k), clear: async () => void (deviceKey = null) },
    // Waiting out a replay moves the clock instead.
    wait: async (ms) => {
      waited.push(ms)
      clock += ms
    },
  })
  await bg.vault.setup(password)
  const ids: string[] = []
  for (const uri of uris) {
    const { added } = await bg.popupHandlers.addAccounts({ text: uri })
    const id = added[0]?.id as string
    await bg.popupHandlers.updateAccount({ id, sites: ['example.com'] })
    ids.push(id)
  }
  return { bg, tabs, ids, fill: bg.fill }
}

const code = (uri: string) => generateCode(parseOtpauthUri(uri), clock)
const menu = (frameId = 0, url = BANK): PageTrigger => ({ from: 'menu', tabId: TAB, frameId, url })

beforeEach(() => {
  clock = 1_700_000_000_000
})

describe('the fill service', () => {
  it('fills the bound site’s code from the menu, the button and the shortcut, and says nothing', async () => {
    const { fill, tabs } = await setUp({ '4:0': { url: BANK } }, COUNTER)
    expect(await fill.fromPage(menu())).toBe(true)
    expect(await fill.fromPage({ from: 'button', tabId: TAB, frameId: 0, url: BANK })).toBe(true)
    expect(await fill.fromPage({ from: 'shortcut', tabId: TAB })).toBe(true)
    // HOTP: each fill used the next counter.
    expect(tabs.frame('4:0').filled).toEqual([
      await hotp(COUNTER_SECRET, 0n),
      await hotp(COUNTER_SECRET, 1n),
      await hotp(COUNTER_SECRET, 2n),
    ])
    expect(tabs.frame('4:0').notices).toEqual([])
    expect(tabs.frame('4:0').submitted).toEqual([false, false, false]) // auto-submit is off by default
  })

  it('gives a look-alike site no code and no names, only a notice naming the site', async () => {
    for (const url of ['https://example.com.evil.test/', 'https://examp1e.test/', 'https://login.example.com.evil.test/2fa']) {
      const { fill, tabs } = await setUp({ '4:0': { url } }, ACME)
      expect(await fill.fromPage(menu(0, url))).toBe(false)
      const f = tabs.frame('4:0')
      expect(f.filled).toEqual([])
      expect(f.notices).toEqual([expect.stringMatching(/^No Keyfob account is bound to [\w.-]+\.test/)])
      expect(f.notices.join()).not.toContain('Acme')
      expect(tabs.asked.map((a) => a.type)).toEqual(['showNotice'])
    }
  })

  it('lets the person pick between two accounts by name, and only in the frame the picker was shown in', async () => {
    const { fill, tabs } = await setUp({ '4:0': { url: BANK }, '4:2': { url: 'https://login.example.com/frame' } }, ACME, ADMIN)
    expect(await fill.fromPage(menu())).toBe(false)
    const [choice] = tabs.frame('4:0').choices
    expect(choice).toMatchObject({
      site: 'example.com',
      names: ['Acme (alice@example.com)', 'Acme Admin (root@example.com)'],
      origin: 'https://login.example.com',
    })
    expect(tabs.frame('4:0').filled).toEqual([])
    // Another frame cannot answer it (and the choice is gone after one answer).
    expect(await fill.fromPage({ from: 'picker', tabId: TAB, frameId: 2, choiceId: choice!.choiceId, index: 1 })).toBe(false)
    expect(tabs.frame('4:2').notices).toEqual([english('error_CHOICE_EXPIRED')]) // the choice has expired, not 'no such account'
    expect(tabs.frame('4:2').filled).toEqual([])
    // Asked again, picked in the right frame: the second account's code.
    await fill.fromPage(menu())
    const second = tabs.frame('4:0').choices[1]!
    expect(await fill.fromPage({ from: 'picker', tabId: TAB, frameId: 0, choiceId: second.choiceId, index: 1 })).toBe(true)
    expect(tabs.frame('4:0').filled).toEqual([await code(ADMIN)])
    // A picker answered after two minutes is refused.
    await fill.fromPage(menu())
    clock += 2 * 60_000 + 1
    expect(
      await fill.fromPage({ from: 'picker', tabId: TAB, frameId: 0, choiceId: tabs.frame('4:0').choices[2]!.choiceId, index: 0 }),
    ).toBe(false)
    expect(tabs.frame('4:0').notices).toEqual([english('error_CHOICE_EXPIRED')])
    expect(tabs.frame('4:0').filled).toHaveLength(1)
  })

  it('asks first, in the page, before filling a field that wants a texted or e-mailed code, from every trigger; no code is made before', async () => {
    const { fill, tabs, ids } = await setUp({ '4:0': { url: BANK, sentBy: 'sms' } }, COUNTER)
    const f = tabs.frame('4:0')
    expect(await fill.fromPage(menu())).toBe(false)
    expect(await fill.fromPage({ from: 'shortcut', tabId: TAB })).toBe(false)
    expect(await fill.fromPopup(ids[0]!, TAB, false)).toEqual({ filled: false, site: 'example.com' })
    expect(f.sentAsks.map((a) => [a.sentBy, a.origin])).toEqual(Array(3).fill(['sms', 'https://login.example.com']))
    expect(f.filled).toEqual([])
    // "Fill anyway" answers like a picker, in the same frame only, once: the first HOTP counter, never used by the asks.
    const [menuAsk, , popupAsk] = f.sentAsks
    expect(await fill.fromPage({ from: 'picker', tabId: TAB, frameId: 0, choiceId: menuAsk!.choiceId, index: 0 })).toBe(true)
    expect(f.filled).toEqual([await hotp(COUNTER_SECRET, 0n)])
    expect(await fill.fromPage({ from: 'picker', tabId: TAB, frameId: 0, choiceId: menuAsk!.choiceId, index: 0 })).toBe(false)
    expect(f.notices).toEqual([english('error_CHOICE_EXPIRED')])
    expect(await fill.fromPage({ from: 'picker', tabId: TAB, frameId: 0, choiceId: popupAsk!.choiceId, index: 0 })).toBe(true)
    expect(f.filled).toEqual([await hotp(COUNTER_SECRET, 0n), await hotp(COUNTER_SECRET, 1n)])
    // Asked only where the page says the code was sent.
    f.sentBy = null
    expect(await fill.fromPage(menu())).toBe(true)
    expect(f.sentAsks).toHaveLength(3)
  })

  it('asks the popup first when the bound site’s frame is inside another site’s page, and then fills without submitting', async () => {
    const framed = 'https://login.example.com/embedded'
    const { bg, fill, tabs } = await setUp(
      { '4:0': { url: 'https://shop.test/checkout' }, '4:7': { url: framed, ancestors: ['https://shop.test'] } },
      ACME,
    )
    await bg.settings.update({ autoSubmit: true })
    expect(await fill.fromPage(menu(7, framed))).toBe(false)
    // Said in the frame itself, not in the shop's page around it.
    expect(tabs.frame('4:7').notices).toEqual([expect.stringContaining('inside a page of shop.test')])
    expect(tabs.frame('4:0').notices).toEqual([])
    expect(tabs.frame('4:7').filled).toEqual([])
    expect(await fill.pendingFramed(TAB)).toEqual({ site: 'example.com', framedBy: 'shop.test', names: ['Acme (alice@example.com)'] })
    expect(await fill.pendingFramed(TAB + 1)).toBeNull() // only the popup over that tab
    expect(await fill.confirmFramed(TAB, 0)).toBe(true)
    expect(tabs.frame('4:7').filled).toEqual([await code(ACME)])
    expect(tabs.frame('4:7').submitted).toEqual([false]) // never inside another site's page
    await expect(fill.confirmFramed(TAB, 0)).rejects.toMatchObject({ code: 'FILL_EXPIRED' }) // once
  })

  it('a frame of the same site is filled at once; one whose page around it cannot be told is treated as another site', async () => {
    const { fill, tabs } = await setUp(
      { '4:0': { url: 'https://www.example.com/' }, '4:3': { url: BANK, ancestors: ['https://www.example.com'] } },
      ACME,
    )
    expect(await fill.fromPage(menu(3))).toBe(true)
    const unknown = await setUp({ '4:3': { url: BANK } }, ACME) // no top frame answers, no ancestorOrigins
    expect(await unknown.fill.fromPage(menu(3))).toBe(false)
    expect(unknown.tabs.frame('4:3').notices).toEqual([expect.stringContaining('inside a page of another site')])
    expect(tabs.frame('4:3').filled).toHaveLength(1)
  })

  it('fills nothing into a frame the page around it fades or covers, says so there, and uses no HOTP counter', async () => {
    const { bg, fill, tabs, ids } = await setUp({ '4:0': { url: BANK, hidden: true } }, COUNTER)
    expect(await fill.fromPage(menu())).toBe(false)
    expect(tabs.frame('4:0').filled).toEqual([])
    expect(tabs.frame('4:0').notices).toEqual([expect.stringContaining('not fully visible')])
    expect(tabs.asked.map((a) => a.type)).not.toContain('fillCode')
    expect((await bg.vault.current()).content.accounts[0]?.counter).toBe(0n)
    // From the popup, the popup says it.
    await expect(fill.fromPopup(ids[0]!, TAB, false)).rejects.toMatchObject({ code: 'FIELD_HIDDEN' })
  })

  it('waits for the next code rather than filling the one just used on the site', async () => {
    const { fill, tabs } = await setUp({ '4:0': { url: BANK } }, ACME)
    const first = await code(ACME)
    expect(await fill.fromPage(menu())).toBe(true)
    expect(await fill.fromPage(menu())).toBe(true)
    // 20 s into the period: 10 s to wait (and a quarter second more).
    expect(waited).toEqual([10_250])
    const [f1, f2] = tabs.frame('4:0').filled
    expect(f1).toBe(first)
    expect(f2).toBe(await code(ACME))
    expect(f2).not.toBe(first)
    expect(tabs.frame('4:0').notices).toEqual([expect.stringContaining('Keyfob fills the next one in 10 seconds')])
  })

  it('says "already used" from every page trigger when the next code is too far away, and the popup shows it too', async () => {
    const { fill, tabs, ids } = await setUp({ '4:0': { url: BANK } }, DAILY)
    expect(await fill.fromPage(menu())).toBe(true)
    for (const trigger of [
      menu(),
      { from: 'shortcut', tabId: TAB } as const,
      { from: 'button', tabId: TAB, frameId: 0, url: BANK } as const,
    ]) {
      expect(await fill.fromPage(trigger), trigger.from).toBe(false)
      expect(tabs.frame('4:0').notices.at(-1), trigger.from).toContain('already used')
    }
    expect(tabs.frame('4:0').filled).toHaveLength(1)
    expect(waited).toEqual([])
    await expect(fill.fromPopup(ids[0]!, TAB, false)).rejects.toThrow('This code was already used here.')
  })

  it('fills nothing into a frame that has navigated away since the browser reported its URL', async () => {
    // The browser reported the bank; the frame now holds another site's document.
    const { bg, fill, tabs } = await setUp({ '4:0': { url: 'https://evil.test/phish' } }, COUNTER)
    expect(await fill.fromPage(menu(0, BANK))).toBe(false)
    const fillCode = tabs.asked.find((a) => a.type === 'fillCode')
    expect(fillCode?.input).toMatchObject({ origin: 'https://login.example.com' })
    expect(tabs.frame('4:0').filled).toEqual([])
    // The refused code was used up (HOTP), but it is not remembered as filled: the next fill is not a "replay".
    expect((await bg.vault.current()).content.accounts[0]?.counter).toBe(1n)
  })

  it('says when Keyfob is locked or there is no field, and never throws from a page trigger', async () => {
    const { bg, fill, tabs } = await setUpWith('correct horse battery staple', { '4:0': { url: BANK, fillable: false } }, ACME)
    expect(await fill.fromPage(menu())).toBe(false)
    expect(tabs.frame('4:0').notices).toEqual(['Keyfob found no one-time-code field here.'])
    await bg.vault.lock()
    expect(await fill.fromPage(menu())).toBe(false)
    expect(tabs.frame('4:0').notices.at(-1)).toBe('Keyfob is locked. Unlock it from the toolbar, then try again.')
    // A frame that is gone: nothing to tell, nothing thrown.
    expect(await fill.fromPage(menu(9))).toBe(false)
    // The shortcut on a tab without Keyfob's content script does nothing.
    expect(await fill.fromPage({ from: 'shortcut', tabId: 99 })).toBe(false)
  })

  it('from the popup: fills a bound site, refuses another site unless the person confirmed it', async () => {
    const { fill, tabs, ids } = await setUp({ '4:0': { url: BANK }, '5:0': { url: 'https://phish.test/' } }, ACME)
    expect(await fill.fromPopup(ids[0]!, TAB, false)).toEqual({ filled: true, site: 'example.com' })
    await expect(fill.fromPopup(ids[0]!, 5, false)).rejects.toMatchObject({
      code: 'SITE_MISMATCH',
      message: 'Acme is not bound to phish.test.',
    })
    expect(tabs.frame('5:0').filled).toEqual([])
    expect(await fill.fromPopup(ids[0]!, 5, true)).toEqual({ filled: true, site: 'phish.test' })
    await expect(fill.fromPopup(ids[0]!, 6, true)).rejects.toMatchObject({ code: 'NO_OTP_FIELD' })
  })
})
