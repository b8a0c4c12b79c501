/**
 * The Sync page's state: whether sync is connected and how the last cycle went (syncStatus), the
 * connect under way with its progress (syncStatus polled while syncConnect is pending: the engine
 * says which step it is on, and how many records of a first sync are done), the recovery key of a
 * new sync space (shown once), and the words for all of it. The secrets typed stay in the page's
 * form until the person connects; the WebDAV password and the passphrase go to the background only.
 */
import { signal, type ReadonlySignal } from '@preact/signals'
import { isKeyfobError } from '../core/errors.ts'
import type { Client } from '../shared/messaging.ts'
import type { PopupToBackground, SyncConnectSecret, SyncCycleView, SyncStatusView } from '../shared/protocol.ts'
import { syncOriginPattern } from '../shared/sync-permission.ts'

type Translate = (key: string, substitutions?: string | string[]) => string

/** How often the page asks for progress while a connect is pending. */
const PROGRESS_POLL_MS = 500

export interface SyncForm {
  place: 'webdav' | 'browser'
  url: string
  user: string
  password: string
  /** Create a new sync space, or join one with its passphrase or its recovery key. */
  mode: 'create' | 'passphrase' | 'recoveryKey'
  secret: string
}

export interface SyncModelDeps {
  /** Asks the browser for the folder's origin (sync-permission.ts); must run within the click. */
  requestOrigin: (url: string) => Promise<boolean>
  /** A sentence for an error a request threw (errorText). */
  describe: (e: unknown) => string
  translate: Translate
  /** Runs `tick` every `ms` until the returned function is called. */
  every?: (tick: () => void, ms: number) => () => void
}

const interval = (tick: () => void, ms: number) => {
  const timer = setInterval(tick, ms)
  return () => clearInterval(timer)
}

export function createSyncModel(client: Client<PopupToBackground>, deps: SyncModelDeps) {
  const every = deps.every ?? interval
  const t = deps.translate
  const status = signal<SyncStatusView | null>(null)
  /** The vault is locked: the sync requests answer VAULT_LOCKED until it is opened in the popup. */
  const locked = signal(false)
  const busy = signal(false)
  /** The browser's prompt for the folder's origin is open (it waits for the person). */
  const asking = signal(false)
  const progress = signal<SyncStatusView['progress']>(null)
  const error = signal<string | null>(null)
  /** A new space's recovery key, until the person says it is stored. */
  const recoveryKey = signal<string | null>(null)
  /** What a join or a new space did (accounts on this device now), shown once connected. */
  const notice = signal<string | null>(null)

  /** Runs a request; a locked vault shows "Unlock Keyfob to sync" instead of an error. */
  async function attempt(run: () => Promise<void>): Promise<void> {
    busy.value = true
    error.value = null
    try {
      await run()
      locked.value = false
    } catch (e) {
      if (isKeyfobError(e, 'VAULT_LOCKED')) locked.value = true
      else error.value = deps.describe(e)
    } finally {
      busy.value = false
    }
  }

  const load = () => attempt(async () => void (status.value = await client('syncStatus', {})))

  async function connect(form: SyncForm): Promise<void> {
    error.value = null
    notice.value = null
    if (form.place === 'webdav') {
      if (syncOriginPattern(form.url.trim()) === null) {
        error.value = t('syncAddressInvalid')
        return
      }
      // First, within the click: permissions.request needs the person's gesture.
      asking.value = true
      const granted = await deps.requestOrigin(form.url.trim()).finally(() => (asking.value = false))
      if (!granted) {
        error.value = t('syncPermissionRefused')
        return
      }
    }
    const place =
      form.place === 'browser'
        ? ({ kind: 'browser' } as const)
        : ({ kind: 'webdav', url: form.url.trim(), user: form.user, password: form.password } as const)
    const secret: SyncConnectSecret =
      form.mode === 'create'
        ? { create: form.secret }
        : form.mode === 'passphrase'
          ? { passphrase: form.secret }
          : { recoveryKey: form.secret }
    progress.value = null
    const stop = every(() => {
      client('syncStatus', {}).then(
        (s) => void (busy.value && (progress.value = s.progress)),
        () => undefined,
      )
    }, PROGRESS_POLL_MS)
    await attempt(async () => {
      try {
        const result = await client('syncConnect', { place, secret })
        recoveryKey.value = result.recoveryKey
        notice.value = t(result.created ? 'syncCreated' : 'syncJoined', String(result.accounts))
        status.value = await client('syncStatus', {})
      } finally {
        stop()
        progress.value = null
      }
    })
  }

  return {
    status: status as ReadonlySignal<SyncStatusView | null>,
    locked: locked as ReadonlySignal<boolean>,
    busy: busy as ReadonlySignal<boolean>,
    asking: asking as ReadonlySignal<boolean>,
    progress: progress as ReadonlySignal<SyncStatusView['progress']>,
    error: error as ReadonlySignal<string | null>,
    recoveryKey: recoveryKey as ReadonlySignal<string | null>,
    notice: notice as ReadonlySignal<string | null>,
    load,
    connect,
    /** The person stored the recovery key: it leaves the page, and is not shown again. */
    recoveryStored: () => void (recoveryKey.value = null),
    syncNow: () =>
      attempt(async () => {
        notice.value = null
        status.value = await client('syncNow', {})
      }),
    disconnect: () =>
      attempt(async () => {
        notice.value = null
        status.value = await client('syncDisconnect', {})
      }),
  }
}

export type SyncModel = ReturnType<typeof createSyncModel>

/** The step of a connect under way, in words; null before the first answer says which. */
export function progressWords(progress: SyncStatusView['progress'], t: Translate): string {
  if (progress === null) return t('syncConnecting')
  if (progress.step === 'check') return t('syncChecking')
  if (progress.step === 'key') return t('syncDeriving')
  return progress.total === 0 ? t('syncSyncing') : t('syncSyncingCount', [String(progress.done), String(progress.total)])
}

/** What the last cycle did: "3 changes from other devices, 1 sent." (English and German both have one and other). */
export function cycleWords(last: SyncCycleView, t: Translate): string {
  const count = (n: number, one: string, other: string) => (n === 1 ? t(one) : t(other, String(n)))
  const parts = [
    last.toLocal > 0 && count(last.toLocal, 'syncCycleInOne', 'syncCycleIn'),
    last.toRemote > 0 && t('syncCycleOut', String(last.toRemote)),
    last.adopted > 0 && count(last.adopted, 'syncCycleAdoptedOne', 'syncCycleAdopted'),
  ].filter((p): p is string => p !== false)
  return parts.length === 0 ? t('syncCycleNothing') : `${parts.join(', ')}.`
}

/** Records the last cycle refused: they failed their integrity check and were not applied. */
export function refusedWords(last: SyncCycleView, t: Translate): string | null {
  if (last.refused === 0) return null
  return last.refused === 1 ? t('syncRefusedOne') : t('syncRefused', String(last.refused))
}
