/**
 * The scan's reading job, run in the background job worker (job-messages.ts says why): what each
 * decoded text is (readScannedText: the otpauth:// and migration parsers of src/core/uri), so the
 * service worker gets accounts and export parts, checked again there, never parses a setup code.
 */
import { readScannedText } from '../../core/scan/read-scanned-text.ts'
import type { QrTextsInput, QrTextsOutput } from '../job-messages.ts'

export const readQrTexts = ({ texts }: QrTextsInput): QrTextsOutput => ({ reads: texts.map(readScannedText) })
