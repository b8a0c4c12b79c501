import type { GreyImage } from './types.ts'

/**
 * Shrinks by `factor` (≥ 1, may be fractional) with an area average: each output
 * pixel is the mean of the source area it covers. Unlike nearest-neighbour
 * sampling this keeps thin modules as grey rather than dropping them, which is
 * what a binariser with a local threshold needs.
 */
export function downscale(image: GreyImage, factor: number): GreyImage {
  if (!(factor > 1)) return image
  const width = Math.max(1, Math.round(image.width / factor))
  const height = Math.max(1, Math.round(image.height / factor))
  // Separable: rows first into floats, then columns.
  const cols = coverage(image.width, width)
  const rows = coverage(image.height, height)
  const tmp = new Float32Array(width * image.height)
  for (let y = 0; y < image.height; y++) {
    const src = y * image.width
    const dst = y * width
    for (let x = 0; x < width; x++) {
      let sum = 0
      for (let k = cols.start[x] ?? 0, end = cols.start[x + 1] ?? 0; k < end; k++)
        sum += (image.data[src + (cols.index[k] ?? 0)] ?? 0) * (cols.weight[k] ?? 0)
      tmp[dst + x] = sum
    }
  }
  // Columns, with a float accumulator per output row (a Uint8Array would round every partial sum).
  const out = new Uint8Array(width * height)
  const acc = new Float32Array(width)
  for (let y = 0; y < height; y++) {
    acc.fill(0)
    for (let k = rows.start[y] ?? 0, end = rows.start[y + 1] ?? 0; k < end; k++) {
      const src = (rows.index[k] ?? 0) * width
      const w = rows.weight[k] ?? 0
      for (let x = 0; x < width; x++) acc[x] = (acc[x] ?? 0) + (tmp[src + x] ?? 0) * w
    }
    const dst = y * width
    for (let x = 0; x < width; x++) out[dst + x] = Math.round(acc[x] ?? 0)
  }
  return { data: out, width, height }
}

/** Shrinks so the longer side is at most `maxSide` pixels; the factor used is returned with the image. */
export function downscaleToFit(image: GreyImage, maxSide: number): { image: GreyImage; factor: number } {
  const factor = Math.max(image.width, image.height) / maxSide
  if (factor <= 1) return { image, factor: 1 }
  const out = downscale(image, factor)
  // Report the factor actually applied after rounding the size, so coordinates map back exactly.
  return { image: out, factor: image.width / out.width }
}

/**
 * For each output pixel, which source pixels it covers and by how much, in a
 * compressed-row layout: entries start[i] … start[i+1]−1 belong to output i.
 * The weights of one output pixel sum to 1.
 */
function coverage(srcSize: number, dstSize: number): { start: Int32Array; index: Int32Array; weight: Float32Array } {
  const scale = srcSize / dstSize
  const start = new Int32Array(dstSize + 1)
  const index: number[] = []
  const weight: number[] = []
  for (let i = 0; i < dstSize; i++) {
    start[i] = index.length
    const from = i * scale
    const to = Math.min(srcSize, (i + 1) * scale)
    for (let s = Math.floor(from); s < to; s++) {
      const w = Math.min(to, s + 1) - Math.max(from, s)
      if (w > 1e-6) {
        index.push(s)
        weight.push(w / scale)
      }
    }
  }
  start[dstSize] = index.length
  return { start, index: Int32Array.from(index), weight: Float32Array.from(weight) }
}

/** Exactly half the size (odd last rows/columns dropped), each pixel the mean of a 2 × 2 square: the fast path for image pyramids. */
export function halve(image: GreyImage): GreyImage {
  const width = image.width >> 1
  const height = image.height >> 1
  const out = new Uint8Array(width * height)
  const src = image.data
  const w = image.width
  for (let y = 0; y < height; y++) {
    let a = 2 * y * w
    let b = a + w
    const o = y * width
    for (let x = 0; x < width; x++, a += 2, b += 2) out[o + x] = (src[a]! + src[a + 1]! + src[b]! + src[b + 1]! + 2) >> 2
  }
  return { data: out, width, height }
}
