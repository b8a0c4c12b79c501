/**
 * The sync feature: the engine (sync-engine.ts) over the remote of the place the vault's sync
 * section names, its popup requests (sync-handlers.ts), and when it runs (docs/sync.md):
 *
 * - after every change of the vault while unlocked, debounced (DEBOUNCE_MS) and coalesced;
 * - when the vault is opened: unlocked, or resumed when the worker starts (onStart), unless a
 *   cycle completed in the last minute;
 * - on the periodic alarm SYNC_ALARM, set while connected;
 * - while connected to the browser's sync area: when another device's items arrive there
 *   (storage.onChanged for the sync area, which also reports this device's own writes: those are told apart by
 *   their versions, BrowserSyncRemote.foreign), debounced like a change of the vault.
 *
 * A trigger never throws: a failure lands in the engine's status().lastError.
 *
 * Loop guard: a cycle writes the vault itself (its step 2 and step 4 mutates), and every write
 * calls vault.onChange. Each content object the engine's own mutates produce is remembered (the
 * draft a mutate hands to its change becomes the vault's content), and a change to one of those
 * schedules nothing. Only a change made by someone else schedules a cycle.
 *
 * The browser's sync area (`browserSync`) is handed in by the worker (index.ts passes
 * storage.sync); one remote over it serves every cycle, so its write budget and own-write
 * memory last as long as the worker. Connecting a vault that would not fit there is refused
 * before anything is written (browser-area-fit.ts), and a cycle that finds the area full later
 * (accounts added since) fails with the same SYNC_TOO_BIG; the engine keeps its pending writes.
 */
import type { Argon2Params } from '../../core/vault/argon2-params.ts'
import type { VaultContent } from '../../core/vault/vault-content.ts'
import type { AlarmPort } from '../alarm-port.ts'
import type { VaultService } from '../vault/vault-service.ts'
import type { AreaChange, BrowserSyncArea } from './browser-sync-remote.ts'
import type { SyncEngine, SyncStatus } from './sync-engine.ts'
import { createSyncHandlers } from './sync-handlers.ts'
import type { SyncRuntime } from './sync-runtime.ts'
import { loadOnce } from '../lazy-methods.ts'

export const SYNC_ALARM = 'keyfob-sync'
/** How often the alarm syncs while connected (docs/sync.md). */
export const SYNC_PERIOD_MINUTES = 15
/** How long after a change of the vault a cycle starts; further changes meanwhile join it. */
export const DEBOUNCE_MS = 2000
/** Opening the vault syncs only if no cycle completed this recently. */
const START_QUIET_MS = 60_000

/** The browser's own sync storage, for the place { kind: 'browser' }. */
export interface BrowserSyncDeps {
  /** storage.sync (index.ts); tests pass test/support/chrome-sync-area.ts. */
  area: BrowserSyncArea
  /** What the person is shown: "Chrome sync", "Firefox Sync" (sync-area-label.ts). */
  label: string
  /** Registers a listener for the area's changes (storage.onChanged for the sync area), at the worker's top level. */
  onChanged?: (listener: (changes: Record<string, AreaChange>) => void) => void
}

export interface SyncDeps {
  vault: Pick<VaultService, 'current' | 'mutate' | 'onChange'>
  alarms: AlarmPort
  now: () => number
  /** The worker's fetch, globalThis.fetch; tests pass Node's. */
  fetch: typeof globalThis.fetch
  /** Runs `run` after `ms` (setTimeout); answers how to cancel it. Tests pass one they fire themselves. */
  later?: (run: () => void, ms: number) => () => void
  /** Argon2id for a new space's passphrase slot and for backups (tests pass the floor). */
  kdf?: Argon2Params
  /** Whether the browser lets the worker reach this folder address (permissions.contains); yes by default (tests). */
  canReach?: (url: string) => Promise<boolean>
  /** The browser's sync area; without it, connecting to { kind: 'browser' } is refused. */
  browserSync?: BrowserSyncDeps
}

const setTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms)
  return () => clearTimeout(timer)
}

