/** The sync requests of the extension's pages (the Sync page): status, connect, sync now, disconnect. */
import { KeyfobError } from '../../core/errors.ts'
import type { Handlers, PopupToBackground, SyncConnectView, SyncCycleView, SyncStatusView } from '../../shared/protocol.ts'
import type { ExtensionPageContext } from '../check-sender.ts'
import type { SyncEngine, SyncReport, SyncStatus } from './sync-engine.ts'

export interface SyncHandlerDeps {
  engine: SyncEngine
  /** The periodic sync alarm: set once connected, cleared on disconnect. */
  alarm: { start(): Promise<void>; stop(): Promise<void> }
  /** Whether the browser lets the worker reach the folder (the page asks for its origin first: sync-permission.ts). */
  canReach: (url: string) => Promise<boolean>
}

function cycleView(report: SyncReport): SyncCycleView {
  return {
    toLocal: report.toLocal,
    toRemote: report.toRemote,
    adopted: report.adopted,
    refused: report.refused.length,
    backupError: report.backupError ?? null,
  }
}

function statusView(status: SyncStatus): SyncStatusView {
  return { ...status, last: status.last === null ? null : cycleView(status.last) }
}

export function createSyncHandlers({ engine, alarm, canReach }: SyncHandlerDeps) {
  return {
    syncStatus: async () => statusView(await engine.status()),
    syncConnect: async ({ place, secret }): Promise<SyncConnectView> => {
      if (place.kind === 'webdav' && !(await canReach(place.url))) {
        // Otherwise Firefox's refusal would look like a server that cannot be reached.
        throw new KeyfobError('SYNC_PERMISSION_DENIED', 'The browser has not allowed Keyfob to reach this server.', { field: 'url' })
      }
      const result = await engine.connect(place, secret)
      await alarm.start()
      return {
        created: result.created,
        recoveryKey: result.recoveryKey ?? null,
        accounts: result.accounts,
        firstSyncError: result.firstSyncError ?? null,
        first: cycleView(result),
      }
    },
    syncNow: async () => {
      // A failure is the answer's lastError (and the page shows it), as for a cycle no one asked for.
      await engine.sync().catch(() => null)
      return statusView(await engine.status())
    },
    syncDisconnect: async () => {
      await engine.disconnect()
      await alarm.stop()
      return statusView(await engine.status())
    },
  } satisfies Handlers<Pick<PopupToBackground, 'syncStatus' | 'syncConnect' | 'syncNow' | 'syncDisconnect'>, ExtensionPageContext>
}
