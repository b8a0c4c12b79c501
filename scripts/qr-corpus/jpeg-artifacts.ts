/**
 * JPEG-like compression without a JPEG encoder (none is installed): the lossy
 * part of baseline JPEG, i.e. YCbCr conversion, 8×8 block DCT, quantisation with
 * the Annex K tables of ITU-T T.81 scaled by the IJG quality formula, and the
 * inverse. Entropy coding is lossless, so it is left out; chroma is not
 * subsampled, which matters little for grey QR codes. Blocking and ringing
 * around module edges come out as in a real capture saved as JPEG.
 */
import type { RgbaImage } from '../../src/core/qr/types.ts'

// T.81 Annex K, tables K.1 (luminance) and K.2 (chrominance), in row order.
const LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22,
  37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
]
const CHROMA = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
]

/** IJG scaling: quality 50 uses the tables as printed; 75 (a common default) halves them. */
function scaleTable(table: readonly number[], quality: number): Float64Array {
  const q = Math.min(100, Math.max(1, quality))
  const scale = q < 50 ? 5000 / q : 200 - 2 * q
  return Float64Array.from(table, (v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))))
}

const COS = (() => {
  const t = new Float64Array(64)
  for (let x = 0; x < 8; x++) for (let u = 0; u < 8; u++) t[x * 8 + u] = Math.cos(((2 * x + 1) * u * Math.PI) / 16)
  return t
})()
const C = (u: number) => (u === 0 ? Math.SQRT1_2 : 1)

/** Quantises one 8×8 block in place (values centred on 0), with a separable DCT-II and its inverse. */
function quantiseBlock(block: Float64Array, table: Float64Array): void {
  const tmp = new Float64Array(64)
  const coef = new Float64Array(64)
  // Rows, then columns: F(u,v) = ¼ C(u) C(v) Σx Σy f(x,y) cos… cos…
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0
      for (let x = 0; x < 8; x++) sum += (block[y * 8 + x] ?? 0) * (COS[x * 8 + u] ?? 0)
      tmp[y * 8 + u] = 0.5 * C(u) * sum
    }
  }
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0
      for (let y = 0; y < 8; y++) sum += (tmp[y * 8 + u] ?? 0) * (COS[y * 8 + v] ?? 0)
      const q = table[v * 8 + u] ?? 1
      coef[v * 8 + u] = Math.round((0.5 * C(v) * sum) / q) * q
    }
  }
  for (let v = 0; v < 8; v++) {
    for (let x = 0; x < 8; x++) {
      let sum = 0
      for (let u = 0; u < 8; u++) sum += C(u) * (coef[v * 8 + u] ?? 0) * (COS[x * 8 + u] ?? 0)
      tmp[v * 8 + x] = 0.5 * sum
    }
  }
  for (let x = 0; x < 8; x++) {
    for (let y = 0; y < 8; y++) {
      let sum = 0
      for (let v = 0; v < 8; v++) sum += C(v) * (tmp[v * 8 + x] ?? 0) * (COS[y * 8 + v] ?? 0)
      block[y * 8 + x] = 0.5 * sum
    }
  }
}

export function jpegArtifacts(src: RgbaImage, quality: number): RgbaImage {
  const { width, height } = src
  const n = width * height
  const planes = [new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const
  for (let i = 0; i < n; i++) {
    const r = src.data[i * 4] ?? 0
    const g = src.data[i * 4 + 1] ?? 0
    const b = src.data[i * 4 + 2] ?? 0
    // JFIF YCbCr, centred on 0 for the DCT.
    planes[0][i] = 0.299 * r + 0.587 * g + 0.114 * b - 128
    planes[1][i] = -0.168736 * r - 0.331264 * g + 0.5 * b
    planes[2][i] = 0.5 * r - 0.418688 * g - 0.081312 * b
  }
  const tables = [scaleTable(LUMA, quality), scaleTable(CHROMA, quality), scaleTable(CHROMA, quality)]
  const block = new Float64Array(64)
  planes.forEach((plane, p) => {
    const table = tables[p] ?? tables[0]!
    for (let by = 0; by < height; by += 8) {
      for (let bx = 0; bx < width; bx += 8) {
        // Edge blocks repeat the last row/column, as encoders pad them.
        for (let y = 0; y < 8; y++) {
          for (let x = 0; x < 8; x++) block[y * 8 + x] = plane[Math.min(height - 1, by + y) * width + Math.min(width - 1, bx + x)] ?? 0
        }
        quantiseBlock(block, table)
        for (let y = 0; y < 8 && by + y < height; y++) {
          for (let x = 0; x < 8 && bx + x < width; x++) plane[(by + y) * width + bx + x] = block[y * 8 + x] ?? 0
        }
      }
    }
  })
  const out = new Uint8ClampedArray(n * 4)
  for (let i = 0; i < n; i++) {
    const y = (planes[0][i] ?? 0) + 128
    const cb = planes[1][i] ?? 0
    const cr = planes[2][i] ?? 0
    out[i * 4] = y + 1.402 * cr
    out[i * 4 + 1] = y - 0.344136 * cb - 0.714136 * cr
    out[i * 4 + 2] = y + 1.772 * cb
    out[i * 4 + 3] = 255
  }
  return { data: out, width, height }
}
