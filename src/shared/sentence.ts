/**
 * What results and notices carry instead of sentences: a _locales key and the values it
 * names ($1, $2…), translated by the side that shows it (the popup, a page's panel), so
 * the person reads it in the browser's language. The key lists are checked against
 * every locale by test/locales.test.ts.
 */
import { isKeyfobError, type ErrorCode, type KeyfobError } from '../core/errors.ts'

/** What a scan found, or why it found nothing; a failed scan carries its error's `error_<CODE>` instead. */
export const SCAN_MESSAGES = [
  'scanNoCode',
  'scanNoCodeInBox',
  'scanPartial',
  'scanUnreadable',
  'scanNotSetupCode',
  'scanFailed',
  // A page scan (issue #19): nothing QR-shaped in view, or a code seen that could not be read.
  'scanNoCodeVisible',
  'scanSeenUnreadable',
] as const
/** Why some scanned accounts will be bound to no site. */
export const SCAN_NOTES = ['scanNoteBatch', 'scanNoteElsewhere'] as const
/** What may help when a page scan read nothing. */
export const SCAN_HINTS = ['scanMaybeBelow'] as const
/** What the background tells the person in a page when a fill did not happen (or waits). */
export const FILL_NOTICES = ['fillLocked', 'fillNoAccount', 'fillFramedNotice', 'fillNoField', 'fillReplayWait'] as const

export interface Sentence<K extends string> {
  key: K
  values?: string[]
}

type ErrorKey = `error_${ErrorCode}`
export type ScanMessage = Sentence<(typeof SCAN_MESSAGES)[number] | ErrorKey>
export type ScanNote = (typeof SCAN_NOTES)[number]
export type ScanHint = (typeof SCAN_HINTS)[number]
export type FillNotice = Sentence<(typeof FILL_NOTICES)[number] | ErrorKey>

/** A scan that threw: its error's sentence, or only that it failed when the error is not Keyfob's own (no internal detail). */
export function scanFailure(e: unknown): ScanMessage {
  return isKeyfobError(e) ? errorSentence(e) : { key: 'scanFailed' }
}

/** A fill from a page that failed: its error's sentence (drawn in the frame), or only that something went wrong. */
export function fillFailure(e: unknown): FillNotice {
  return isKeyfobError(e) ? errorSentence(e) : { key: 'error_INTERNAL' }
}

/**
 * The error's sentence as a key and values: a code whose sentence names none gets the
 * English message as $1, which for the (detail) families of core/errors.ts says what
 * exactly is at fault. (errorText applies the same rule; this module stays out of the popup.)
 */
function errorSentence(e: KeyfobError): Sentence<ErrorKey> {
  return { key: `error_${e.code}`, values: e.values ?? [e.message] }
}
