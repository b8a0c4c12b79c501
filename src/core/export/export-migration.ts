/**
 * Google Authenticator "Transfer accounts" QR codes (`otpauth-migration://`,
 * migration.md), which Google Authenticator, Aegis, Ente, 2FAS and others
 * scan. The payload has no period, T0, Steam type or 7/9/10 digits, so such
 * accounts are left out and listed with the reason (migrationLimitations).
 */
import { isKeyfobError } from '../errors.ts'
import { assertWellFormed } from '../uri/assert-well-formed.ts'
import { encodeMigrationPayloads } from '../uri/encode-migration-payloads.ts'
import type { StoredAccount, VaultContent } from '../vault/vault-content.ts'
import { droppedMetadataWarnings } from './dropped-metadata.ts'
import { accountLabel, accountsInOrder, type SkippedExport } from './export-result.ts'

export interface MigrationQrExport {
  /** One `otpauth-migration://offline?data=…` URI per QR code, to show in order. */
  uris: string[]
  skipped: SkippedExport[]
  warnings: string[]
}

/**
 * Smaller than Google's own batches (10 accounts, ~1000 characters), so each
 * code stays around QR version 17 and scans easily off a laptop screen with a
 * phone camera. A single account longer than this still gets a code of its own.
 */
export const MIGRATION_QR_MAX_ACCOUNTS = 7
export const MIGRATION_QR_MAX_CHARS = 600

const DROPPED = new Set(['tags', 'pinned', 'sites', 'image', 'extra'] as const)

export function exportMigrationQrPayloads(content: VaultContent): MigrationQrExport {
  const ordered = accountsInOrder(content)
  const skipped: SkippedExport[] = []
  const candidates: { account: StoredAccount; index: number }[] = []
  ordered.forEach((account, index) => {
    const broken = brokenName(account)
    if (broken === null) candidates.push({ account, index })
    else skipped.push({ id: account.id, name: accountLabel(account, index), reason: broken })
  })

  const result = encodeMigrationPayloads(
    candidates.map((c) => c.account),
    { skipUnsupported: true, maxAccounts: MIGRATION_QR_MAX_ACCOUNTS, maxBytes: MIGRATION_QR_MAX_CHARS },
  )
  for (const s of result.skipped) {
    const { account, index } = candidates[s.index]!
    skipped.push({ id: account.id, name: accountLabel(account, index), reason: s.reason })
  }
  const left = new Set(skipped.map((s) => s.id))
  const exported = candidates.map((c) => c.account).filter((a) => !left.has(a.id))
  // Report in the vault's order, whichever check left an account out.
  const position = new Map(ordered.map((a, i) => [a.id, i]))
  skipped.sort((a, b) => position.get(a.id)! - position.get(b.id)!)
  return { uris: result.uris, skipped, warnings: droppedMetadataWarnings(exported, 'Google Authenticator', DROPPED) }
}

/**
 * encodeMigrationPayloads refuses a name with an unpaired surrogate outright
 * (it has no UTF-8 form) rather than skipping the account, so check first.
 */
function brokenName(account: StoredAccount): string | null {
  try {
    assertWellFormed(account.issuer, 'issuer')
    assertWellFormed(account.account, 'account name')
    return null
  } catch (e) {
    if (isKeyfobError(e, 'INVALID_PARAMETER')) return e.message
    throw e
  }
}
