/**
 * The import page's state. The file is parsed and decrypted here, on this
 * extension page (the importers load only here); the background checks every
 * account again and stores the import in one write or not at all.
 */
import { signal } from '@preact/signals'
import { toTransferred, type TransferredAccount } from '../core/accounts/transfer-account.ts'
import { isKeyfobError } from '../core/errors.ts'
import { errorFormat, importBackup, type ImportResult } from '../core/import/index.ts'
import type { FormatId } from '../core/import/import-result.ts'
import type { Client } from '../shared/messaging.ts'
import type { PopupToBackground } from '../shared/protocol.ts'

export type Stage = 'choose' | 'password' | 'preview' | 'done'

export function createImportModel(client: Client<PopupToBackground>, describe: (e: unknown) => string) {
  const stage = signal<Stage>('choose')
  const error = signal<string | null>(null)
  const busy = signal(false)
  const format = signal<FormatId | null>(null)
  const result = signal<ImportResult | null>(null)
  const status = signal<('new' | 'duplicate')[]>([])
  const added = signal(0)
  let bytes: Uint8Array | null = null
  let fileName: string | undefined
  let accounts: TransferredAccount[] = []

  async function attempt(password?: string): Promise<void> {
    if (!bytes) return
    busy.value = true
    error.value = null
    try {
      const r = await importBackup(bytes, { password, fileName })
      accounts = r.entries.map((e) => toTransferred(e))
      const dry = await client('importAccounts', { accounts, dryRun: true })
      result.value = r
      format.value = r.format
      status.value = dry.status
      stage.value = 'preview'
    } catch (e) {
      if (isKeyfobError(e, 'PASSWORD_REQUIRED') || isKeyfobError(e, 'WRONG_PASSWORD')) {
        format.value = errorFormat(e) ?? null
        stage.value = 'password'
        if (password !== undefined) error.value = describe(e)
      } else {
        error.value = describe(e)
      }
    } finally {
      busy.value = false
    }
  }

  return {
    stage, error, busy, format, result, status, added,
    readFile: async (file: File) => {
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
        added.value = (await client('importAccounts', { accounts, dryRun: false })).added
        stage.value = 'done'
      } catch (e) {
        error.value = describe(e)
      } finally {
        busy.value = false
      }
    },
    reset: () => {
      bytes = null
      accounts = []
      result.value = null
      error.value = null
      stage.value = 'choose'
    },
  }
}

export type ImportModel = ReturnType<typeof createImportModel>
