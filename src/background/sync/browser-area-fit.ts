/**
 * Whether a vault fits in the browser's sync area, asked before anything is written there: the
 * issue's "when the vault will not fit, say how many accounts fit and point to WebDAV". The
 * answer is SYNC_TOO_BIG with $1 = how many accounts fit and $2 = how many there are, whose
 * sentence points to a WebDAV folder (_locales error_SYNC_TOO_BIG).
 *
 * Each account is measured as the cycle will write it: its state sealed (core/sync/sync-record.ts,
 * padded to its bucket) under a throw-away key, laid out as items (sync-area-items.ts fileBytes).
 * The size of a sealed record does not depend on the key, the space or the clock's value, only
 * on the padded plaintext's bucket. The header is not made yet when a space is created (its
 * Argon2 slot takes seconds): HEADER_BYTES_BOUND stands for it, above what a real one costs
 * (browser-area-fit.test.ts measures one).
 *
 * Joining counts what the area already holds plus every local account as a new record. An
 * account that turns out to be one of the space's (adopt-accounts.ts) is then counted twice:
 * the check errs towards refusing, never towards a cycle that fails half-way.
 */
import { KeyfobError } from '../../core/errors.ts'
import { toAccountState } from '../../core/sync/account-state.ts'
import { SYNC_VERSION, type SyncSpace } from '../../core/sync/sync-format.ts'
import { newSyncKey } from '../../core/sync/sync-key.ts'
import { sealRecord } from '../../core/sync/sync-record.ts'
import type { StoredAccount } from '../../core/vault/vault-content.ts'
import { accountsThatFit } from './accounts-that-fit.ts'
import type { BrowserSyncArea } from './browser-sync-remote.ts'
import { HEADER_FILE, recordFile, recordIdOf } from './remote-names.ts'
import {
  CHROME_SYNC_LIMITS,
  fileBytes,
  indexKey,
  itemBytes,
  nameOfKey,
  newVersion,
  planFile,
  type SyncAreaLimits,
} from './sync-area-items.ts'

/** What header.json may cost in the area: a real one costs about 600 bytes (measured in the test). */
export const HEADER_BYTES_BOUND = 1024

/** A sealed record of the smallest bucket (2 KiB of plaintext), as accounts-that-fit.ts measures it. */
const USUAL_RECORD_BYTES = 3056

type Limits = Pick<SyncAreaLimits, 'QUOTA_BYTES' | 'MAX_ITEMS'>

function limitsOf(area: BrowserSyncArea): Limits {
  const pick = (v: number | undefined, fallback: number) => (typeof v === 'number' && v > 0 ? v : fallback)
  return {
    QUOTA_BYTES: pick(area.QUOTA_BYTES, CHROME_SYNC_LIMITS.QUOTA_BYTES),
    MAX_ITEMS: pick(area.MAX_ITEMS, CHROME_SYNC_LIMITS.MAX_ITEMS),
  }
}

function tooBig(fit: number, total: number, cause?: unknown): KeyfobError {
  return new KeyfobError(
    'SYNC_TOO_BIG',
    `Only ${fit} of ${total} accounts fit in the browser's sync storage: use a WebDAV folder for this vault.`,
    { values: [String(fit), String(total)], ...(cause === undefined ? {} : { cause }) },
  )
}

/** What each account's record will cost in the area (bytes, items). */
async function recordCosts(accounts: readonly StoredAccount[], now: number): Promise<{ bytes: number[]; items: number }> {
  const { key } = await newSyncKey()
  const space: SyncSpace = { version: SYNC_VERSION, spaceId: crypto.randomUUID() }
  const clock = { wall: now, count: 0, device: crypto.randomUUID() }
  const bytes: number[] = []
  let items = 0
  for (const account of accounts) {
    const name = recordFile(account.id)
    const text = JSON.stringify(await sealRecord(key, space, toAccountState(account, undefined, clock)))
    bytes.push(fileBytes(name, text))
    items += Object.keys(planFile(name, text, newVersion(now)).chunks).length + 1
  }
  return { bytes, items }
}

/**
 * Throws SYNC_TOO_BIG when `accounts` (the vault's) would not fit in `area`: beside a new header
 * (`joining` false), or beside what the area holds (`joining`). Reads the area; writes nothing.
 */
export async function checkVaultFits(
  area: BrowserSyncArea,
  accounts: readonly StoredAccount[],
  joining: boolean,
  now: number,
): Promise<void> {
  if (accounts.length === 0) return
  const limits = limitsOf(area)
  const { bytes, items } = await recordCosts(accounts, now)
  const held = joining ? await area.get(null) : {}
  const used = joining ? await area.getBytesInUse(null) : HEADER_BYTES_BOUND
  const heldRecords = Object.keys(held).filter((k) => recordIdOf(nameOfKey(k) ?? '') !== null).length
  const needed = used + bytes.reduce((a, b) => a + b, 0)
  const count = (joining ? Object.keys(held).length : 1) + items
  if (needed <= limits.QUOTA_BYTES && count <= limits.MAX_ITEMS) return
  const header =
    joining && held[indexKey(HEADER_FILE)] !== undefined
      ? itemBytes(indexKey(HEADER_FILE), held[indexKey(HEADER_FILE)])
      : HEADER_BYTES_BOUND
  const mean = Math.ceil(bytes.reduce((a, b) => a + b, 0) / bytes.length)
  throw tooBig(accountsThatFit(mean, header, limits), accounts.length + heldRecords)
}

/**
 * A full area met by a cycle (an account added since connecting) as SYNC_TOO_BIG: how many of
 * the vault's `accounts` fit, by the records the area holds now. `cause` is the remote's
 * SYNC_STORAGE_FULL.
 */
export async function tooBigNow(area: BrowserSyncArea, accounts: number, cause: unknown): Promise<KeyfobError> {
  const held: Record<string, unknown> = await area.get(null).catch(() => ({}))
  let header = HEADER_BYTES_BOUND
  let largest = USUAL_RECORD_BYTES
  for (const [key, value] of Object.entries(held)) {
    const name = nameOfKey(key)
    if (name === HEADER_FILE) header = itemBytes(key, value)
    else if (name !== null && recordIdOf(name) !== null) largest = Math.max(largest, itemBytes(key, value))
  }
  return tooBig(accountsThatFit(largest, header, limitsOf(area)), accounts, cause)
}
