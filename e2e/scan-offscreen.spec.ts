/**
 * QR decoding off the service worker (issue #15): the offscreen document is created on demand,
 * by the first scan after a worker start, decodes there (in its worker), and answers nobody
 * but Keyfob's own service worker.
 */
import type { Page } from '@playwright/test'
import QRCode from 'qrcode'
import { blurredQrPage } from './shared/blurred-qr-page.ts'
import { attempt, contentScriptWorld } from './content-script-world.ts'
import { expect, stopServiceWorker, test } from './fixtures.ts'
import { popupRequest } from './page-helpers.ts'
import { createVaultWithPassword } from './vault-helpers.ts'

const SETUP = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'
const OTHER = 'otpauth://totp/Other%20Shop:bob@example.com?secret=KRSXG5CTMVRXEZLU&issuer=Other%20Shop'

type Panel = { state: string; items: { issuer: string; account: string }[] }

/** The offscreen documents Chromium has open for Keyfob, as their URLs. */
const offscreenDocuments = (popup: Page) =>
  popup.evaluate(async () =>
    (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] })).map((c) => c.documentUrl ?? ''),
  )

/** Scans an image file the way the popup's "Scan an image" does. */
async function scanImage(popup: Page, text: string): Promise<Panel> {
  const reply = await popupRequest<Panel>(popup, 'scanImage', { dataUrl: await QRCode.toDataURL(text, { margin: 4, scale: 6 }) })
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true)
  return reply.value
}

test.describe('QR decoding in the offscreen document', () => {
  test.setTimeout(120_000)

  test('a scan right after the worker stopped creates the decoder on demand; the next worker finds it and scans again', async ({
    context,
    popup,
    extensionId,
  }) => {
    await createVaultWithPassword(popup)
    expect(await offscreenDocuments(popup)).toEqual([]) // nothing decodes before a scan asks
    await stopServiceWorker(context, extensionId)
    const first = await scanImage(popup, SETUP)
    expect(first.state).toBe('found')
    expect(first.items).toEqual([expect.objectContaining({ issuer: 'Example Bank', account: 'alice@example.com' })])
    expect(await offscreenDocuments(popup)).toEqual([`chrome-extension://${extensionId}/src/offscreen/index.html`])
    // A fresh worker: the document it did not create is found and used, not created twice.
    await stopServiceWorker(context, extensionId)
    const second = await scanImage(popup, OTHER)
    expect(second.items).toEqual([expect.objectContaining({ issuer: 'Other Shop', account: 'bob@example.com' })])
    expect(await offscreenDocuments(popup)).toHaveLength(1)
  })

  test('a code only ZXing reads (blurred σ ≈ 2) is read: the decoder loaded its WebAssembly from the extension', async ({ popup }) => {
    await createVaultWithPassword(popup)
    const reply = await popupRequest<Panel>(popup, 'scanImage', { dataUrl: await blurredQrPage(popup) })
    expect(reply.value.items).toEqual([
      expect.objectContaining({ issuer: 'Example Corporation Cloud Services', account: 'alice.longname@mail.example.org' }),
    ])
  })

  test('the offscreen document answers only Keyfob’s worker, and only well-formed requests', async ({
    context,
    popup,
    sw,
    site,
    extensionId,
  }) => {
    await createVaultWithPassword(popup)
    expect((await scanImage(popup, SETUP)).state).toBe('found') // the document is open from here on
    expect(await offscreenDocuments(popup)).toHaveLength(1)

    // A content script's world (a compromised renderer) reaches it only by runtime messaging, which it refuses.
    const page = await context.newPage()
    const { inContentScript } = await contentScriptWorld(context, page, extensionId, `http://evil.test:${site.port}/qr/scan.html?kind=none`)
    for (const [type, input] of [
      ['decodeQr', { id: 1, image: { data: [0, 0, 0, 255], width: 1, height: 1 } }],
      ['clearClipboard', { code: '123456', delayMs: 0 }],
    ] as const) {
      const reply = await inContentScript(attempt(`chrome.runtime.sendMessage(${JSON.stringify({ channel: 'offscreen', type, input })})`))
      expect(reply, type).not.toContain('"ok":true')
      expect(reply, type).toMatch(/^(refused: |answered undefined$)/)
    }

    // From the worker itself: requests of another shape (raw pixels, a box that is not a box) are dropped, a well-formed one answered.
    const replies = await sw.evaluate(async (url) => {
      const scope = self as unknown as {
        clients: { matchAll(o: object): Promise<{ url: string; postMessage(m: unknown): void }[]> }
      }
      const doc = (await scope.clients.matchAll({ type: 'window', includeUncontrolled: true })).find((c) => c.url === url)
      if (!doc) return 'no offscreen document'
      const seen: unknown[] = []
      const answered = new Promise<void>((resolve) =>
        self.addEventListener('message', (e) => {
          const m = e.data as { keyfob?: string; id?: number }
          if (m?.keyfob !== 'decodedQr' || typeof m.id !== 'number' || m.id < 90000) return
          seen.push(m)
          if (m.id === 90003) resolve()
        }),
      )
      const canvas = new OffscreenCanvas(32, 24)
      const ctx = canvas.getContext('2d')!
      ctx.fillStyle = '#fff'
      ctx.fillRect(0, 0, 32, 24)
      const white = await canvas.convertToBlob({ type: 'image/png' })
      doc.postMessage({ keyfob: 'decodeQr', id: 90001, image: { data: new Uint8ClampedArray(16), width: 2, height: 2 }, crop: null })
      doc.postMessage({ keyfob: 'decodeQr', id: 90002, image: white, crop: { x: 0, y: 0, width: '32', height: 24 } })
      doc.postMessage({ keyfob: 'decodeQr', id: 90003, image: white, crop: null })
      await answered
      return seen
    }, `chrome-extension://${extensionId}/src/offscreen/index.html`)
    expect(replies).toEqual([
      { keyfob: 'decodedQr', id: 90003, ok: true, scan: { codes: [], sawCandidates: false, width: 32, height: 24, region: null } },
    ])
  })
})
