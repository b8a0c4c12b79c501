/**
 * The sync engine: between the vault and a SyncRemote. One cycle (docs/sync.md, "Engine"):
 *
 *   1. list the folder; check header.json's space id if its version changed; read the record
 *      files whose version changed since seen (read-changed-records.ts);
 *   2. in ONE vault.mutate (apply-cycle.ts): stamp local changes against the shadow, merge, apply
 *      the result to the accounts, and store the new shadow with the ids still to write (pending);
 *   3. seal and write each pending record, conditional on the file version merged (create-only for
 *      a new one), and remove the files of dropped tombstones;
 *   4. one more vault.mutate to note the versions written (pending cleared), and lastSyncAt.
 *
 * Crash order: everything local is stored (step 2) before anything is written remotely, and the
 * remote is never trusted to hold what was not confirmed. A worker stopped before step 2 loses
 * nothing (nothing changed); after it, pending says what to write, and the next cycle writes it;
 * a write done but not noted (stopped before step 4) shows up as a changed file, is read back,
 * equals the shadow, and is not written again. Local edits are stamped once, in step 2, so a
 * retried write never re-stamps an edit with a later clock (which could outvote an edit another
 * device made after seeing it).
 *
 * A write that finds another version (RemoteConflict: another device wrote meanwhile) restarts the
 * cycle from step 1, at most MAX_ATTEMPTS times with growing pauses, then SYNC_CONFLICT; nothing
 * is lost meanwhile (pending is kept). Cycles never overlap: requests made during one are
 * coalesced into one cycle after it.
 */
import type { ErrorCode } from '../../core/errors.ts'
import { isKeyfobError, KeyfobError } from '../../core/errors.ts'
import { parseSyncHeader } from '../../core/sync/parse-sync-header.ts'
import { recordClock } from '../../core/sync/record-clock.ts'
import { encodeRecoveryKey, parseRecoveryKey } from '../../core/sync/recovery-key.ts'
import { sameJson } from '../../core/sync/same-json.ts'
import type { SyncHeader, SyncSpace } from '../../core/sync/sync-format.ts'
import { SYNC_VERSION } from '../../core/sync/sync-format.ts'
import { createSyncHeader, openSyncHeader } from '../../core/sync/sync-header.ts'
import { exportSyncKey, importSyncKey } from '../../core/sync/sync-key.ts'
import { sealRecord } from '../../core/sync/sync-record.ts'
import type { Argon2Params } from '../../core/vault/argon2-params.ts'
import { DEFAULT_ARGON2 } from '../../core/vault/argon2-params.ts'
import type { SyncPlace, SyncSection } from '../../core/vault/vault-content.ts'
import type { VaultService } from '../vault/vault-service.ts'
import type { CycleWork } from './apply-cycle.ts'
import { applyCycle } from './apply-cycle.ts'
import type { RefusedRecordReport } from './read-changed-records.ts'
import { readChangedRecords } from './read-changed-records.ts'
import { HEADER_FILE, recordFile } from './remote-names.ts'
import type { RemoteEntry, SyncRemote } from './sync-remote.ts'
import { RemoteConflict } from './sync-remote.ts'
import { backupDay, writeDailyBackup } from './write-daily-backup.ts'

export interface SyncEngineDeps {
  vault: Pick<VaultService, 'current' | 'mutate'>
  /** The remote for a place (webdav-remote.ts, browser-sync-remote.ts; an in-memory one in tests). */
  remoteFor: (place: SyncPlace) => SyncRemote
  now?: () => number
  /** A new random device id (a UUID); crypto.randomUUID by default. */
  newDeviceId?: () => string
  /** Argon2id for a new header's passphrase slot and for backups: the vault's default unless a test asks for the floor. */
  kdf?: Argon2Params
  /** Pauses between retries after a conflict (tests pass one that does not wait). */
  wait?: (ms: number) => Promise<void>
}

/** Setting sync up: `create` on the first device, the passphrase or the recovery key to join. */
export type ConnectSecret = { create: string } | { passphrase: string } | { recoveryKey: string }

/** What one cycle did. */
export interface SyncReport {
  /** Vault accounts added, changed or removed by what came from other devices. */
  toLocal: number
  /** Records written to the remote. */
  toRemote: number
  /** Remote files of old tombstones removed. */
  removed: number
  /** Local accounts recognised as remote ones when joining (adopt-accounts.ts). */
  adopted: number
  /** Remote records not applied (tampered, swapped, replayed, contradicting). */
  refused: RefusedRecordReport[]
  /** A daily backup that failed (the cycle itself went through), else absent. */
  backupError?: ErrorCode
}

