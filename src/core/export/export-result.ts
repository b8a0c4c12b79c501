/**
 * What the lossy exporters return besides their text: the accounts they had to
 * leave out (the format cannot hold them without changing their codes) and
 * warnings about metadata the format has no place for. It mirrors the
 * importers' ImportResult (../import/import-result.ts), so the UI can show both
 * the same way.
 */
import type { StoredAccount, VaultContent } from '../vault/vault-content.ts'

/** One export format Keyfob writes; `exportFileName` and `plaintextWarning` take these. */
export type ExportFormat = 'keyfob-backup' | 'aegis-encrypted' | 'aegis-plain' | 'otpauth-uri-list' | 'google-migration'

/** An account that is not in the export, and why. */
export interface SkippedExport {
  /** The vault id of the account, so the UI can link to it. */
  id: string
  /** What the user would recognise: "Issuer (account)", or "Account N" when nameless. */
  name: string
  reason: string
}

export interface TextExport {
  /** The file's content. */
  text: string
  skipped: SkippedExport[]
  /** Metadata the format cannot carry (bound sites, tags…) and changes to names, once per kind. */
  warnings: string[]
}

/**
 * The accounts in the user's manual order (`order`, lower first; ties keep
 * their place in the array), which is the order every list format writes.
 */
export function accountsInOrder(content: VaultContent): StoredAccount[] {
  return content.accounts
    .map((account, index) => ({ account, index }))
    .sort((a, b) => a.account.order - b.account.order || a.index - b.index)
    .map(({ account }) => account)
}

/** "Issuer (account)", one of the two, or "Account N" (1-based position in the export). */
export function accountLabel(account: Pick<StoredAccount, 'issuer' | 'account'>, index: number): string {
  const issuer = account.issuer.trim()
  const name = account.account.trim()
  const label = issuer && name ? `${issuer} (${name})` : issuer || name
  if (label === '') return `Account ${index + 1}`
  const chars = [...label]
  return chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : label
}
