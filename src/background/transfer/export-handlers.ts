/**
 * Exports, after the person enters Keyfob's password again. The file's text goes
 * back to the extension's own export page, which hands it to the browser's
 * download mechanism; plaintext formats are refused unless the person
 * acknowledged the warning. Migration exports come back as QR images only.
 */
import QRCode from 'qrcode'
import { KeyfobError } from '../../core/errors.ts'
import {
  exportAegisJson,
  exportFileName,
  exportKeyfobBackup,
  exportMigrationQrPayloads,
  exportUriList,
  plaintextWarning,
} from '../../core/export/index.ts'
import type { ExportResult, Handlers, PopupToBackground } from '../../shared/protocol.ts'
import type { ExtensionPageContext } from '../check-sender.ts'
import type { TransferDeps } from './import-handlers.ts'

export function createExportHandlers(s: TransferDeps) {
  return {
    exportVault: async ({ format, password, exportPassword, acceptPlaintext, passkey }): Promise<ExportResult> => {
      const u = await s.vault.current()
      if (passkey) await s.vault.confirmPasskey(u.envelope, passkey.credentialId, passkey.prfOutput)
      else await s.vault.confirmPassword(u.envelope, password)
      const warning = plaintextWarning(format)
      if (warning && !acceptPlaintext) throw new KeyfobError('PLAINTEXT_NOT_ACCEPTED', warning, { field: 'acceptPlaintext' })
      const fileName = exportFileName(format, new Date(s.now()))
      const encrypted = format === 'keyfob-backup' || format === 'aegis-encrypted'
      const filePassword = exportPassword ?? ''
      if (encrypted && !filePassword) {
        throw new KeyfobError('EXPORT_PASSWORD_REQUIRED', 'Choose a password for the exported file.', { field: 'exportPassword' })
      }
      switch (format) {
        case 'keyfob-backup':
          return { fileName, text: await exportKeyfobBackup(u.content, filePassword), skipped: [], warnings: [], qrSvgs: [] }
        case 'aegis-encrypted':
        case 'aegis-plain': {
          const r = await exportAegisJson(u.content, format === 'aegis-encrypted' ? { password: filePassword } : {})
          return { fileName, ...r, skipped: r.skipped.map((x) => ({ name: x.name, reason: x.reason })), qrSvgs: [] }
        }
        case 'otpauth-uri-list': {
          const r = exportUriList(u.content)
          return { fileName, ...r, skipped: r.skipped.map((x) => ({ name: x.name, reason: x.reason })), qrSvgs: [] }
        }
        case 'google-migration': {
          const r = exportMigrationQrPayloads(u.content)
          const qrSvgs = await Promise.all(r.uris.map((uri) => QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'L' })))
          return {
            fileName: null,
            text: null,
            skipped: r.skipped.map((x) => ({ name: x.name, reason: x.reason })),
            warnings: r.warnings,
            qrSvgs,
          }
        }
      }
    },
  } satisfies Handlers<Pick<PopupToBackground, 'exportVault'>, ExtensionPageContext>
}
