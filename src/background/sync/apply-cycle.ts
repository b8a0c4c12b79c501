/**
 * The local half of a sync cycle, run inside one vault.mutate: the vault's accounts turned into
 * records (only what changed since the shadow is stamped), merged with what was read from the
 * remote, the result applied to the accounts, and the sync section updated with the new shadow
 * and what is left to write. Synchronous and given everything it needs, so the accounts and the
 * shadow change in one vault write (a worker stopped at any moment leaves both or neither), and no
 * edit the person makes meanwhile can slip between reading the vault and writing it back.
 */
import { KeyfobError } from '../../core/errors.ts'
import { toAccountState, toDeletedState, toStoredAccount } from '../../core/sync/account-state.ts'
import { receiveHlc, tickHlc } from '../../core/sync/hlc.ts'
import { collectGarbage } from '../../core/sync/merge-account.ts'
import { mergeRecords } from '../../core/sync/merge-records.ts'
import { recordClock } from '../../core/sync/record-clock.ts'
import { sameJson } from '../../core/sync/same-json.ts'
import type { AccountState, Hlc, SyncRecord } from '../../core/sync/sync-state.ts'
import { isTombstone } from '../../core/sync/sync-state.ts'
import type { StoredAccount, VaultContent } from '../../core/vault/vault-content.ts'
import { adoptAccounts } from './adopt-accounts.ts'
import type { FetchedRecord, RefusedRecordReport } from './read-changed-records.ts'
import type { WriteCondition } from './sync-remote.ts'

export interface CycleInput {
  /** The space this cycle read: if the section changed meanwhile (disconnect, another space), nothing is applied. */
  spaceId: string
  now: number
  /** header.json's version, its space id checked. */
  headerEtag: string
  /** Record id → its file's version on the remote now. */
  listed: ReadonlyMap<string, string>
  /** Records whose file changed since last seen, opened. */
  fetched: ReadonlyMap<string, FetchedRecord>
  /** Ids whose file was refused when read: neither applied nor overwritten. */
  refused: ReadonlySet<string>
}

export interface CycleWork {
  /** Records to upload, each conditional on the file version that was merged. */
  writes: { id: string; condition: WriteCondition }[]
  /** Files of records no longer kept (tombstones past their time), at the version seen. */
  removals: { id: string; etag: string }[]
  /** Vault accounts added, changed or removed. */
  toLocal: number
  /** Local accounts mapped onto remote ones at join (adopt-accounts.ts). */
  adopted: number
  /** Remote records the merge refused. */
  refused: RefusedRecordReport[]
}

