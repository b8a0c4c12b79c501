/**
 * Daily backups in the sync place: the encrypted Keyfob backup (docs/backup-format.md) of the
 * accounts, at most one a UTC day, the last BACKUPS_KEPT kept. Sync faithfully copies mistakes too
 * (a deletion reaches every device); a dated backup is a way back from one. The file's password is
 * the recovery key, as shown when sync was set up, so the person can import a backup with what
 * they wrote down, on any device, even with Keyfob's sync gone.
 *
 * Only in a place that holds them (SyncRemote.holdsBackups): a WebDAV folder. The browser's sync
 * area (100 KB, about 33 accounts' records) could not hold ten backups beside the records, and a
 * backup there would only crowd the records out (docs/sync.md, "Browser sync").
 */
import { exportKeyfobBackup } from '../../core/export/export-keyfob-backup.ts'
import type { Argon2Params } from '../../core/vault/argon2-params.ts'
import type { VaultContent } from '../../core/vault/vault-content.ts'
import { backupFile, isBackupFile } from './remote-names.ts'
import type { RemoteEntry, SyncRemote } from './sync-remote.ts'
import { RemoteConflict } from './sync-remote.ts'

export const BACKUPS_KEPT = 10

/** The UTC day of `now`, as backup files are named. */
export function backupDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10)
}

/**
 * Writes today's backup unless the listing shows one (another device may have written it: a
 * create-only write then conflicts, which is as good), then removes all but the newest
 * BACKUPS_KEPT. `entries` is the folder's listing from the cycle just run.
 */
export async function writeDailyBackup(
  remote: SyncRemote,
  content: VaultContent,
  recoveryKey: string,
  now: number,
  entries: readonly RemoteEntry[],
  kdf: Argon2Params,
): Promise<void> {
  if (remote.holdsBackups === false) return
  const name = backupFile(backupDay(now))
  const backups = entries.filter((e) => isBackupFile(e.name))
  if (!backups.some((e) => e.name === name)) {
    // The sync section is left out by the exporter (it writes the accounts only).
    const text = await exportKeyfobBackup({ schemaVersion: content.schemaVersion, accounts: content.accounts }, recoveryKey, { kdf, now })
    try {
      await remote.write(name, text, { create: true })
    } catch (e) {
      if (!(e instanceof RemoteConflict)) throw e
    }
  }
  const names = [...new Set([...backups.map((e) => e.name), name])].sort().reverse()
  for (const old of names.slice(BACKUPS_KEPT)) {
    const entry = backups.find((e) => e.name === old)
    if (entry === undefined) continue
    try {
      await remote.remove(old, entry.etag)
    } catch (e) {
      // Replaced meanwhile by another device: its own pruning will see it.
      if (!(e instanceof RemoteConflict)) throw e
    }
  }
}
