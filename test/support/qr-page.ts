/**
 * A capture for the scan tests: a white 640×480 page with `text` drawn as a real QR code (4 pixels a
 * module) at `at`, or no code when `text` is null. `damaged`: every third module outside the finder
 * patterns flipped, beyond what error correction repairs, while the finder patterns stay (a code a
 * decoder sees but cannot read).
 */
import QRCode from 'qrcode'
import type { RgbaImage } from '../../src/core/qr/index.ts'

const SCALE = 4

export function qrPage(text: string | null, at: { x: number; y: number }, damaged = false): RgbaImage {
  const width = 640
  const height = 480
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  if (text === null) return { data, width, height }
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size
  const finder = (r: number, c: number) => (r < 9 && c < 9) || (r < 9 && c >= n - 9) || (r >= n - 9 && c < 9)
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const flip = damaged && !finder(row, col) && (row + col) % 3 === 0
      if (Boolean(modules.get(row, col)) === flip) continue
      for (let dy = 0; dy < SCALE; dy++) {
        for (let dx = 0; dx < SCALE; dx++) {
          const i = ((at.y + row * SCALE + dy) * width + at.x + col * SCALE + dx) * 4
          data[i] = data[i + 1] = data[i + 2] = 0
        }
      }
    }
  }
  return { data, width, height }
}