export interface ConnectResult extends SyncReport {
  created: boolean
  /** Only when the space was created: show it once; it is kept only for backups' sake (SyncSection). */
  recoveryKey?: string
  /** Accounts in the vault after the first sync. */
  accounts: number
  /** Why the first sync failed, if it did (sync is connected all the same; status() says so too). */
  firstSyncError?: ErrorCode
}

export interface SyncStatus {
  connected: boolean
  /** The remote's label ("WebDAV at …"), when connected. */
  place: string | null
  lastSyncAt: number | null
  /** The code of the last cycle's failure, null after a success. */
  lastError: ErrorCode | null
  /** What the last successful cycle did, null before one. */
  last: SyncReport | null
  /** What a connect or cycle under way is doing, for the page that waits on it; null when idle. */
  progress: SyncProgress | null
}

/**
 * The step under way: checking the place, deriving the sync key (Argon2id, seconds), or reading
 * then writing records (`done` of `total`, per direction), which is what a first sync of many accounts spends its time on.
 */
export interface SyncProgress {
  step: 'check' | 'key' | 'records'
  done: number
  total: number
}

export interface SyncEngine {
  connect(place: SyncPlace, secret: ConnectSecret): Promise<ConnectResult>
  /** One cycle (coalesced with any pending request); null when not connected. */
  sync(): Promise<SyncReport | null>
  status(): Promise<SyncStatus>
  /** Forgets the sync section; the remote is left as it is (other devices go on). */
  disconnect(): Promise<void>
}

