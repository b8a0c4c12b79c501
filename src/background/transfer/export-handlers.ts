/**
 * Exports, after the person enters Keyfob's password again. The file's text goes
 * back to the extension's own export page, which hands it to the browser's
 * download mechanism; plaintext formats are refused unless the person
 * acknowledged the warning. Migration exports come back as QR images only.
 * The checks are made here; the file itself is made in the background job worker
 * (off-thread-post.ts), so that the exporters, scrypt and the QR encoder are not
 * part of the service worker's start-up script (issue #15).
 */
import { KeyfobError } from '../../core/errors.ts'
// Not through core/export/index.ts: the background must not share a module with the export job's chunk (its exporters).
import { exportFileName } from '../../core/export/export-file-name.ts'
import { plaintextWarning } from '../../core/export/plaintext-warning.ts'
import { serializeContent } from '../../core/vault/content-codec.ts'
import type { ExportResult, Handlers, PopupToBackground } from '../../shared/protocol.ts'
import { jobsVia, type JobRunner } from '../../shared/qr-worker-client.ts'
import type { ExtensionPageContext } from '../check-sender.ts'
import { offThreadPost } from '../off-thread-post.ts'
import type { TransferDeps } from './import-handlers.ts'

export function createExportHandlers(s: TransferDeps, runJob: JobRunner = jobsVia(offThreadPost())) {
  return {
    exportVault: async ({ format, password, exportPassword, acceptPlaintext, passkey }): Promise<ExportResult> => {
      const u = await s.vault.current()
      if (passkey) await s.vault.confirmPasskey(u.envelope, passkey.credentialId, passkey.prfOutput)
      else await s.vault.confirmPassword(u.envelope, password)
      const warning = plaintextWarning(format)
      if (warning && !acceptPlaintext) throw new KeyfobError('PLAINTEXT_NOT_ACCEPTED', warning, { field: 'acceptPlaintext' })
      const encrypted = format === 'keyfob-backup' || format === 'aegis-encrypted'
      const filePassword = exportPassword ?? ''
      if (encrypted && !filePassword) {
        throw new KeyfobError('EXPORT_PASSWORD_REQUIRED', 'Choose a password for the exported file.', { field: 'exportPassword' })
      }
      const file = await runJob('exportVault', { format, content: serializeContent(u.content), password: filePassword })
      return { fileName: format === 'google-migration' ? null : exportFileName(format, new Date(s.now())), ...file }
    },
  } satisfies Handlers<Pick<PopupToBackground, 'exportVault'>, ExtensionPageContext>
}
