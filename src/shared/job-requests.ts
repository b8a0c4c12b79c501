/**
 * The checks of the requests to the background job worker (job-messages.ts, qr-messages.ts), made by the offscreen document and by the background
 * job worker before anything runs. Apart from the replies' checks, so that the service worker, which
 * only sends requests, does not carry it in its start-up script.
 */
import { EXPORT_FORMATS, type ExportFormatId } from './protocol.ts'
import {
  isId,
  isRecord,
  isText,
  type ExportJobInput,
  type JobName,
  type JobRequest,
  type Jobs,
  type QrSvgInput,
  type QrTextsInput,
} from './job-messages.ts'
import { isRect, MAX_IMAGE_BYTES, type QrDecodeRequest } from './qr-messages.ts'

/** As the protocol's passwords. */
const MAX_PASSWORD = 1024
/** The most a QR code holds (version 40, level L, in byte mode: 2,953 bytes; fewer characters in UTF-8). */
const MAX_QR_TEXT = 2953
const QR_LEVELS: readonly string[] = ['L', 'M', 'Q', 'H']

/** The export's input, if `v` is exactly one: a known format, the content's text, the file's password. */
function checkExportInput(v: unknown): ExportJobInput | null {
  if (!isRecord(v) || !EXPORT_FORMATS.includes(v.format as ExportFormatId)) return null
  if (!isText(v.content) || !isText(v.password, MAX_PASSWORD)) return null
  return { format: v.format as ExportFormatId, content: v.content, password: v.password }
}

const checkQrSvgInput = (v: unknown): QrSvgInput | null =>
  isRecord(v) && isText(v.text, MAX_QR_TEXT) && QR_LEVELS.includes(v.level as string)
    ? { text: v.text, level: v.level as QrSvgInput['level'] }
    : null

/** More QR codes than one image can show readably; and no text longer than a QR code can hold (7,089 digits). */
const MAX_QR_TEXTS = 1000
const MAX_DECODED_TEXT = 7089

const checkQrTextsInput = (v: unknown): QrTextsInput | null =>
  isRecord(v) && Array.isArray(v.texts) && v.texts.length <= MAX_QR_TEXTS && v.texts.every((t) => isText(t, MAX_DECODED_TEXT))
    ? { texts: [...v.texts] }
    : null

const INPUTS: { [K in JobName]: (v: unknown) => Jobs[K]['input'] | null } = {
  exportVault: checkExportInput,
  qrSvg: checkQrSvgInput,
  readQrTexts: checkQrTextsInput,
}

const isJob = (v: unknown): v is JobName => typeof v === 'string' && Object.hasOwn(INPUTS, v)

/** The request, if `m` is exactly one: an id, a known job and that job's input (and nothing else of the message). */
export function checkJobRequest(m: unknown): JobRequest | null {
  if (!isRecord(m) || m.keyfob !== 'job' || !isId(m.id) || !isJob(m.job)) return null
  const input = INPUTS[m.job](m.input)
  return input && ({ keyfob: 'job', id: m.id, job: m.job, input } as JobRequest)
}

/** The request, if `m` is exactly one: an id, an image no larger than MAX_IMAGE_BYTES, and a finite box or none. */
export function checkDecodeRequest(m: unknown): QrDecodeRequest | null {
  if (!isRecord(m) || m.keyfob !== 'decodeQr' || !isId(m.id)) return null
  if (!(m.image instanceof Blob) || m.image.size > MAX_IMAGE_BYTES) return null
  if (m.crop !== null && !isRect(m.crop)) return null
  const crop = m.crop === null ? null : { x: m.crop.x, y: m.crop.y, width: m.crop.width, height: m.crop.height }
  return { keyfob: 'decodeQr', id: m.id, image: m.image, crop }
}
