/**
 * Warnings for the Keyfob metadata a foreign format has no place for. None of
 * it changes a code, so the accounts are still exported; the user is told once
 * per kind, with how many accounts lose it. Timestamps (created, updated, last
 * used) and the account ids are never carried by a foreign format and are not
 * mentioned: the backup format documentation says so instead.
 */
import type { StoredAccount } from '../vault/vault-content.ts'

export type Metadata = 'tags' | 'pinned' | 'sites' | 'image' | 'extra'

const HAS: Readonly<Record<Metadata, (a: StoredAccount) => boolean>> = {
  tags: (a) => a.tags.length > 0,
  pinned: (a) => a.pinned,
  sites: (a) => a.sites.length > 0,
  image: (a) => a.image !== undefined && a.image !== '',
  extra: (a) => a.extra !== undefined && Object.keys(a.extra).length > 0,
}

const WHAT: Readonly<Record<Metadata, string>> = {
  tags: 'tags',
  pinned: 'pins',
  sites: 'bound sites (autofill)',
  image: 'image URLs',
  extra: 'extra otpauth parameters',
}

const ORDER: readonly Metadata[] = ['tags', 'pinned', 'sites', 'image', 'extra']

/** One sentence per kind of metadata in `dropped` that at least one exported account has. */
export function droppedMetadataWarnings(accounts: readonly StoredAccount[], formatName: string, dropped: ReadonlySet<Metadata>): string[] {
  const warnings: string[] = []
  for (const kind of ORDER) {
    if (!dropped.has(kind)) continue
    const count = accounts.filter(HAS[kind]).length
    if (count === 0) continue
    const accountsText = count === 1 ? '1 account has' : `${count} accounts have`
    warnings.push(`${accountsText} ${WHAT[kind]}, which ${formatName} cannot hold; they are not in the export.`)
  }
  return warnings
}
