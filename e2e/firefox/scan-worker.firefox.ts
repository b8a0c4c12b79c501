/**
 * QR decoding in Firefox (issue #15): no offscreen document there, so the event page starts the
 * decoding Web Worker (src/shared/qr-worker-client.ts) on the first scan, and again after the
 * event page was stopped. A code only ZXing reads shows that the worker loaded its WebAssembly
 * from the extension (zxing-wasm would fetch it from a CDN otherwise).
 */
import { blurredQrPage } from '../shared/blurred-qr-page.ts'
import { createVaultWithPassword } from '../shared/flows.ts'
import { popupRequest } from '../shared/ui.ts'
import { expect, test } from './fixtures.ts'

type Panel = { state: string; items: { issuer: string; account: string }[] }

test('a code only ZXing reads is read by the event page’s decoding worker, also right after the event page stopped', async ({
  ff,
  popup,
}) => {
  test.setTimeout(120_000)
  await createVaultWithPassword(popup)
  const dataUrl = await blurredQrPage(popup)
  const expected = [expect.objectContaining({ issuer: 'Example Corporation Cloud Services', account: 'alice.longname@mail.example.org' })]
  const first = await popupRequest<Panel>(popup, 'scanImage', { dataUrl })
  expect(first.ok, JSON.stringify(first.error)).toBe(true)
  expect(first.value.items).toEqual(expected)
  await ff.stopEventPage()
  const second = await popupRequest<Panel>(popup, 'scanImage', { dataUrl })
  expect(second.ok, JSON.stringify(second.error)).toBe(true)
  expect(second.value.items).toEqual(expected)
})
