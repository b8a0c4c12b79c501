/**
 * VaultContent ↔ JSON text, with strict validation both ways. Writing runs the
 * very validator that reading runs, so Keyfob can never store content that it
 * would later refuse to open: bad content is refused at write time with
 * INVALID_PARAMETER; content that fails on read is VAULT_CORRUPT.
 */
import type { ErrorCode } from '../errors.ts'
import { KeyfobError } from '../errors.ts'
import type { ContentJson, MigrationPlan } from './migrations.ts'
import { DEFAULT_MIGRATION_PLAN, migrateContent } from './migrations.ts'
import { parseStoredAccount, storedAccountToJson } from './parse-stored-account.ts'
import { parseSyncSection } from './parse-sync-section.ts'
import type { Fail } from './shape.ts'
import { expectArray, expectKeys, expectRecord, isRecord } from './shape.ts'
import type { StoredAccount, VaultContent, VaultSettings } from './vault-content.ts'

export interface DecodedContent {
  readonly content: VaultContent
  /** The schema version read when a migration ran, else null: the caller should re-seal. */
  readonly migratedFrom: number | null
}

/** JSON text of `content`, which must be valid and at the current schema version. */
export function serializeContent(content: VaultContent, plan: MigrationPlan = DEFAULT_MIGRATION_PLAN): string {
  const fail = failWith('INVALID_PARAMETER')
  if (content.schemaVersion !== plan.currentVersion) {
    fail(`schemaVersion must be ${plan.currentVersion}, the version this code writes.`)
  }
  const json: ContentJson = {
    schemaVersion: content.schemaVersion,
    // Guards keep untyped callers' mistakes a validation error, not a TypeError.
    accounts: Array.isArray(content.accounts)
      ? content.accounts.map((a: unknown) => (isRecord(a) ? storedAccountToJson(a as unknown as StoredAccount) : a))
      : content.accounts,
  }
  if (content.settings !== undefined) json['settings'] = content.settings
  // Plain JSON already (no bigint): the validator below refuses anything else.
  if (content.sync !== undefined) json['sync'] = content.sync
  parseContentJson(json, plan.currentVersion, fail)
  return JSON.stringify(json)
}

/** Parses decrypted JSON text, migrates it to the current schema, then validates it. */
export function deserializeContent(text: string, plan: MigrationPlan = DEFAULT_MIGRATION_PLAN): DecodedContent {
  const fail = failWith('VAULT_CORRUPT')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    throw new KeyfobError('VAULT_CORRUPT', 'Vault content is not valid JSON.', { cause: e })
  }
  const { content, migratedFrom } = migrateContent(expectRecord(parsed, 'the content', fail), plan)
  return { content: parseContentJson(content, plan.currentVersion, fail), migratedFrom }
}

function parseContentJson(json: ContentJson, version: number, fail: Fail): VaultContent {
  expectKeys(json, 'the content', ['schemaVersion', 'accounts'], ['settings', 'sync'], fail)
  if (json['schemaVersion'] !== version) fail(`schemaVersion must be ${version}.`)
  const accounts = expectArray(json['accounts'], 'accounts', fail).map((a, i) => parseStoredAccount(a, `accounts[${i}]`, fail))
  const ids = new Set<string>()
  for (const a of accounts) {
    if (ids.has(a.id)) fail(`account id ${a.id} appears twice.`)
    ids.add(a.id)
  }
  const content: VaultContent = { schemaVersion: version, accounts }
  if (json['settings'] !== undefined) content.settings = parseSettings(json['settings'], fail)
  if (json['sync'] !== undefined) content.sync = parseSyncSection(json['sync'], fail)
  return content
}

function parseSettings(value: unknown, fail: Fail): VaultSettings {
  const o = expectRecord(value, 'settings', fail)
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => {
      const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
      if (!ok) fail(`settings.${k} must be a string, a finite number or a boolean.`)
      return [k, v]
    }),
  )
}

function failWith(code: ErrorCode): Fail {
  return (message) => {
    throw new KeyfobError(code, `Vault content: ${message}`)
  }
}
