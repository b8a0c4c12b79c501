/**
 * The export job, run in the background job worker (job-messages.ts says why): the file's text
 * for each format, and a Google Authenticator migration as QR images (npm `qrcode`), so that
 * neither the exporters, nor scrypt (Aegis), nor the QR encoder load with the service worker.
 * The background has already checked the person's password, the plaintext warning and the
 * file's password (transfer/export-handlers.ts); the content is parsed and validated again here.
 */
import { exportAegisJson, exportKeyfobBackup, exportMigrationQrPayloads, exportUriList } from '../../core/export/index.ts'
import { deserializeContent } from '../../core/vault/content-codec.ts'
import type { ExportJobInput, ExportJobOutput } from '../job-messages.ts'
import { qrSvg } from './qr-svg-job.ts'

const names = (skipped: readonly { name: string; reason: string }[]) => skipped.map((x) => ({ name: x.name, reason: x.reason }))

export async function exportVaultJob({ format, content: text, password }: ExportJobInput): Promise<ExportJobOutput> {
  const { content } = deserializeContent(text)
  switch (format) {
    case 'keyfob-backup':
      return { text: await exportKeyfobBackup(content, password), skipped: [], warnings: [], qrSvgs: [] }
    case 'aegis-encrypted':
    case 'aegis-plain': {
      const r = await exportAegisJson(content, format === 'aegis-encrypted' ? { password } : {})
      return { text: r.text, skipped: names(r.skipped), warnings: r.warnings, qrSvgs: [] }
    }
    case 'otpauth-uri-list': {
      const r = exportUriList(content)
      return { text: r.text, skipped: names(r.skipped), warnings: r.warnings, qrSvgs: [] }
    }
    case 'google-migration': {
      const r = exportMigrationQrPayloads(content)
      const qrSvgs = await Promise.all(r.uris.map(async (text) => (await qrSvg({ text, level: 'L' })).svg))
      return { text: null, skipped: names(r.skipped), warnings: r.warnings, qrSvgs }
    }
  }
}
