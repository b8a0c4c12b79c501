/**
 * The sentence to show before a plain export, or null for an encrypted one.
 * A plain export holds every secret in clear: anyone who gets the file (or a
 * photo of the QR codes) can generate all of the user's codes.
 */
import type { ExportFormat } from './export-result.ts'

const WARNINGS: Readonly<Record<ExportFormat, string | null>> = {
  'keyfob-backup': null,
  'aegis-encrypted': null,
  'aegis-plain': 'This file is not encrypted: anyone who gets a copy can generate all of your codes. Import it, then delete it.',
  'otpauth-uri-list': 'This file is not encrypted: anyone who gets a copy can generate all of your codes. Import it, then delete it.',
  'google-migration': 'These QR codes are not encrypted: anyone who sees or photographs them can copy all of these accounts.',
}

export function plaintextWarning(format: ExportFormat): string | null {
  return WARNINGS[format]
}
