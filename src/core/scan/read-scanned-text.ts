/**
 * What one decoded QR code's text is: a setup code's account, a part of a migration export, a
 * setup code that cannot be read (and why), or not a two-factor code at all. Only `otpauth://`,
 * `otpauth-migration://` and `steam://` are setup codes. Run in the background job worker next to
 * the decoder (src/shared/jobs/read-qr-texts-job.ts), so that the parsers of src/core/uri need not
 * load with the service worker for a scan; interpretScan puts the reads together.
 */
import { isKeyfobError } from '../errors.ts'
import { classifyQrText } from '../qr/classify-qr-text.ts'
import type { AccountFields } from '../types.ts'
import { decodeMigrationUri } from '../uri/decode-migration-uri.ts'
import type { MigrationBatch } from '../uri/migration-schema.ts'
import { parseOtpauthUri } from '../uri/parse-otpauth-uri.ts'

export type ScannedText =
  | { kind: 'other' }
  | { kind: 'account'; fields: AccountFields }
  | { kind: 'migration'; batch: MigrationBatch }
  | { kind: 'invalid'; message: string }

/** Throws only what is not Keyfob's own error (a bug), as interpretScan did. */
export function readScannedText(text: string): ScannedText {
  const { kind } = classifyQrText(text)
  try {
    if (kind === 'other') return { kind: 'other' }
    if (kind === 'migration') return { kind: 'migration', batch: decodeMigrationUri(text) }
    const { issuerMismatch: _m, weak: _w, ...fields } = parseOtpauthUri(text)
    return { kind: 'account', fields }
  } catch (e) {
    if (!isKeyfobError(e)) throw e
    return { kind: 'invalid', message: e.message }
  }
}
