/**
 * The import page's state. The file is parsed and decrypted here, on this
 * extension page (the importers load only here); the background checks every
 * account again and stores the import in one write or not at all.
 */
import { signal } from '@preact/signals'
import { toTransferred, type TransferredAccount } from '../core/accounts/transfer-account.ts'
import { KeyfobError, isKeyfobError } from '../core/errors.ts'
import { importKeyfobBackup, isKeyfobBackupJson } from '../core/export/index.ts'
import { errorFormat, importBackup, type ImportResult } from '../core/import/index.ts'
import type { FormatId } from '../core/import/import-result.ts'
import { checkFileSize, parseJsonBytes } from '../core/import/read-json.ts'
import { t } from '../shared/i18n.ts'
import type { Client } from '../shared/messaging.ts'
import type { PopupToBackground, ScanPanel } from '../shared/protocol.ts'
import { readAsDataUrl } from '../shared/read-as-data-url.ts'

export type Stage = 'choose' | 'password' | 'preview' | 'done'

/** Displayed results: a foreign format, or Keyfob's own backup. */
export type ReadBackup = Omit<ImportResult, 'format' | 'entries'> & {
  format: FormatId | 'keyfob-backup'
  entries: (ImportResult['entries'][number] & { sites?: string[] })[]
}

/** Keyfob's own encrypted backup, restored with everything it holds (order, counters, tags, sites); null for other files. */
async function restoreKeyfobBackup(bytes: Uint8Array, password: string | undefined): Promise<ReadBackup | null> {
  checkFileSize(bytes) // before any parsing, the bound every importer applies
  let json: unknown
  try {
    json = parseJsonBytes(bytes) // with the importers' depth bound
  } catch {
    return null
  }
  if (!isKeyfobBackupJson(json)) return null
  let accounts
  try {
    ;({ accounts } = await importKeyfobBackup(bytes, password))
  } catch (e) {
    // Name the format, as the other importers do, so the password prompt says whose backup this is.
    if (isKeyfobError(e, 'PASSWORD_REQUIRED') || isKeyfobError(e, 'WRONG_PASSWORD')) throw new KeyfobError(e.code, e.message, { cause: { format: 'keyfob-backup' } })
    throw e
  }
  const entries = [...accounts].sort((a, b) => a.order - b.order)
  return { format: 'keyfob-backup', entries, skipped: [], warnings: [] }
}

export function createImportModel(client: Client<PopupToBackground>, describe: (e: unknown) => string) {
  const stage = signal<Stage>('choose')
  const error = signal<string | null>(null)
  const busy = signal(false)
  const format = signal<FormatId | 'keyfob-backup' | null>(null)
  const result = signal<ReadBackup | null>(null)
  const status = signal<('new' | 'duplicate')[]>([])
  const added = signal(0)
  /** An image of a Google Authenticator export QR code, decoded in the background (never here). */
  const scan = signal<ScanPanel | null>(null)
  let bytes: Uint8Array | null = null
  let fileName: string | undefined
  let accounts: TransferredAccount[] = []

  async function attempt(password?: string): Promise<void> {
    if (!bytes) return
    busy.value = true
    error.value = null
    try {
      const r = (await restoreKeyfobBackup(bytes, password)) ?? (await importBackup(bytes, { password, fileName }))
      accounts = r.entries.map((e) => toTransferred(e))
      const dry = await client('importAccounts', { accounts, dryRun: true })
      result.value = r
      format.value = r.format
      status.value = dry.status
      stage.value = 'preview'
    } catch (e) {
      if (isKeyfobError(e, 'PASSWORD_REQUIRED') || isKeyfobError(e, 'WRONG_PASSWORD')) {
        format.value = errorFormat(e) ?? (isKeyfobError(e) && (e.cause as { format?: string } | undefined)?.format === 'keyfob-backup' ? 'keyfob-backup' : null)
        stage.value = 'password'
        if (password !== undefined) error.value = describe(e)
      } else {
        error.value = describe(e)
      }
    } finally {
      busy.value = false
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
    stage, error, busy, format, result, status, added, scan,
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
