/**
 * Aegis vault JSON (version 1 file, db version 3), plain or password-encrypted,
 * as described in Aegis' docs/vault.md and backup-formats.md, Aegis. Aegis,
 * Ente Auth and 2FAS all import it. Tags become Aegis groups, pins become
 * favourites; the manual order is kept as the order of entries.
 */
import { base32Decode, base32Encode } from '../encoding/base32.ts'
import { KeyfobError } from '../errors.ts'
import { STEAM_DIGITS } from '../types.ts'
import { passwordStrength } from '../vault/password-strength.ts'
import type { StoredAccount, VaultContent } from '../vault/vault-content.ts'
import { aegisLimitations } from './aegis-limitations.ts'
import { encryptAegisDb } from './aegis-encrypt.ts'
import { droppedMetadataWarnings } from './dropped-metadata.ts'
import { accountLabel, accountsInOrder, type SkippedExport, type TextExport } from './export-result.ts'

export interface AegisExportOptions {
  /** Encrypt with this password (Aegis' scrypt password slot); plain JSON when absent. */
  password?: string
}

interface AegisGroup {
  uuid: string
  name: string
}

/** Steam codes always change every 30 s (Aegis `SteamInfo`). */
const STEAM_PERIOD = 30
const DROPPED = new Set(['sites', 'image', 'extra'] as const)

/**
 * Returns the Aegis file's text with the accounts it left out and what it
 * dropped. Throws WEAK_PASSWORD for a password the vault would refuse (the
 * file holds every secret and can be attacked offline), INVALID_PARAMETER for
 * an empty one.
 */
export async function exportAegisJson(content: VaultContent, opts: AegisExportOptions = {}): Promise<TextExport> {
  const { password } = opts
  if (password !== undefined) checkPassword(password)
  const skipped: SkippedExport[] = []
  const exported: StoredAccount[] = []
  accountsInOrder(content).forEach((account, index) => {
    const reason = aegisLimitations(account)
    if (reason === null) exported.push(account)
    else skipped.push({ id: account.id, name: accountLabel(account, index), reason })
  })

  const groups = groupsFor(exported)
  const db = { version: 3, entries: exported.map((a) => entryJson(a, groups)), groups: [...groups.values()] }
  const file =
    password === undefined
      ? { version: 1, header: { slots: null, params: null }, db }
      : { version: 1, ...(await encryptAegisDb(JSON.stringify(db), password)) }
  return {
    text: `${JSON.stringify(file, null, 4)}\n`,
    skipped,
    warnings: droppedMetadataWarnings(exported, 'Aegis', DROPPED),
  }
}

function checkPassword(password: string): void {
  if (password === '') throw new KeyfobError('EXPORT_PASSWORD_REQUIRED', 'An encrypted export needs a password.')
  const strength = passwordStrength(password)
  if (strength.score === 0) throw new KeyfobError('WEAK_PASSWORD', `The export password is too weak (${strength.hint}).`)
}

/** One group per distinct tag, in order of first use, each with a fresh random UUID (Aegis `VaultGroup`). */
function groupsFor(accounts: readonly StoredAccount[]): Map<string, AegisGroup> {
  const groups = new Map<string, AegisGroup>()
  for (const tag of accounts.flatMap((a) => a.tags)) {
    if (!groups.has(tag)) groups.set(tag, { uuid: crypto.randomUUID(), name: tag })
  }
  return groups
}

/** The fields and order of Aegis' `VaultEntry.toJson()`; the entry keeps the account's UUID. */
function entryJson(a: StoredAccount, groups: Map<string, AegisGroup>): Record<string, unknown> {
  return {
    type: a.type,
    uuid: a.id,
    name: a.account,
    issuer: a.issuer,
    note: '',
    favorite: a.pinned,
    icon: null,
    info: infoJson(a),
    groups: [...new Set(a.tags)].map((tag) => groups.get(tag)!.uuid),
  }
}

function infoJson(a: StoredAccount): Record<string, unknown> {
  // Canonical unpadded base32 (Aegis docs/vault.md: "Base32 without padding").
  const secret = base32Encode(base32Decode(a.secret))
  switch (a.type) {
    case 'steam':
      return { secret, algo: 'SHA1', digits: STEAM_DIGITS, period: STEAM_PERIOD }
    case 'hotp':
      // aegisLimitations has kept the counter within Number's exact range.
      return { secret, algo: a.algorithm, digits: a.digits, counter: Number(a.counter) }
    case 'totp':
      return { secret, algo: a.algorithm, digits: a.digits, period: a.period }
    // Aegis holds both PIN-based types (backup-formats.md, Aegis `info.pin`).
    case 'motp':
      return { secret, algo: 'MD5', digits: a.digits, period: a.period, pin: a.pin ?? '' }
    case 'yandex':
      return { secret, algo: 'SHA256', digits: 8, period: 30, pin: a.pin ?? '' }
  }
}
