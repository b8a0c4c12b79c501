/**
 * The export page's state: the format chosen, the export the background made (downloaded as a
 * file, or shown as QR codes one after another), and its error. The passwords typed stay in the
 * page's form until the person asks for the export.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals'
import type { Client } from '../shared/messaging.ts'
import type { ExportFormatId, ExportResult, PopupToBackground } from '../shared/protocol.ts'
import { downloadFile } from './download-file.ts'

export const EXPORT_FORMATS: readonly { id: ExportFormatId; encrypted: boolean }[] = [
  { id: 'keyfob-backup', encrypted: true },
  { id: 'aegis-encrypted', encrypted: true },
  { id: 'aegis-plain', encrypted: false },
  { id: 'otpauth-uri-list', encrypted: false },
  { id: 'google-migration', encrypted: false },
]

interface ExportForm {
  /** Keyfob's own password (asked again before anything leaves). */
  password: string
  /** Protects an encrypted format. */
  filePassword: string
  /** The person read that a plain format holds the keys in clear. */
  acceptPlaintext: boolean
  /** Confirms with a passkey instead of the password: runs the page's WebAuthn ceremony. */
  passkey?: () => Promise<{ credentialId: string; prfOutput: string }>
}

export function createExportModel(client: Client<PopupToBackground>, describe: (e: unknown) => string, download = downloadFile) {
  const hasPassword = signal(true)
  const hasPasskey = signal(false)
  const format = signal<ExportFormatId>('keyfob-backup')
  const busy = signal(false)
  const error = signal<string | null>(null)
  const result = signal<ExportResult | null>(null)
  /** Which QR code of a multi-code export is shown. */
  const page = signal(0)
  const encrypted = computed(() => EXPORT_FORMATS.find((f) => f.id === format.value)?.encrypted ?? false)
  const turn = (delta: number) => {
    page.value = Math.max(0, Math.min((result.value?.qrSvgs.length ?? 1) - 1, page.value + delta))
  }

  return {
    hasPassword: hasPassword as ReadonlySignal<boolean>,
    /** The vault has a passkey, which may confirm instead of the password. */
    hasPasskey: hasPasskey as ReadonlySignal<boolean>,
    format: format as ReadonlySignal<ExportFormatId>,
    encrypted,
    busy: busy as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    result: result as ReadonlySignal<ExportResult | null>,
    page: page as ReadonlySignal<number>,
    /** Whether Keyfob's password is asked (a vault without one exports after the plain warning alone). */
    load: async () => {
      const status = await client('getStatus', {})
      hasPassword.value = status.hasPassword
      hasPasskey.value = status.hasPasskey === true
    },
    choose: (id: ExportFormatId) => void (format.value = id),
    exportVault: async ({ password, filePassword, acceptPlaintext, passkey }: ExportForm) => {
      busy.value = true
      error.value = null
      try {
        const confirmed = passkey ? { passkey: await passkey(), password: '' } : { password }
        const r = await client('exportVault', {
          format: format.value,
          ...confirmed,
          acceptPlaintext,
          ...(encrypted.value ? { exportPassword: filePassword } : {}),
        })
        if (r.fileName && r.text) download(r.fileName, r.text)
        page.value = 0
        result.value = r
      } catch (e) {
        error.value = describe(e)
      } finally {
        busy.value = false
      }
    },
    previous: () => turn(-1),
    next: () => turn(1),
    done: () => void (result.value = null),
  }
}

export type ExportModel = ReturnType<typeof createExportModel>
