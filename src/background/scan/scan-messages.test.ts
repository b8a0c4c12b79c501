/**
 * What the person is told after a scan of a tab read nothing (issue #19), and where the accounts of a
 * scan came from (the popup's heading). Over a fake TabPort whose top frame answers as the content
 * script would; the capture is a page drawn here, with a real QR code, a damaged one, or none.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { base32Encode } from '../../core/encoding/base32.ts'
import { readQrScanIn, type RgbaImage } from '../../core/qr/index.ts'
import { encodeMigrationPayloads } from '../../core/uri/encode-migration-payloads.ts'
import { english } from '../../../test/support/fake-tabs.ts'
import { qrPage } from '../../../test/support/qr-page.ts'
import { createBackground } from '../background.ts'
import type { ContentContext } from '../check-sender.ts'
import type { TabPort } from '../tab-port.ts'

const BANK = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'
const TAB = 3
const AT = { x: 200, y: 120 }

const page = (text: string | null, damaged = false): RgbaImage => qrPage(text, AT, damaged)

const clock = 1_700_000_000_000

/** `frame`: how the tab's top frame answers (undefined: no content script there, as on a browser page). */
async function setUp(pixels: RgbaImage, frame?: { outside: boolean }) {
  fakeBrowser.reset()
  const asked: { tabId: number; frameId: number | undefined; type: string }[] = []
  let deviceKey: CryptoKey | null = null
  const tabs: TabPort = {
    async ask(tabId, frameId, type, input) {
      asked.push({ tabId, frameId, type })
      if (!frame) throw new Error('Could not establish connection. Receiving end does not exist.')
      if (type === 'drawnBy') return { sources: (input as { boxes: unknown[] }).boxes.map(() => ['https://login.example.com/']) } as never
      if (type === 'qrOutsideView') return { outside: frame.outside } as never
      if (type === 'pickRegion' || type === 'showScan') return {} as never
      throw new Error(`unexpected ${type}`)
    },
    tabUrl: async () => null,
    capture: async () => 'data:image/png;base64,iVBORw0KGgo=', // its pixels come from decodeQr below
  }
  const bg = createBackground({
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    version: 't',
    now: () => clock,
    tabs,
    t: english,
    deviceKeys: { load: async () => deviceKey, save: async (k) => void (deviceKey = k), clear: async () => void (deviceKey = null) },
    alarms: { create: async () => undefined, clear: async () => undefined },
    // Keyfob's own pipeline in-process (Node has no offscreen document); the e2e specs decode off the worker.
    decodeQr: (_image, crop) => readQrScanIn(pixels, crop, null),
  })
  await bg.vault.setup(null)
  return { bg, asked }
}

const content = (tabId: number): ContentContext => ({ tabId, frameId: 0, url: 'https://login.example.com/setup' })

beforeEach(() => fakeBrowser.reset())

