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
import { KeyfobError, type ErrorCode } from '../core/errors.ts'
import type { ScannedText } from '../core/scan/read-scanned-text.ts'
import type { AccountFields } from '../core/types.ts'
import type { MigrationBatch } from '../core/uri/migration-schema.ts'
import { parseStoredAccount } from '../core/vault/parse-stored-account.ts'
import type { Fail } from '../core/vault/shape.ts'
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

/** The texts of a scan's QR codes, to be read (core/scan/read-scanned-text.ts). */
export interface QrTextsInput {
  texts: string[]
}

/** What each text is, in the same order. */
export interface QrTextsOutput {
  reads: ScannedText[]
}

/** Each job: what it takes and what it answers. */
export interface Jobs {
  exportVault: { input: ExportJobInput; output: ExportJobOutput }
  qrSvg: { input: QrSvgInput; output: { svg: string } }
  readQrTexts: { input: QrTextsInput; output: QrTextsOutput }
}

export type JobName = keyof Jobs

export type JobRequest = { [K in JobName]: { keyfob: 'job'; id: number; job: K; input: Jobs[K]['input'] } }[JobName]

/**
 * The errors a job may name: those its code throws (an export's file password too weak, the content
 * not a vault's…). run-job.ts says INTERNAL for any other. A list of its own rather than errors.ts's
 * ERROR_CODES: that list would then load with every popup opening (the popup shares errors.ts's chunk).
 */
export const JOB_ERROR_CODES = [
  'INTERNAL',
  'INVALID_PARAMETER',
  'INVALID_MESSAGE',
  'WEAK_PASSWORD',
  'EXPORT_PASSWORD_REQUIRED',
  'VAULT_CORRUPT',
] as const satisfies readonly ErrorCode[]
type JobErrorCode = (typeof JOB_ERROR_CODES)[number]

/** A job's failure: Keyfob's own error (its code, sentence and field), or INTERNAL for anything else. */
export interface JobFailure {
  code: JobErrorCode
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

/** A stored account's bookkeeping, to check the fields of a read account as the vault checks its own. */
const NOT_STORED_YET = {
  id: '00000000-0000-4000-8000-000000000000',
  tags: [],
  pinned: false,
  sites: [],
  createdAt: 0,
  updatedAt: 0,
  order: 0,
}
const refuse: Fail = (message) => {
  throw new KeyfobError('INVALID_MESSAGE', message)
}

/** An account's fields, if `v` is exactly that: each checked as parseStoredAccount checks the vault's accounts. */
function checkFields(v: unknown, extra: readonly string[] = []): AccountFields | null {
  if (!isRecord(v) || typeof v.counter !== 'bigint' || Object.keys(NOT_STORED_YET).some((k) => Object.hasOwn(v, k))) return null
  const rest = Object.fromEntries(Object.entries(v).filter(([k]) => !extra.includes(k)))
  try {
    const a = parseStoredAccount({ ...rest, ...NOT_STORED_YET, counter: v.counter.toString() }, 'account', refuse)
    const { id: _i, tags: _t, pinned: _p, sites: _s, createdAt: _c, updatedAt: _u, order: _o, lastUsedAt: _l, ...fields } = a
    return fields
  } catch {
    return null
  }
}

const isBatchNumber = (v: unknown): v is number | null => v === null || Number.isSafeInteger(v)

/** A migration export's part: its batch numbers and its accounts, each with the raw name it came from. */
function checkBatch(v: unknown): MigrationBatch | null {
  if (!isRecord(v) || !Array.isArray(v.accounts)) return null
  const { version, batchSize, batchIndex, batchId } = v
  if (!isBatchNumber(version) || !isBatchNumber(batchSize) || !isBatchNumber(batchIndex) || !isBatchNumber(batchId)) return null
  const accounts = []
  for (const a of v.accounts as unknown[]) {
    const fields = isRecord(a) && isText(a.name, MAX_MESSAGE * 10) ? checkFields(a, ['name']) : null
    if (!fields) return null
    accounts.push({ ...fields, name: (a as { name: string }).name })
  }
  return { version, batchSize, batchIndex, batchId, accounts }
}

function checkRead(v: unknown): ScannedText | null {
  if (!isRecord(v)) return null
  switch (v.kind) {
    case 'other':
      return { kind: 'other' }
    case 'invalid':
      return isText(v.message, MAX_MESSAGE) ? { kind: 'invalid', message: v.message } : null
    case 'account': {
      const fields = checkFields(v.fields)
      return fields && { kind: 'account', fields }
    }
    case 'migration': {
      const batch = checkBatch(v.batch)
      return batch && { kind: 'migration', batch }
    }
  }
  return null
}

function checkQrTextsOutput(v: unknown): QrTextsOutput | null {
  if (!isRecord(v) || !Array.isArray(v.reads)) return null
  const reads = (v.reads as unknown[]).map(checkRead)
  return reads.every((r) => r !== null) ? { reads: reads } : null
}

/** Each job's check of its output (in the background and the offscreen document); job-requests.ts checks inputs. */
const OUTPUTS: { [K in JobName]: (v: unknown) => Jobs[K]['output'] | null } = {
  exportVault: checkExportOutput,
  qrSvg: checkQrSvgOutput,
  readQrTexts: checkQrTextsOutput,
}

/** The reply to a request for `job`, if `m` is exactly one: that job's output, or a failure with a known code. */
export function checkJobReply<K extends JobName>(m: unknown, job: K): JobReply<K> | null {
  if (!isRecord(m) || m.keyfob !== 'jobDone' || !isId(m.id) || m.job !== job) return null
  if (m.ok === false) {
    const e = m.error
    if (!isRecord(e) || !JOB_ERROR_CODES.includes(e.code as JobErrorCode) || typeof e.message !== 'string') return null
    if (e.field !== undefined && !isText(e.field, MAX_MESSAGE)) return null
    const error: JobFailure = { code: e.code as JobErrorCode, message: e.message.slice(0, MAX_MESSAGE) }
    if (e.field !== undefined) error.field = e.field
    return { keyfob: 'jobDone', id: m.id, job, ok: false, error }
  }
  if (m.ok !== true) return null
  const output = OUTPUTS[job](m.output)
  return output && { keyfob: 'jobDone', id: m.id, job, ok: true, output }
}
