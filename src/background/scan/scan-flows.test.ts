/**
 * Scans of a tab, over a fake TabPort: the capture is a page image drawn here with a real QR
 * code in it, and the top frame's content script says who drew each box (drawnBy). The real
 * ScanService keeps the scan in fake-browser's storage.session until the person adds it.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import type { RgbaImage } from '../../core/qr/index.ts'
import { readQrScanIn } from '../../core/qr/index.ts'
import { CONTENT_INPUTS, type ScanPanel, type ViewportBox } from '../../shared/protocol.ts'
import { english } from '../../../test/support/fake-tabs.ts'
import { qrPage } from '../../../test/support/qr-page.ts'
import { createBackground } from '../background.ts'
import type { ContentContext } from '../check-sender.ts'
import type { TabPort } from '../tab-port.ts'

const BANK = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'
const TAB = 3
const OTHER_TAB = 8
/** Where the code sits in the page, in pixels of the capture (device pixel ratio 1). */
const AT = { x: 200, y: 120 }

/** A white 640×480 page with `text` as a QR code at AT (4 pixels a module, with its quiet zone). */
const pageWithCode = (text: string): RgbaImage => qrPage(text, AT)

let clock = 1_700_000_000_000
let alarms: (number | null)[] = []

/** `password`: a vault that can be locked (the KDF takes a while); without, the device key opens it on its own. */
async function setUp(opts: { page: RgbaImage; drawnBy: (boxes: ViewportBox[]) => (string[] | null)[]; password?: string }) {
  fakeBrowser.reset()
  const asked: { tabId: number; type: string; input: unknown }[] = []
  let deviceKey: CryptoKey | null = null
  const tabs: TabPort = {
    async ask(tabId, _frameId, type, input) {
      asked.push({ tabId, type, input })
      if (type === 'drawnBy') return { sources: opts.drawnBy((input as { boxes: ViewportBox[] }).boxes) } as never
      if (type === 'showScan') return {} as never
      throw new Error('Receiving end does not exist.')
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
    alarms: { create: async (_, { when }) => void alarms.push(when ?? null), clear: async () => void alarms.push(null) },
    // The capture's pixels are the page drawn here, read by Keyfob's own pipeline in-process (Node has no offscreen
    // document and no Worker; the e2e specs decode off the worker, with ZXing).
    decodeQr: (_image, crop) => readQrScanIn(opts.page, crop, null),
  })
  await bg.vault.setup(opts.password ?? null)
  const content = (tabId: number): ContentContext => ({ tabId, frameId: 0, url: 'https://login.example.com/setup' })
  return { bg, asked, content }
}

const names = async (bg: Awaited<ReturnType<typeof setUp>>['bg']) =>
  (await bg.vault.current()).content.accounts.map((a) => ({ issuer: a.issuer, sites: a.sites }))

beforeEach(() => {
  clock = 1_700_000_000_000
  alarms = []
})

