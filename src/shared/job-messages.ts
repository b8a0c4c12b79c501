/**
 * The background's rare, heavy jobs and their answers, as they travel by postMessage to the
 * background job worker (src/offscreen/qr-worker.ts: in Chromium through the offscreen document,
 * in Firefox straight from the event page). A Chromium MV3 service worker cannot import() (the
 * HTML spec disallows it there), so whatever its script imports is parsed at every start; a job
 * whose code runs in the worker, loaded there on first use, costs the start nothing (issue #15).
 * Every side checks what it receives against these shapes before using it, as serve() does for
 * runtime messages, and as qr-messages.ts does for QR decoding: replies here, requests in
 * job-requests.ts (a module of its own, so the service worker's script does not carry them).
 */
import { ERROR_CODES, type ErrorCode } from '../core/errors.ts'
import type { ExportFormatId, ExportResult } from './protocol.ts'

/** An export, after the background has checked the person's password and choices (transfer/export-handlers.ts). */
export interface ExportJobInput {
  format: ExportFormatId
  /** The vault's content, as content-codec.ts serializes it: the worker parses and validates it again. */
  content: string
  /** The exported file's own password ('' for the formats without one). */
  password: string
}

/** What the export page shows and saves; the file's name is the background's. */
export type ExportJobOutput = Omit<ExportResult, 'fileName'>

/** A text (an otpauth:// link) to draw as a QR code, at an error-correction level. */
export interface QrSvgInput {
  text: string
  level: 'L' | 'M' | 'Q' | 'H'
}

/** Each job: what it takes and what it answers. */
export interface Jobs {
  exportVault: { input: ExportJobInput; output: ExportJobOutput }
  qrSvg: { input: QrSvgInput; output: { svg: string } }
}

export type JobName = keyof Jobs

export type JobRequest = { [K in JobName]: { keyfob: 'job'; id: number; job: K; input: Jobs[K]['input'] } }[JobName]

/** A job's failure: Keyfob's own error (its code, sentence and field), or INTERNAL for anything else. */
export interface JobFailure {
  code: ErrorCode
  message: string
  field?: string
}

export type JobReply<K extends JobName = JobName> = { keyfob: 'jobDone'; id: number; job: K } & (
  { ok: true; output: Jobs[K]['output'] } | { ok: false; error: JobFailure }
)

/** The most text one string of a request or an answer may hold (a vault of 10,000 accounts is far below it). */
const MAX_TEXT = 64_000_000
/** A field name or message from the worker is shown at most this long. */
const MAX_MESSAGE = 500

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
export const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0
export const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => isText(s))

/** The export's answer, if `v` is exactly one: the file's text or none, QR images, skipped accounts and warnings. */
function checkExportOutput(v: unknown): ExportJobOutput | null {
  if (!isRecord(v) || (v.text !== null && !isText(v.text)) || !isTextList(v.qrSvgs) || !isTextList(v.warnings)) return null
  if (!Array.isArray(v.skipped)) return null
  const skipped = []
  for (const s of v.skipped as unknown[]) {
    if (!isRecord(s) || !isText(s.name) || !isText(s.reason)) return null
    skipped.push({ name: s.name, reason: s.reason })
  }
  return { text: v.text, qrSvgs: [...v.qrSvgs], skipped, warnings: [...v.warnings] }
}

/** An SVG picture, and nothing else. */
const checkQrSvgOutput = (v: unknown): { svg: string } | null =>
  isRecord(v) && isText(v.svg) && /^\s*<svg[\s>]/.test(v.svg) ? { svg: v.svg } : null

/** Each job's check of its output (in the background and the offscreen document); job-requests.ts checks inputs. */
const OUTPUTS: { [K in JobName]: (v: unknown) => Jobs[K]['output'] | null } = {
  exportVault: checkExportOutput,
  qrSvg: checkQrSvgOutput,
}

/** The reply to a request for `job`, if `m` is exactly one: that job's output, or a failure with a known code. */
export function checkJobReply<K extends JobName>(m: unknown, job: K): JobReply<K> | null {
  if (!isRecord(m) || m.keyfob !== 'jobDone' || !isId(m.id) || m.job !== job) return null
  if (m.ok === false) {
    const e = m.error
    if (!isRecord(e) || !ERROR_CODES.includes(e.code as ErrorCode) || typeof e.message !== 'string') return null
    if (e.field !== undefined && !isText(e.field, MAX_MESSAGE)) return null
    const error: JobFailure = { code: e.code as ErrorCode, message: e.message.slice(0, MAX_MESSAGE) }
    if (e.field !== undefined) error.field = e.field
    return { keyfob: 'jobDone', id: m.id, job, ok: false, error }
  }
  if (m.ok !== true) return null
  const output = OUTPUTS[job](m.output)
  return output && { keyfob: 'jobDone', id: m.id, job, ok: true, output }
}
