/**
 * Content schema migrations: an ordered list of pure functions, each taking the
 * decrypted JSON of schema version `from` to `from + 1`. Opening a vault runs
 * every step from its schemaVersion up to CURRENT_SCHEMA_VERSION, in order, on
 * the raw JSON (an old vault does not match today's types), and only then
 * validates the result against today's shape.
 *
 * To change the content shape: bump CURRENT_SCHEMA_VERSION, append a step whose
 * `from` is the previous version, and update parse-stored-account.ts. Never edit
 * or remove a released step; vaults written by that release still exist.
 */
import { KeyfobError } from '../errors.ts'

/** The content schema version this code writes. */
export const CURRENT_SCHEMA_VERSION = 1

export type ContentJson = Record<string, unknown>

export interface Migration {
  /** The schema version this step reads; it produces `from + 1`. */
  readonly from: number
  /** Pure: returns new JSON and must not mutate its argument. */
  readonly migrate: (content: ContentJson) => ContentJson
}

/** Version 1 is the first released schema, so there is nothing to migrate yet. */
export const MIGRATIONS: readonly Migration[] = []

export interface MigrationPlan {
  readonly migrations: readonly Migration[]
  readonly currentVersion: number
}

export const DEFAULT_MIGRATION_PLAN: MigrationPlan = {
  migrations: MIGRATIONS,
  currentVersion: CURRENT_SCHEMA_VERSION,
}

export interface MigrationResult {
  readonly content: ContentJson
  /** The schema version the vault had, or null when it was already current. */
  readonly migratedFrom: number | null
}

/**
 * Brings decrypted content JSON up to `plan.currentVersion`. Throws VAULT_TOO_NEW
 * for content written by a later Keyfob, VAULT_CORRUPT for a version no step
 * starts from, and INTERNAL when the plan itself is out of order.
 */
export function migrateContent(content: ContentJson, plan: MigrationPlan = DEFAULT_MIGRATION_PLAN): MigrationResult {
  const { migrations, currentVersion } = plan
  checkPlan(plan)
  const version = content['schemaVersion']
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new KeyfobError('VAULT_CORRUPT', 'Vault content: schemaVersion must be a non-negative integer.')
  }
  if (version > currentVersion) {
    throw new KeyfobError(
      'VAULT_TOO_NEW',
      `The vault content has schema version ${version}; this version of Keyfob reads up to ${currentVersion}.`,
    )
  }
  if (version === currentVersion) return { content, migratedFrom: null }
  const first = migrations[0]?.from ?? currentVersion
  if (version < first) {
    throw new KeyfobError('VAULT_CORRUPT', `Vault content: no migration starts from schema version ${version}.`)
  }
  // structuredClone makes every step pure even if one forgets to copy.
  let current = structuredClone(content)
  for (const step of migrations.slice(version - first)) {
    current = { ...step.migrate(current), schemaVersion: step.from + 1 }
  }
  return { content: current, migratedFrom: version }
}

/** Steps must be consecutive (v, v+1, …) and end at currentVersion − 1. */
function checkPlan({ migrations, currentVersion }: MigrationPlan): void {
  const first = migrations[0]?.from ?? currentVersion
  migrations.forEach((step, i) => {
    if (step.from !== first + i) {
      throw new KeyfobError('INTERNAL', `Vault migrations are out of order at index ${i} (from ${step.from}).`)
    }
  })
  if (first + migrations.length !== currentVersion) {
    throw new KeyfobError('INTERNAL', `Vault migrations do not end at schema version ${currentVersion}.`)
  }
}
