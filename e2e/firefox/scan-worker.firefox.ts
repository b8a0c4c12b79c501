/**
 * QR decoding in Firefox (issue #15): no offscreen document there, so the event page starts the
 * decoding Web Worker (src/shared/qr-worker-client.ts) on the first scan, and again after the
 * event page was stopped. A code only ZXing reads shows that the worker loaded its WebAssembly
 * from the extension (zxing-wasm would fetch it from a CDN otherwise).
 */
import { createPage, placeImage } from '../../scripts/qr-corpus/compose-page.ts'
import { gaussianBlur } from '../../scripts/qr-corpus/distort.ts'
import { LONG_OTPAUTH } from '../../scripts/qr-corpus/payloads.ts'
import { renderQrAtSize } from '../../scripts/qr-corpus/render-qr.ts'
import { createVaultWithPassword } from '../shared/flows.ts'
import { popupRequest, type Ui } from '../shared/ui.ts'
import { expect, test } from './fixtures.ts'

type Panel = { state: string; items: { issuer: string; account: string }[] }

/** A 1280 × 720 page with a 300 px code blurred σ ≈ 2 (Keyfob's jsQR pipeline alone misses it), as a PNG data URL. */
async function blurredPage(ui: Ui): Promise<string> {
  const page = createPage({ width: 1280, height: 720, seed: 5 })
  placeImage(page, renderQrAtSize(LONG_OTPAUTH, 300), 384, 252)
  const { image } = gaussianBlur(page, 2)
  const base64 = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString('base64')
  return ui.evaluate(
    async ({ base64, width, height }) => {
      const bytes = Uint8ClampedArray.from(atob(base64), (c) => c.charCodeAt(0))
      const canvas = new OffscreenCanvas(width, height)
      canvas.getContext('2d')!.putImageData(new ImageData(bytes, width, height), 0, 0)
      const blob = await canvas.convertToBlob({ type: 'image/png' })
      return new Promise<string>((resolve) => {
        const reader = new FileReader()
        reader.onload = () => resolve(reader.result as string)
        reader.readAsDataURL(blob)
      })
    },
    { base64, width: image.width, height: image.height },
  )
}

test('a code only ZXing reads is read by the event page’s decoding worker, also right after the event page stopped', async ({
  ff,
  popup,
}) => {
  test.setTimeout(120_000)
  await createVaultWithPassword(popup)
  const dataUrl = await blurredPage(popup)
  const expected = [expect.objectContaining({ issuer: 'Example Corporation Cloud Services', account: 'alice.longname@mail.example.org' })]
  const first = await popupRequest<Panel>(popup, 'scanImage', { dataUrl })
  expect(first.ok, JSON.stringify(first.error)).toBe(true)
  expect(first.value.items).toEqual(expected)
  await ff.stopEventPage()
  const second = await popupRequest<Panel>(popup, 'scanImage', { dataUrl })
  expect(second.ok, JSON.stringify(second.error)).toBe(true)
  expect(second.value.items).toEqual(expected)
})