describe('the popup’s "Scan this page" when nothing was read', () => {
  it('no code in view, nothing QR-shaped out of view: says only the visible part was looked at, and offers the picker', async () => {
    const { bg, asked } = await setUp(page(null), { outside: false })
    const panel = await bg.popupHandlers.scanActiveTab({ tabId: TAB })
    expect(panel).toMatchObject({ state: 'nothing', message: { key: 'scanNoCodeVisible' }, offerRegion: true, tabId: TAB })
    expect(panel.hint).toBeUndefined()
    // The probe asks the tab's top frame only.
    expect(asked).toContainEqual({ tabId: TAB, frameId: 0, type: 'qrOutsideView' })
  })

  it('something QR-shaped out of view: hints to scroll to it', async () => {
    const { bg } = await setUp(page(null), { outside: true })
    expect(await bg.popupHandlers.scanActiveTab({ tabId: TAB })).toMatchObject({
      message: { key: 'scanNoCodeVisible' },
      hint: 'scanMaybeBelow',
      offerRegion: true,
    })
  })

  it('a page that cannot be asked (no content script): no hint, the same message', async () => {
    const { bg } = await setUp(page(null))
    const panel = await bg.popupHandlers.scanActiveTab({ tabId: TAB })
    expect(panel).toMatchObject({ state: 'nothing', message: { key: 'scanNoCodeVisible' } })
    expect(panel.hint).toBeUndefined()
  })

  it('a code seen but not read: says so, in the popup and in the page, without asking about the rest of the page', async () => {
    const { bg, asked } = await setUp(page(BANK, true), { outside: true })
    expect(await bg.popupHandlers.scanActiveTab({ tabId: TAB })).toMatchObject({
      state: 'nothing',
      message: { key: 'scanSeenUnreadable' },
      offerRegion: true,
      tabId: TAB,
    })
    expect(asked.map((a) => a.type)).not.toContain('qrOutsideView')
    // The page's own "Scan this page" (menu, shortcut) and a dragged box say the same.
    expect(await bg.scanFlows.visibleTab(TAB, undefined)).toMatchObject({ message: { key: 'scanSeenUnreadable' } })
    const box = { region: { x: AT.x - 20, y: AT.y - 20, width: 260, height: 260 }, devicePixelRatio: 1 }
    expect(await bg.contentHandlers.scanRegion(box, content(TAB))).toMatchObject({ message: { key: 'scanSeenUnreadable' } })
  })

  it('the page’s own scan of a page without a code keeps its sentence (only the popup adds "visible part" and the probe)', async () => {
    const { bg, asked } = await setUp(page(null), { outside: true })
    const panel = await bg.scanFlows.visibleTab(TAB, undefined)
    expect(panel).toMatchObject({ message: { key: 'scanNoCode' }, offerRegion: true })
    expect(asked.map((a) => a.type)).not.toContain('qrOutsideView')
  })

  it('a code that is read: no message and no probe', async () => {
    const { bg, asked } = await setUp(page(BANK), { outside: true })
    const panel = await bg.popupHandlers.scanActiveTab({ tabId: TAB })
    expect(panel).toMatchObject({ state: 'found', message: null, items: [{ issuer: 'Example Bank' }] })
    expect(panel.offerRegion).toBeUndefined()
    expect(panel.tabId).toBeUndefined()
    expect(asked.map((a) => a.type)).not.toContain('qrOutsideView')
  })
})

describe('"Select the code on the page" from the popup', () => {
  it('starts the picker in the tab’s top frame', async () => {
    const { bg, asked } = await setUp(page(null), { outside: false })
    expect(await bg.popupHandlers.pickScanRegion({ tabId: TAB })).toEqual({})
    expect(asked).toEqual([{ tabId: TAB, frameId: 0, type: 'pickRegion' }])
  })

  it('a page Keyfob does not run on: PICKER_UNAVAILABLE', async () => {
    const { bg } = await setUp(page(null))
    await expect(bg.popupHandlers.pickScanRegion({ tabId: TAB })).rejects.toMatchObject({ code: 'PICKER_UNAVAILABLE' })
  })
})

describe('where a scan’s accounts came from', () => {
  it('a page: the site that showed them, kept after Add', async () => {
    const { bg } = await setUp(page(BANK), { outside: false })
    const panel = await bg.popupHandlers.scanActiveTab({ tabId: TAB })
    expect(panel.source).toEqual({ from: 'page', site: 'example.com', fromExport: false })
    expect((await bg.popupHandlers.confirmPendingScan({ scanId: panel.scanId })).source).toEqual(panel.source)
  })

  it('an image file: no page, no site', async () => {
    const { bg } = await setUp(page(BANK))
    const panel = await bg.popupHandlers.scanImage({ dataUrl: 'data:image/png;base64,iVBORw0KGgo=' })
    expect(panel).toMatchObject({ state: 'found', source: { from: 'image', site: null, fromExport: false } })
  })

  it('a Google Authenticator export', async () => {
    const accounts = Array.from({ length: 3 }, (_, n) => ({
      type: 'totp' as const,
      secret: base32Encode(new Uint8Array(20).fill(n + 1)),
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      counter: 0n,
      issuer: `Service ${n}`,
      account: `user${n}`,
    }))
    const [uri] = encodeMigrationPayloads(accounts, { maxAccounts: 10, maxBytes: 2000 }).uris
    const { bg } = await setUp(page(uri!))
    const panel = await bg.popupHandlers.scanImage({ dataUrl: 'data:image/png;base64,iVBORw0KGgo=' })
    expect(panel).toMatchObject({ items: [{}, {}, {}], source: { from: 'image', site: null, fromExport: true } })
  })
})