export function createSync(deps: SyncDeps) {
  const later = deps.later ?? setTimer
  /** Contents written by the engine's own mutates: a change to one of them schedules nothing (the loop guard). */
  const ownWrites = new WeakSet<VaultContent>()
  // The engine and its remotes load on first use (sync-runtime.ts): a worker that only shows codes never parses them.
  // A failed load (an unreadable chunk) is tried again with the next use, not kept for the worker's life.
  let runtime: SyncRuntime | null = null
  const loaded = loadOnce(() => import('./sync-runtime.ts').then((m) => (runtime = m.createSyncRuntime(deps, ownWrites))))
  const engine: SyncEngine = {
    connect: async (place, secret) => (await loaded()).connect(place, secret),
    sync: async () => (await loaded()).engine.sync(),
    status: async () => (await loaded()).engine.status(),
    disconnect: async () => (await loaded()).engine.disconnect(),
  }

  let cancelPending: (() => void) | null = null
  let lastContent: VaultContent | null = null

  /** The last cycle a trigger started, for settled(). */
  let inFlight: Promise<void> = Promise.resolve()

  /** One cycle now (coalesced by the engine), if connected; never throws. */
  function syncNow(): Promise<void> {
    cancelPending?.()
    cancelPending = null
    const run = (async () => {
      try {
        const open = await deps.vault.current()
        if (open.content.sync === undefined) return
        await engine.sync()
      } catch {
        // VAULT_LOCKED: nothing to sync. Any other failure is in engine.status().lastError.
      }
    })()
    inFlight = Promise.all([inFlight, run]).then(() => undefined)
    return run
  }

  /** A cycle DEBOUNCE_MS from now; changes before then join it. */
  function syncSoon(): void {
    cancelPending?.()
    cancelPending = later(() => {
      cancelPending = null
      void syncNow()
    }, DEBOUNCE_MS)
  }

  deps.vault.onChange((unlocked) => {
    const previous = lastContent
    lastContent = unlocked?.content ?? null
    if (unlocked === null) {
      cancelPending?.()
      cancelPending = null
      return
    }
    if (previous === null) {
      // Unlocked, or resumed after a worker restart: the worker starts again for most events, so
      // not when a cycle completed moments ago.
      const sync = unlocked.content.sync
      if (sync !== undefined && !(sync.lastSyncAt !== undefined && deps.now() - sync.lastSyncAt < START_QUIET_MS)) void syncNow()
      return
    }
    // The engine's own writes, and writes that left the content as it was (a new password), schedule nothing.
    if (ownWrites.has(unlocked.content) || unlocked.content === previous) return
    if (unlocked.content.sync === undefined) return
    syncSoon()
  })

  // Another device's items arrived in the browser's area: a cycle soon, if that is where this vault syncs.
  // With the engine loaded, its remote tells them from this device's own writes at once (it forgets each own
  // removal as it is reported); before that, this worker life has written nothing there.
  deps.browserSync?.onChanged?.((changes) => {
    if (runtime !== null && !runtime.browserRemote?.foreign(changes)) return
    const loadedBefore = runtime !== null
    void deps.vault.current().then(
      async (open) => {
        if (open.content.sync?.place.kind !== 'browser') return
        if (loadedBefore || (await loaded()).browserRemote?.foreign(changes)) syncSoon()
      },
      () => undefined, // locked: the next unlock syncs
    )
  })

  const alarm = {
    start: () => deps.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES }),
    stop: () => deps.alarms.clear(SYNC_ALARM).then(() => undefined),
  }

  return {
    engine,
    /**
     * What the popup shows of sync: the engine's status once it is loaded; before that, from the vault
     * (a cycle's error is kept only in the engine's memory, so there is none yet in this worker life).
     */
    async popupStatus(): Promise<Pick<SyncStatus, 'connected' | 'lastSyncAt' | 'lastError'>> {
      if (runtime !== null) return runtime.engine.status()
      const sync = (await deps.vault.current()).content.sync
      return { connected: sync !== undefined, lastSyncAt: sync?.lastSyncAt ?? null, lastError: null }
    },
    handlers: createSyncHandlers({ engine, alarm, canReach: deps.canReach ?? (async () => true) }),
    /**
     * Worker start: resumes the vault if it is unlocked (storage.session), which is an opening
     * like an unlock (above). Whatever request comes first resumes it the same way.
     */
    async onStart(): Promise<void> {
      await deps.vault.current().catch(() => null)
    },
    /** The periodic alarm: a cycle while connected and unlocked; the alarm goes once sync is disconnected. */
    async onAlarm(): Promise<void> {
      try {
        const open = await deps.vault.current()
        if (open.content.sync === undefined) {
          await alarm.stop()
          return
        }
      } catch {
        return // locked: the next unlock syncs
      }
      await syncNow()
    },
    /** Whether a debounced cycle is waiting (tests of the loop guard). */
    pending: () => cancelPending !== null,
    /** Resolves once every cycle a trigger started so far has ended (tests). */
    settled: () => inFlight,
  }
}
