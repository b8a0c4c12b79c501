/**
 * Renders QR codes into RGBA buffers for tests and the benchmark corpus, from the
 * module matrix of the `qrcode` package (so no canvas is needed in Node).
 */
import QRCode from 'qrcode'
import type { RgbaImage } from '../../src/core/qr/types.ts'

export type EcLevel = 'L' | 'M' | 'Q' | 'H'

export interface RenderQrOptions {
  /** Pixels per module; may be fractional. Default 4. */
  moduleSize?: number
  /**
   * How fractional module sizes are drawn. false (default): each pixel is the
   * area-weighted mix of the modules it covers, as a browser draws an SVG code
   * or smooths a scaled `<img>`. true: nearest module, as with
   * `image-rendering: pixelated`, so modules alternate between ⌊s⌋ and ⌈s⌉ pixels.
   */
  pixelated?: boolean
  /** Quiet zone in modules (the spec asks for 4). Default 4. */
  quietZone?: number
  errorCorrectionLevel?: EcLevel
  /** Grey level of dark modules. Default 0. */
  dark?: number
  /** Grey level of light modules and the quiet zone. Default 255. */
  light?: number
}

/** The module matrix: `size × size`, 1 for dark. */
export function qrModules(text: string, errorCorrectionLevel: EcLevel = 'M'): { size: number; get(row: number, col: number): boolean } {
  const qr = QRCode.create(text, { errorCorrectionLevel })
  return { size: qr.modules.size, get: (row, col) => qr.modules.get(row, col) === 1 }
}

/** A QR code alone, quiet zone included. */
export function renderQr(text: string, opts: RenderQrOptions = {}): RgbaImage {
  const moduleSize = opts.moduleSize ?? 4
  const quiet = opts.quietZone ?? 4
  const dark = opts.dark ?? 0
  const light = opts.light ?? 255
  const modules = qrModules(text, opts.errorCorrectionLevel ?? 'M')
  const total = modules.size + 2 * quiet
  const side = Math.round(total * moduleSize)
  const isDark = (row: number, col: number) => row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col)
  const data = new Uint8ClampedArray(side * side * 4)
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let darkness: number
      if (opts.pixelated) {
        darkness = isDark(Math.floor(y / moduleSize) - quiet, Math.floor(x / moduleSize) - quiet) ? 1 : 0
      } else {
        // Exact coverage of the pixel square [x, x+1) × [y, y+1) by dark modules.
        darkness = 0
        const c0 = Math.floor(x / moduleSize)
        const c1 = Math.floor((x + 1 - 1e-9) / moduleSize)
        const r0 = Math.floor(y / moduleSize)
        const r1 = Math.floor((y + 1 - 1e-9) / moduleSize)
        for (let r = r0; r <= r1; r++) {
          const h = Math.min(y + 1, (r + 1) * moduleSize) - Math.max(y, r * moduleSize)
          for (let c = c0; c <= c1; c++) {
            if (!isDark(r - quiet, c - quiet)) continue
            darkness += h * (Math.min(x + 1, (c + 1) * moduleSize) - Math.max(x, c * moduleSize))
          }
        }
      }
      const v = light + (dark - light) * darkness
      const i = (y * side + x) * 4
      data[i] = v
      data[i + 1] = v
      data[i + 2] = v
      data[i + 3] = 255
    }
  }
  return { data, width: side, height: side }
}

/** A QR code whose symbol plus quiet zone measures about `sidePx` pixels, as a page would size it in CSS. */
export function renderQrAtSize(text: string, sidePx: number, opts: Omit<RenderQrOptions, 'moduleSize'> = {}): RgbaImage {
  const modules = qrModules(text, opts.errorCorrectionLevel ?? 'M')
  const total = modules.size + 2 * (opts.quietZone ?? 4)
  return renderQr(text, { ...opts, moduleSize: sidePx / total })
}