export function applyCycle(content: VaultContent, input: CycleInput): CycleWork {
  const sync = content.sync
  if (sync?.spaceId !== input.spaceId) {
    throw new KeyfobError('INTERNAL', 'Sync was disconnected or moved during a sync cycle.')
  }
  const { now } = input
  const device = sync.deviceId
  let clock: Hlc | undefined = sync.clock
  // Received first: every local change below is then stamped after everything read.
  for (const { record } of input.fetched.values()) clock = receiveHlc(clock, recordClock(record), now, device)

  // What the remote holds as far as this device knows: a file not changed since seen holds the
  // shadow, unless the shadow is still waiting to be written (pending); then it is unknown.
  const pending = new Set(sync.pending)
  const remote = new Map<string, SyncRecord>()
  for (const [id, etag] of input.listed) {
    if (input.refused.has(id)) continue
    const fetched = input.fetched.get(id)
    const shadow = sync.shadow[id]
    if (fetched !== undefined) remote.set(id, fetched.record)
    else if (shadow !== undefined && sync.seen[id]?.etag === etag && !pending.has(id)) remote.set(id, shadow)
  }

  const base = new Map<string, AccountState>()
  for (const [id, record] of Object.entries(sync.shadow)) if (!isTombstone(record)) base.set(id, record)
  let adopted = 0
  // A device that has synced nothing yet is joining: see adopt-accounts.ts.
  if (Object.keys(sync.shadow).length === 0 && remote.size > 0) {
    const adoption = adoptAccounts(content.accounts, remote)
    content.accounts = adoption.accounts
    for (const [id, state] of adoption.base) base.set(id, state)
    adopted = adoption.adopted
  }

  const local = new Map<string, SyncRecord>(Object.entries(sync.shadow))
  const inVault = new Set<string>()
  for (const account of content.accounts) {
    inVault.add(account.id)
    const previous = base.get(account.id)
    const next = tickHlc(clock, now, device)
    const state = toAccountState(account, previous, next)
    if (previous !== undefined && sameJson(state, previous)) {
      local.set(account.id, previous)
    } else {
      clock = next
      local.set(account.id, state)
      // updatedAt is derived from the clocks on every device (toStoredAccount), here too.
      account.updatedAt = toStoredAccount(state, account)?.updatedAt ?? account.updatedAt
    }
  }
  for (const [id, previous] of Object.entries(sync.shadow)) {
    // Synced and live here before, gone from the vault now: deleted on this device.
    if (inVault.has(id) || isTombstone(previous) || previous.deleted.value) continue
    clock = tickHlc(clock, now, device)
    local.set(id, toDeletedState(previous, clock))
  }

  const merge = mergeRecords(local, remote, { now })
  const blocked = new Set([...input.refused, ...merge.refused.map((r) => r.id)])
  const kept = collectGarbage(merge.records, now).records
  const toLocal = applyToVault(content, merge.toLocal, merge.records)

  const seen = { ...sync.seen }
  // A record the merge refused stays unseen: read again next cycle (a clock too far ahead now may be
  // near enough then), and never taken for the shadow's copy, so never written over.
  const mergeRefused = new Set(merge.refused.map((r) => r.id))
  for (const [id, fetched] of input.fetched) {
    if (!mergeRefused.has(id)) seen[id] = { etag: fetched.etag, version: fetched.version }
  }
  for (const id of Object.keys(seen)) if (!input.listed.has(id) && !kept.has(id)) delete seen[id]
  const nextPending: string[] = []
  for (const [id, record] of kept) {
    const known = remote.get(id)
    if (known === undefined || !sameJson(record, known)) nextPending.push(id)
  }
  nextPending.sort()
  content.sync = { ...sync, headerEtag: input.headerEtag, shadow: Object.fromEntries(kept), seen, pending: nextPending }
  if (clock !== undefined) content.sync.clock = clock

  const writes = nextPending
    .filter((id) => !blocked.has(id))
    .map((id) => {
      const etag = input.listed.get(id)
      return { id, condition: etag === undefined ? { create: true as const } : { ifMatch: etag } }
    })
  const removals = [...input.listed].filter(([id]) => !kept.has(id) && !blocked.has(id)).map(([id, etag]) => ({ id, etag }))
  const refused = merge.refused.map((r): RefusedRecordReport => ({ id: r.id, code: 'SYNC_RECORD_REJECTED', message: r.error.message }))
  return { writes, removals, toLocal, adopted, refused }
}

/** Upserts or removes the vault accounts whose merged record differs; returns how many changed. */
function applyToVault(content: VaultContent, ids: readonly string[], records: ReadonlyMap<string, SyncRecord>): number {
  const index = new Map(content.accounts.map((a, i) => [a.id, i]))
  const removed = new Set<string>()
  let changed = 0
  for (const id of ids) {
    const record = records.get(id)
    if (record === undefined) continue
    const at = index.get(id)
    const current = at === undefined ? undefined : content.accounts[at]
    const stored = isTombstone(record) ? undefined : toStoredAccount(record, current)
    if (stored === undefined) {
      if (current !== undefined) {
        removed.add(id)
        changed++
      }
      continue
    }
    // A code once shown is never shown again (RFC 4226 §7.2), whatever the merge says.
    if (current !== undefined && current.counter > stored.counter) stored.counter = current.counter
    if (at === undefined) {
      index.set(id, content.accounts.length)
      content.accounts.push(stored)
    } else {
      content.accounts[at] = stored
    }
    if (current === undefined || !sameAccount(current, stored)) changed++
  }
  if (removed.size > 0) content.accounts = content.accounts.filter((a) => !removed.has(a.id))
  return changed
}

/** updatedAt is derived from the clocks, so it alone changing is not a change the person would see. */
function sameAccount(a: StoredAccount, b: StoredAccount): boolean {
  return sameJson({ ...a, updatedAt: 0 }, { ...b, updatedAt: 0 })
}