describe('scanning a tab', () => {
  it('binds the account to the site that drew the code, and says so before Add', async () => {
    const { bg, asked, content } = await setUp({
      page: pageWithCode(BANK),
      drawnBy: (boxes) => boxes.map(() => ['https://login.example.com/setup', 'https://static.example.com/qr.png']),
    })
    const panel = await bg.scanFlows.visibleTab(TAB, undefined)
    expect(panel).toMatchObject({ state: 'found', items: [{ issuer: 'Example Bank', site: 'example.com', duplicate: false }], note: null })
    // The top frame was asked about the box where the code is, in pixels of the capture.
    const [box] = (asked.find((a) => a.type === 'drawnBy')?.input as { boxes: ViewportBox[] }).boxes
    expect(Math.abs(box!.x - AT.x)).toBeLessThan(20)
    expect(Math.abs(box!.y - AT.y)).toBeLessThan(20)
    expect(await bg.contentHandlers.confirmScan({ scanId: panel.scanId }, content(TAB))).toMatchObject({ state: 'added' })
    expect(await names(bg)).toEqual([{ issuer: 'Example Bank', sites: ['example.com'] }])
  })

  it('binds nothing when another site, or something Keyfob cannot tell, drew the code; the panel says why', async () => {
    for (const sources of [['https://login.example.com/setup', 'https://evil.test/qr.png'], null]) {
      const { bg } = await setUp({ page: pageWithCode(BANK), drawnBy: (boxes) => boxes.map(() => sources) })
      const panel = await bg.scanFlows.visibleTab(TAB, undefined)
      expect(panel.items).toEqual([expect.objectContaining({ issuer: 'Example Bank', site: null })])
      expect(panel.note).toMatch(/\w/)
      await bg.contentHandlers.confirmScan({ scanId: panel.scanId }, { tabId: TAB, frameId: 0, url: 'https://login.example.com/' })
      expect(await names(bg)).toEqual([{ issuer: 'Example Bank', sites: [] }])
    }
  })

  it('keeps the scan waiting (for the popup after an unlock too), and lets only the tab that scanned add or cancel it', async () => {
    const { bg, content } = await setUp({
      page: pageWithCode(BANK),
      drawnBy: (boxes) => boxes.map(() => ['https://login.example.com/']),
      password: 'correct horse battery staple',
    })
    const panel = await bg.scanFlows.visibleTab(TAB, undefined)
    expect((await bg.popupHandlers.openPopup({})).scan).toMatchObject({ scanId: panel.scanId, state: 'found' })
    // Another tab's content script: as if the scan did not exist; nothing added, nothing cancelled.
    await expect(bg.contentHandlers.confirmScan({ scanId: panel.scanId }, content(OTHER_TAB))).rejects.toMatchObject({
      code: 'SCAN_EXPIRED',
    })
    await bg.contentHandlers.cancelScan({ scanId: panel.scanId }, content(OTHER_TAB))
    expect(await names(bg)).toEqual([])
    // Locked: Add adds nothing and the scan keeps waiting, for the popup to offer after the unlock.
    await bg.vault.lock()
    expect(await bg.contentHandlers.confirmScan({ scanId: panel.scanId }, content(TAB))).toMatchObject({ state: 'locked' })
    await bg.vault.unlock('correct horse battery staple')
    expect(await bg.popupHandlers.confirmPendingScan({ scanId: panel.scanId })).toMatchObject({ state: 'added' })
    // Asked again (a worker stopped mid-request): the same answer, nothing added twice.
    expect(await bg.contentHandlers.confirmScan({ scanId: panel.scanId }, content(TAB))).toMatchObject({ state: 'added' })
    expect(await names(bg)).toHaveLength(1)
  })

  it('expires after ten minutes: the alarm is set for then, and Add is refused after it', async () => {
    const { bg, content } = await setUp({ page: pageWithCode(BANK), drawnBy: (boxes) => boxes.map(() => ['https://login.example.com/']) })
    const panel = await bg.scanFlows.visibleTab(TAB, undefined)
    expect(alarms.at(-1)).toBe(clock + 10 * 60_000 + 1_000)
    clock += 10 * 60_000 + 1
    await expect(bg.contentHandlers.confirmScan({ scanId: panel.scanId }, content(TAB))).rejects.toMatchObject({ code: 'SCAN_EXPIRED' })
    await bg.onAlarm('keyfob-scan-expiry')
    expect(alarms.at(-1)).toBeNull()
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('JBSWY3DPEHPK3PXP')
    expect(await names(bg)).toEqual([])
  })

  it('offers the region picker when the page shows no code, and scans only the box the person dragged', async () => {
    const { bg, content } = await setUp({ page: pageWithCode(BANK), drawnBy: (boxes) => boxes.map(() => ['https://login.example.com/']) })
    const blank = await setUp({
      page: { data: new Uint8ClampedArray(640 * 480 * 4).fill(255), width: 640, height: 480 },
      drawnBy: () => [],
    })
    expect(await blank.bg.scanFlows.visibleTab(TAB, undefined)).toMatchObject({ state: 'nothing', offerRegion: true })
    // The box around the code (CSS pixels; a device pixel ratio of 2 halves them).
    const region = CONTENT_INPUTS.scanRegion({
      region: { x: AT.x / 2 - 10, y: AT.y / 2 - 10, width: 100, height: 100 },
      devicePixelRatio: 2,
    })
    expect(await bg.contentHandlers.scanRegion(region, content(TAB))).toMatchObject({ state: 'found', items: [{ site: 'example.com' }] })
    const elsewhere = { region: { x: 500, y: 0, width: 100, height: 100 }, devicePixelRatio: 1 }
    expect(await bg.contentHandlers.scanRegion(elsewhere, content(TAB))).toMatchObject({
      state: 'nothing',
      message: { key: 'scanNoCodeInBox' },
    })
    expect(() => CONTENT_INPUTS.scanRegion({ region: { x: 0, y: 0, width: 2, height: 2 }, devicePixelRatio: 1 })).toThrowError(
      expect.objectContaining({ code: 'INVALID_MESSAGE' }),
    )
  })

  it('shows a scan that failed as an error panel, never as an exception', async () => {
    const { bg } = await setUp({ page: pageWithCode(BANK), drawnBy: () => [] })
    const panel: ScanPanel = await bg.scanFlows.dataUrl('data:text/html,<b>not an image</b>')
    expect(panel).toMatchObject({
      state: 'error',
      message: { key: 'error_INVALID_IMAGE', values: ['That is not an image Keyfob can read.'] },
    })
  })
})
