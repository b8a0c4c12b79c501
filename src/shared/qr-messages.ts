/**
 * The QR decode request and its answer, between Keyfob's service worker and its offscreen
 * document (Chromium), and between either and the decoding Web Worker, by postMessage.
 * The image travels encoded, as a Blob (a reference, not a copy): measured on this project's
 * kind of machine, posting a 4K capture's 33 MB of pixels held the service worker for
 * 150–570 ms, and decoding the PNG there took 200 ms more; both now happen in the worker.
 * Every side checks what it receives against these shapes before using it, as serve() does
 * for runtime messages: replies here, requests in job-requests.ts (so that the service worker,
 * which only sends requests, does not carry their check).
 */
import type { ImageScan, Rect } from '../core/qr/index.ts'
import type { Point } from '../core/qr/types.ts'

/** As the popup's scanImage schema: larger images are refused before anything decodes them. */
export const MAX_IMAGE_BYTES = 30_000_000

export interface QrDecodeRequest {
  keyfob: 'decodeQr'
  id: number
  image: Blob
  /** A box of the image to read (device pixels), or null for all of it. */
  crop: Rect | null
}

/** A failure the worker names: the image is not one it can read (or too large), or something else went wrong. */
export type QrDecodeFailure = { code: 'INVALID_IMAGE' | 'INTERNAL'; message: string }

export type QrDecodeReply = { keyfob: 'decodedQr'; id: number } & ({ ok: true; scan: ImageScan } | { ok: false; error: QrDecodeFailure })

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0
const isSize = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0
const isPoint = (p: unknown): p is Point => isRecord(p) && Number.isFinite(p.x) && Number.isFinite(p.y)
export const isRect = (r: unknown): r is Rect =>
  isRecord(r) && Number.isFinite(r.x) && Number.isFinite(r.y) && Number.isFinite(r.width) && Number.isFinite(r.height)

/** The reply, if `m` is exactly one: codes with a text and four finite corners each, the flags and sizes; or a named failure. */
export function checkDecodeReply(m: unknown): QrDecodeReply | null {
  if (!isRecord(m) || m.keyfob !== 'decodedQr' || !isId(m.id)) return null
  if (m.ok === false) {
    const e = m.error
    if (!isRecord(e) || (e.code !== 'INVALID_IMAGE' && e.code !== 'INTERNAL') || typeof e.message !== 'string') return null
    return { keyfob: 'decodedQr', id: m.id, ok: false, error: { code: e.code, message: e.message.slice(0, 200) } }
  }
  const s = m.scan
  if (m.ok !== true || !isRecord(s) || typeof s.sawCandidates !== 'boolean' || !Array.isArray(s.codes)) return null
  if (!isSize(s.width) || !isSize(s.height) || (s.region !== null && !isRect(s.region))) return null
  const codes = []
  for (const c of s.codes as unknown[]) {
    if (!isRecord(c) || typeof c.text !== 'string' || !isRecord(c.corners)) return null
    const { topLeft, topRight, bottomRight, bottomLeft } = c.corners
    if (!isPoint(topLeft) || !isPoint(topRight) || !isPoint(bottomRight) || !isPoint(bottomLeft)) return null
    codes.push({ text: c.text, corners: { topLeft, topRight, bottomRight, bottomLeft } })
  }
  const region = s.region === null ? null : { x: s.region.x, y: s.region.y, width: s.region.width, height: s.region.height }
  return {
    keyfob: 'decodedQr',
    id: m.id,
    ok: true,
    scan: { codes, sawCandidates: s.sawCandidates, width: s.width, height: s.height, region },
  }
}
