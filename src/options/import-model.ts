/**
 * The import page's state. The file is parsed and decrypted in this page's
 * worker (import-runner.ts: the importers load only there), so a slow key
 * derivation never freezes the page: it shows "Deriving the key…" with an
 * estimate and can be cancelled. The background checks every account again
 * and stores the import in one write or not at all.
 */
import { signal } from '@preact/signals'
import { toTransferred, type TransferredAccount } from '../core/accounts/transfer-account.ts'
import { isKeyfobError } from '../core/errors.ts'
import { errorFormat } from '../core/import/password.ts'
import type { FormatId } from '../core/import/import-result.ts'
import { t } from '../shared/i18n.ts'
import type { Client } from '../shared/messaging.ts'
import type { PopupToBackground, ScanPanel } from '../shared/protocol.ts'
import { readAsDataUrl } from '../shared/read-as-data-url.ts'
import { Cancelled, createWorkerRunner, type ImportRunner } from './import-runner.ts'
import type { ReadBackup } from './read-backup.ts'

export type Stage = 'choose' | 'password' | 'preview' | 'done'

export function createImportModel(
  client: Client<PopupToBackground>,
  describe: (e: unknown) => string,
  runner: ImportRunner = createWorkerRunner(),
) {
  const stage = signal<Stage>('choose')
  const error = signal<string | null>(null)
  const busy = signal(false)
  const format = signal<FormatId | 'keyfob-backup' | null>(null)
  const result = signal<ReadBackup | null>(null)
  const status = signal<('new' | 'duplicate')[]>([])
  const added = signal(0)
  /** While a key derivation runs: its estimated seconds. */
  const deriving = signal<number | null>(null)
  /** Says that a run was stopped. */
  const notice = signal<string | null>(null)
  /** An image of a Google Authenticator export QR code, decoded in the background (never here). */
  const scan = signal<ScanPanel | null>(null)
  let bytes: Uint8Array | null = null
  let fileName: string | undefined
  let accounts: TransferredAccount[] = []

  async function attempt(password?: string): Promise<void> {
    if (!bytes) return
    busy.value = true
    error.value = null
    notice.value = null
    try {
      const r = await runner.run({ bytes, password, fileName }, (seconds) => (deriving.value = seconds))
      accounts = r.entries.map((e) => toTransferred(e))
      const dry = await client('importAccounts', { accounts, dryRun: true })
      result.value = r
      format.value = r.format
      status.value = dry.status
      stage.value = 'preview'
    } catch (e) {
      if (e instanceof Cancelled) {
        notice.value = t('importCancelled')
      } else if (isKeyfobError(e, 'PASSWORD_REQUIRED') || isKeyfobError(e, 'WRONG_PASSWORD')) {
        format.value =
          errorFormat(e) ??
          (isKeyfobError(e) && (e.cause as { format?: string } | undefined)?.format === 'keyfob-backup' ? 'keyfob-backup' : null)
        stage.value = 'password'
        if (password !== undefined) error.value = describe(e)
      } else {
        error.value = describe(e)
      }
    } finally {
      busy.value = false
      deriving.value = null
    }
  }

  async function readImage(file: File): Promise<void> {
    busy.value = true
    error.value = null
    try {
      const panel = await client('scanImage', { dataUrl: await readAsDataUrl(file) })
      scan.value = panel
      if (panel.state === 'found' || panel.state === 'locked') stage.value = 'preview'
      else if (panel.message) error.value = t(panel.message.key, panel.message.values) // a part of a multi-QR export, not a setup code, unreadable…
    } catch (e) {
      error.value = describe(e)
    } finally {
      busy.value = false
    }
  }

  return {
    stage,
    error,
    busy,
    format,
    result,
    status,
    added,
    scan,
    deriving,
    notice,
    /** Stops the file being read (a key derivation in progress): nothing is imported. */
    cancel: () => runner.cancel(),
    readFile: async (file: File) => {
      if (file.type.startsWith('image/')) return readImage(file)
      fileName = file.name
      bytes = new Uint8Array(await file.arrayBuffer())
      await attempt()
    },
    readText: async (text: string) => {
      fileName = undefined
      bytes = new TextEncoder().encode(text)
      await attempt()
    },
    decrypt: (password: string) => attempt(password),
    confirm: async () => {
      busy.value = true
      error.value = null
      try {
        const pendingScan = scan.value
        added.value = pendingScan
          ? (await client('confirmPendingScan', { scanId: pendingScan.scanId })).items.filter((i) => !i.duplicate).length
          : (await client('importAccounts', { accounts, dryRun: false })).added
        stage.value = 'done'
      } catch (e) {
        error.value = describe(e)
      } finally {
        busy.value = false
      }
    },
    reset: () => {
      runner.cancel()
      notice.value = null
      scan.value = null
      bytes = null
      accounts = []
      result.value = null
      error.value = null
      stage.value = 'choose'
    },
  }
}

export type ImportModel = ReturnType<typeof createImportModel>
