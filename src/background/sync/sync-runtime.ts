/**
 * What sync needs only while it works: the engine, its remotes and the browser area's fit check.
 * index.ts (the triggers, loaded with the worker) imports this on first use: in Chromium's
 * classic worker it is a chunk read from the install-time cache (scripts/classic-service-worker.mjs),
 * so the ~50 KB of sync code is not parsed at every start of a worker that only shows codes (issue #15).
 */
import { isKeyfobError, KeyfobError } from '../../core/errors.ts'
import type { SyncPlace, VaultContent } from '../../core/vault/vault-content.ts'
import { checkVaultFits, tooBigNow } from './browser-area-fit.ts'
import { createBrowserSyncRemote, type BrowserSyncRemote } from './browser-sync-remote.ts'
import type { BrowserSyncDeps, SyncDeps } from './index.ts'
import { createSyncEngine, type SyncEngine } from './sync-engine.ts'
import type { SyncRemote } from './sync-remote.ts'
import { createWebdavRemote } from './webdav-remote.ts'

/** A new remote over a WebDAV folder. */
function webdavRemote(place: Extract<SyncPlace, { kind: 'webdav' }>, fetchFn: typeof globalThis.fetch): SyncRemote {
  return createWebdavRemote({
    url: place.url,
    user: place.user,
    password: place.password,
    // No cookies, no cache: only the folder's credentials, and the server's current files.
    fetch: (input, init) => fetchFn(input, { ...init, credentials: 'omit', cache: 'no-store' }),
  })
}

/**
 * The remote for a place: the one place that knows them all. A WebDAV remote is kept while its
 * place stays the same: it learns once how the server makes writes conditional (its probe,
 * webdav-remote.ts), which would otherwise cost 5 of a change's 8 requests (docs/sync.md, "Cost").
 */
function remotesFor(fetchFn: typeof globalThis.fetch, browserRemote: SyncRemote | null): (place: SyncPlace) => SyncRemote {
  let kept: { key: string; remote: SyncRemote } | null = null
  return (place) => {
    switch (place.kind) {
      case 'webdav': {
        const key = JSON.stringify([place.url, place.user, place.password])
        if (kept?.key !== key) kept = { key, remote: webdavRemote(place, fetchFn) }
        return kept.remote
      }
      case 'browser':
        if (browserRemote === null) {
          throw new KeyfobError('INVALID_PARAMETER', 'This browser offers Keyfob no sync storage.', { field: 'place' })
        }
        return browserRemote
    }
  }
}

/** The one remote over the browser's area; a full area met by a write says how many accounts fit (SYNC_TOO_BIG). */
function browserRemoteOver(browserSync: BrowserSyncDeps, deps: SyncDeps): BrowserSyncRemote {
  const remote = createBrowserSyncRemote({ area: browserSync.area, label: browserSync.label, now: deps.now })
  return {
    ...remote,
    async write(name, text, condition) {
      try {
        return await remote.write(name, text, condition)
      } catch (e) {
        if (!isKeyfobError(e, 'SYNC_STORAGE_FULL')) throw e
        // Locked meanwhile: the area's own refusal, which says it is full.
        const accounts = await deps.vault.current().then(
          (open) => open.content.accounts.length,
          () => null,
        )
        throw accounts === null ? e : await tooBigNow(browserSync.area, accounts, e)
      }
    },
  }
}

export interface SyncRuntime {
  engine: SyncEngine
  /** The one remote over the browser's area, or null without one. */
  browserRemote: BrowserSyncRemote | null
  /** Connect, refused first when the vault would not fit in the browser's area (nothing written then). */
  connect: SyncEngine['connect']
}

/** The engine over `deps`; each content its own mutates write goes into `ownWrites` (the loop guard, index.ts). */
export function createSyncRuntime(deps: SyncDeps, ownWrites: WeakSet<VaultContent>): SyncRuntime {
  const browserRemote = deps.browserSync ? browserRemoteOver(deps.browserSync, deps) : null
  const engine: SyncEngine = createSyncEngine({
    vault: {
      current: () => deps.vault.current(),
      mutate: (change) =>
        deps.vault.mutate((content) => {
          ownWrites.add(content)
          return change(content)
        }),
    },
    remoteFor: remotesFor(deps.fetch, browserRemote),
    now: deps.now,
    ...(deps.kdf ? { kdf: deps.kdf } : {}),
  })
  const connect: SyncEngine['connect'] = async (place, secret) => {
    if (place.kind === 'browser' && deps.browserSync !== undefined) {
      const { content } = await deps.vault.current()
      await checkVaultFits(deps.browserSync.area, content.accounts, !('create' in secret), deps.now())
    }
    return engine.connect(place, secret)
  }
  return { engine, browserRemote, connect }
}
