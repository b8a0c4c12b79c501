/**
 * Download names for exports, dated with the user's local calendar day. The
 * Aegis names follow Aegis' own (`aegis-export-plain-YYYYMMDD…`), which people
 * and Aegis' import dialog recognise; Keyfob's own use ISO dates.
 */
import type { ExportFormat } from './export-result.ts'

export function exportFileName(format: ExportFormat, date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0')
  const m = String(date.getMonth() + 1).padStart(2, '0')
  const d = String(date.getDate()).padStart(2, '0')
  switch (format) {
    case 'keyfob-backup':
      return `keyfob-backup-${y}-${m}-${d}.json`
    case 'aegis-encrypted':
      return `aegis-export-${y}${m}${d}.json`
    case 'aegis-plain':
      return `aegis-export-plain-${y}${m}${d}.json`
    case 'otpauth-uri-list':
      return `keyfob-otpauth-uris-${y}-${m}-${d}.txt`
    case 'google-migration':
      // The migration URIs as text, one per QR code: Keyfob and Aegis import such a file.
      return `keyfob-google-authenticator-${y}-${m}-${d}.txt`
  }
}
