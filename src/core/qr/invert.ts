import type { GreyImage } from './types.ts'

/** Light-on-dark codes become dark-on-light, the only polarity a QR reader's locator looks for. */
export function invert(image: GreyImage): GreyImage {
  const out = new Uint8Array(image.data.length)
  for (let i = 0; i < out.length; i++) out[i] = 255 - (image.data[i] ?? 0)
  return { data: out, width: image.width, height: image.height }
}
