/**
 * A 1280 × 720 page with a 300 px code blurred σ ≈ 2, as a PNG data URL: ZXing reads it, Keyfob's jsQR
 * pipeline alone does not (src/offscreen/qr-engine.test.ts), so reading it shows the WebAssembly loaded.
 * The PNG is made in `where` (an extension page of either browser): Node has no canvas.
 */
import { createPage, placeImage } from '../../scripts/qr-corpus/compose-page.ts'
import { gaussianBlur } from '../../scripts/qr-corpus/distort.ts'
import { LONG_OTPAUTH } from '../../scripts/qr-corpus/payloads.ts'
import { renderQrAtSize } from '../../scripts/qr-corpus/render-qr.ts'
import type { Ui } from './ui.ts'

export async function blurredQrPage(where: Pick<Ui, 'evaluate'>): Promise<string> {
  const page = createPage({ width: 1280, height: 720, seed: 5 })
  placeImage(page, renderQrAtSize(LONG_OTPAUTH, 300), 384, 252)
  const { image } = gaussianBlur(page, 2)
  const base64 = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString('base64')
  return where.evaluate(
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
