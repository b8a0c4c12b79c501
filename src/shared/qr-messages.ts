/**
 * The QR decode request and its answer, between Keyfob's service worker and its offscreen
 * document (Chromium), and between either and the decoding Web Worker. They travel by
 * postMessage, not runtime messaging, so that the pixels are transferred rather than copied
 * (runtime messages are JSON: a 4K capture would be 33 MB of numbers). Every side checks
 * what it receives against these shapes before using it, as serve() does for runtime messages.
 */
import type { QrScan } from '../core/qr/index.ts'
import type { Point, RgbaImage } from '../core/qr/types.ts'

/** As qr-decoder.ts's limit on what the worker turns into pixels. */
const MAX_PIXELS = 40_000_000

export interface QrDecodeRequest {
  keyfob: 'decodeQr'
  id: number
  image: RgbaImage
}

export type QrDecodeReply = { keyfob: 'decodedQr'; id: number } & ({ ok: true; scan: QrScan } | { ok: false })

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0
const isSide = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0

/** The request, if `m` is exactly one: an id, and RGBA pixels whose size matches their width and height. */
export function checkDecodeRequest(m: unknown): QrDecodeRequest | null {
  if (!isRecord(m) || m.keyfob !== 'decodeQr' || !isId(m.id) || !isRecord(m.image)) return null
  const { data, width, height } = m.image
  if (!(data instanceof Uint8ClampedArray) || !isSide(width) || !isSide(height) || width * height > MAX_PIXELS) return null
  if (data.length !== width * height * 4) return null
  return { keyfob: 'decodeQr', id: m.id, image: { data, width, height } }
}

const isPoint = (p: unknown): p is Point => isRecord(p) && Number.isFinite(p.x) && Number.isFinite(p.y)

/** The reply, if `m` is exactly one: codes with a text and four finite corners each, and the candidates flag. */
export function checkDecodeReply(m: unknown): QrDecodeReply | null {
  if (!isRecord(m) || m.keyfob !== 'decodedQr' || !isId(m.id)) return null
  if (m.ok === false) return { keyfob: 'decodedQr', id: m.id, ok: false }
  if (m.ok !== true || !isRecord(m.scan) || typeof m.scan.sawCandidates !== 'boolean' || !Array.isArray(m.scan.codes)) return null
  const codes = []
  for (const c of m.scan.codes as unknown[]) {
    if (!isRecord(c) || typeof c.text !== 'string' || !isRecord(c.corners)) return null
    const { topLeft, topRight, bottomRight, bottomLeft } = c.corners
    if (!isPoint(topLeft) || !isPoint(topRight) || !isPoint(bottomRight) || !isPoint(bottomLeft)) return null
    codes.push({ text: c.text, corners: { topLeft, topRight, bottomRight, bottomLeft } })
  }
  return { keyfob: 'decodedQr', id: m.id, ok: true, scan: { codes, sawCandidates: m.scan.sawCandidates } }
}

/**
 * The image's pixels in a buffer of their own, to transfer: a view into a larger buffer
 * (a crop, a subarray) is copied first, since transferring would hand over, and detach, all of it.
 */
export function transferable(image: RgbaImage): { image: RgbaImage; transfer: ArrayBuffer[] } {
  const { data, width, height } = image
  const own =
    data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer ? data : data.slice()
  return { image: { data: own, width, height }, transfer: [own.buffer as ArrayBuffer] }
}