const MAX_ATTEMPTS = 5
/** A quiet cycle stores lastSyncAt at most this often (each vault write replaces the previous generation). */
const LAST_SYNC_STORE_MS = 60 * 60 * 1000

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const now = deps.now ?? Date.now
  const newDeviceId = deps.newDeviceId ?? (() => crypto.randomUUID())
  const kdf = deps.kdf ?? DEFAULT_ARGON2
  const wait = deps.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const { vault, remoteFor } = deps

  let tail: Promise<unknown> = Promise.resolve()
  let queued: Promise<SyncReport | null> | null = null
  let lastError: ErrorCode | null = null
  let last: SyncReport | null = null
  let lastSyncAt: number | null = null
  let progress: SyncProgress | null = null
  const step = (name: SyncProgress['step'], done = 0, total = 0) => void (progress = { step: name, done, total })

  /** Connect, disconnect and cycles run one at a time. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }

  async function section(): Promise<SyncSection | undefined> {
    return (await vault.current()).content.sync
  }

  async function tracked<T extends SyncReport | null>(run: () => Promise<T>): Promise<T> {
    try {
      const report = await run()
      lastError = null
      if (report !== null) last = report
      return report
    } catch (e) {
      lastError = isKeyfobError(e) ? e.code : 'INTERNAL'
      throw e
    }
  }

  async function runCycle(): Promise<SyncReport | null> {
    const start = await section()
    if (start === undefined) return null
    const remote = remoteFor(start.place)
    const { key } = await importSyncKey(start.syncKey)
    const space: SyncSpace = { version: SYNC_VERSION, spaceId: start.spaceId }
    try {
      step('records')
      return await cycleAttempts(remote, key, space)
    } finally {
      progress = null
    }
  }

  async function cycleAttempts(remote: SyncRemote, key: CryptoKey, space: SyncSpace): Promise<SyncReport> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { report, entries } = await attemptCycle(remote, key, space)
        report.backupError = await backUp(remote, entries)
        if (report.backupError === undefined) delete report.backupError
        return report
      } catch (e) {
        if (!(e instanceof RemoteConflict)) throw e
        if (attempt >= MAX_ATTEMPTS) {
          throw new KeyfobError('SYNC_CONFLICT', `Sync gave up after ${attempt} conflicting writes (${e.file}).`, { cause: e })
        }
        // Exponential, with jitter so that two devices retrying do not collide again in step.
        await wait(100 * 2 ** attempt + ((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) % 100))
      }
    }
  }

  async function attemptCycle(
    remote: SyncRemote,
    key: CryptoKey,
    space: SyncSpace,
  ): Promise<{ report: SyncReport; entries: RemoteEntry[] }> {
    const sync = await section()
    if (sync?.spaceId !== space.spaceId) throw new KeyfobError('INTERNAL', 'Sync was disconnected during a sync cycle.')
    const entries = await remote.list()
    const headerEtag = await checkHeader(remote, sync, entries)
    const read = await readChangedRecords(remote, key, space, sync.seen, entries, (done, total) => step('records', done, total))
    const input = {
      spaceId: space.spaceId,
      now: now(),
      headerEtag,
      listed: read.listed,
      fetched: read.fetched,
      refused: new Set(read.refused.map((r) => r.id)),
    }
    // A dry run first: a cycle that changes nothing writes no vault generation.
    const current = (await vault.current()).content
    const draft = structuredClone(current)
    let work: CycleWork = applyCycle(draft, input)
    let after = draft.sync as SyncSection
    if (!sameJson(draft, current)) {
      ;[work, after] = await vault.mutate((content) => [applyCycle(content, input), content.sync as SyncSection] as const)
    }

    const written: { id: string; etag: string }[] = []
    const removed: string[] = []
    try {
      // Space is freed before it is taken, and files that exist are replaced before new ones are
      // made: where storage is full (the browser's sync area), a new account that does not fit
      // must not hold back the removal of old tombstones or an edit of a synced account.
      for (const { id, etag } of work.removals) {
        await remote.remove(recordFile(id), etag)
        removed.push(id)
      }
      const replacesFirst = [...work.writes].sort((x, y) => Number('create' in x.condition) - Number('create' in y.condition))
      for (const { id, condition } of replacesFirst) {
        const record = after.shadow[id]
        if (record === undefined) continue
        step('records', written.length, work.writes.length)
        const sealed = await sealRecord(key, space, record)
        const { etag } = await remote.write(recordFile(id), JSON.stringify(sealed), condition)
        written.push({ id, etag })
      }
    } finally {
      // Progress is noted even when a write failed, so the retry does not redo it.
      await noteWritten(after, written, removed, input.now, work)
    }
    lastSyncAt = input.now
    const refused = [...read.refused, ...work.refused]
    return {
      report: { toLocal: work.toLocal, toRemote: written.length, removed: removed.length, adopted: work.adopted, refused },
      entries,
    }
  }

  /** Step 4: the versions written become seen, their ids no longer pending. */
  async function noteWritten(
    after: SyncSection,
    written: readonly { id: string; etag: string }[],
    removed: readonly string[],
    at: number,
    work: CycleWork,
  ): Promise<void> {
    const complete = written.length === work.writes.length && removed.length === work.removals.length
    const stale = (after.lastSyncAt ?? 0) + LAST_SYNC_STORE_MS <= at
    if (written.length === 0 && removed.length === 0 && !(complete && stale)) return
    await vault.mutate((content) => {
      const sync = content.sync
      if (sync?.spaceId !== after.spaceId) return
      for (const { id, etag } of written) {
        const record = sync.shadow[id]
        // Only if the shadow is still what was sealed (cycles are serial, so it is).
        if (record === undefined || !sameJson(record, after.shadow[id])) continue
        sync.seen[id] = { etag, version: recordClock(record) }
        sync.pending = sync.pending.filter((p) => p !== id)
      }
      for (const id of removed) if (sync.shadow[id] === undefined) delete sync.seen[id]
      if (complete) sync.lastSyncAt = at
    })
  }

  /** header.json must still be this space's: a swapped header (another space) stops sync. */
  async function checkHeader(remote: SyncRemote, sync: SyncSection, entries: readonly RemoteEntry[]): Promise<string> {
    const entry = entries.find((e) => e.name === HEADER_FILE)
    const gone = new KeyfobError('SYNC_HEADER_CORRUPT', 'Sync header: header.json is gone from the sync place; connect again.')
    if (entry === undefined) throw gone
    if (entry.etag === sync.headerEtag) return entry.etag
    const file = await remote.read(HEADER_FILE)
    if (file === null) throw gone
    if (parseHeader(file.text).spaceId !== sync.spaceId) {
      throw new KeyfobError('SYNC_HEADER_CORRUPT', 'Sync header: the sync place now holds another sync space; connect again.')
    }
    return file.etag
  }

  /** A failed backup is reported, never fails the cycle that synced. */
  async function backUp(remote: SyncRemote, entries: readonly RemoteEntry[]): Promise<ErrorCode | undefined> {
    const at = now()
    const day = backupDay(at)
    try {
      const { content } = await vault.current()
      const sync = content.sync
      if (sync?.recoveryKey === undefined || sync.lastBackupDay === day || content.accounts.length === 0) return undefined
      await writeDailyBackup(remote, content, sync.recoveryKey, at, entries, kdf)
      await vault.mutate((c) => {
        if (c.sync?.spaceId === sync.spaceId) c.sync.lastBackupDay = day
      })
      return undefined
    } catch (e) {
      if (e instanceof RemoteConflict) return 'SYNC_CONFLICT'
      return isKeyfobError(e) ? e.code : 'INTERNAL'
    }
  }

  async function connect(place: SyncPlace, secret: ConnectSecret): Promise<ConnectResult> {
    const remote = remoteFor(place)
    step('check')
    await remote.check()
    const existing = await remote.read(HEADER_FILE)
    let header: SyncHeader
    let headerEtag: string
    let rawKey: string
    let recoveryKey: string | undefined
    let created = false
    if ('create' in secret) {
      const exists = new KeyfobError(
        'SYNC_SPACE_EXISTS',
        'This place already holds Keyfob sync data: join it with its passphrase or recovery key.',
      )
      if (existing !== null) throw exists
      step('key')
      const made = await createSyncHeader(secret.create, kdf)
      try {
        headerEtag = (await remote.write(HEADER_FILE, JSON.stringify(made.header), { create: true })).etag
      } catch (e) {
        throw e instanceof RemoteConflict ? exists : e
      }
      header = made.header
      rawKey = exportSyncKey(made.syncKey)
      recoveryKey = made.recoveryKey
      created = true
    } else {
      if (existing === null) throw new KeyfobError('SYNC_NO_SPACE', 'This place holds no Keyfob sync data yet.')
      header = parseHeader(existing.text)
      headerEtag = existing.etag
      step('key')
      rawKey = exportSyncKey(await openSyncHeader(header, secret))
      if ('recoveryKey' in secret) recoveryKey = canonicalRecoveryKey(secret.recoveryKey)
    }
    const sync: SyncSection = {
      place,
      spaceId: header.spaceId,
      syncKey: rawKey,
      deviceId: newDeviceId(),
      headerEtag,
      shadow: {},
      seen: {},
      pending: [],
    }
    if (recoveryKey !== undefined) sync.recoveryKey = recoveryKey
    // Replaces any earlier section: a new space (or a new join) starts from an empty shadow.
    await vault.mutate((content) => void (content.sync = sync))
    // Connected from here on: a first cycle that fails (the network, a conflict) is reported, not
    // thrown, so a new space's recovery key is still shown, and the next cycle picks up.
    let report: SyncReport = { toLocal: 0, toRemote: 0, removed: 0, adopted: 0, refused: [] }
    let firstSyncError: ErrorCode | undefined
    try {
      report = (await runCycle()) ?? report
    } catch (e) {
      firstSyncError = isKeyfobError(e) ? e.code : 'INTERNAL'
    }
    const accounts = (await vault.current()).content.accounts.length
    const result: ConnectResult = { ...report, created, accounts }
    if (created && recoveryKey !== undefined) result.recoveryKey = recoveryKey
    if (firstSyncError !== undefined) result.firstSyncError = firstSyncError
    return result
  }

  return {
    connect: (place, secret) =>
      serial(async () => {
        try {
          const result = await tracked(() => connect(place, secret))
          if (result.firstSyncError !== undefined) lastError = result.firstSyncError
          return result
        } finally {
          progress = null
        }
      }),
    sync() {
      if (queued !== null) return queued
      const run = serial(() => {
        queued = null
        return tracked(runCycle)
      })
      queued = run
      return run
    },
    async status() {
      const sync = await section()
      return {
        connected: sync !== undefined,
        place: sync === undefined ? null : remoteFor(sync.place).label,
        lastSyncAt: Math.max(lastSyncAt ?? 0, sync?.lastSyncAt ?? 0) || null,
        lastError,
        last,
        progress,
      }
    },
    disconnect: () =>
      serial(async () => {
        await vault.mutate((content) => void delete content.sync)
        last = null
        lastError = null
        lastSyncAt = null
      }),
  }
}

function parseHeader(text: string): SyncHeader {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new KeyfobError('SYNC_HEADER_CORRUPT', 'Sync header: header.json is not JSON.', { cause: e })
  }
  return parseSyncHeader(json)
}

/** As shown when created: the form the backups' password is typed back in. */
function canonicalRecoveryKey(text: string): string {
  const bytes = parseRecoveryKey(text)
  try {
    return encodeRecoveryKey(bytes)
  } finally {
    bytes.fill(0)
  }
}
