/**
 * A place sync writes to, as the sync engine sees it: a flat folder of small text files, each
 * read and written whole, every write conditional on what was read (optimistic concurrency, as
 * WebDAV's If-Match/If-None-Match give it: RFC 4918 §10.4, RFC 9110 §13.1). Two places
 * implement it: a WebDAV folder (webdav-remote.ts) and the browser's own sync storage area
 * (browser-sync-remote.ts). Everything written here is already encrypted (core/sync): a remote
 * never sees a secret, a name or an account's settings.
 *
 * Names are plain file names: `header.json`, `r-<record id>.json`, `backup-<date>.json`.
 * Failures are KeyfobErrors with the sync codes of core/errors.ts (SYNC_AUTH_REFUSED,
 * SYNC_UNREACHABLE, SYNC_FOLDER_NOT_FOUND, SYNC_STORAGE_FULL, SYNC_BAD_RESPONSE…); a write
 * whose condition failed is a RemoteConflict, for the engine to re-read, merge and retry; a
 * place that limits how often it may be written (the browser's sync area) answers RemoteBusy
 * before it writes anything, for the engine to keep its changes and try again later.
 */
import { KeyfobError } from '../../core/errors.ts'

/** A file's name and its version tag (an HTTP ETag, or the remote's own equivalent). */
export interface RemoteEntry {
  name: string
  etag: string
}

/** What a write requires of the file's current version. */
export type WriteCondition =
  /** Create only: no file of that name exists (If-None-Match: *). */
  | { create: true }
  /** Replace only the version that was read (If-Match: etag). */
  | { ifMatch: string }

export interface SyncRemote {
  /** A readable description for the person ("WebDAV at cloud.example.com", "Chrome sync"). */
  readonly label: string
  /**
   * False where the daily backups must not go (write-daily-backup.ts): the browser's sync area,
   * whose 100 KB hold the records and not ten copies of them besides. Held by default (WebDAV).
   */
  readonly holdsBackups?: boolean
  /** Checks the place can be read and written (at connect time): throws the specific failure otherwise. */
  check(): Promise<void>
  /** Every file and its version, in one request where the place allows it. */
  list(): Promise<RemoteEntry[]>
  /** A file's text and version, or null when there is none. */
  read(name: string): Promise<{ text: string; etag: string } | null>
  /** Writes a whole file if `condition` holds, and answers its new version; RemoteConflict when it does not. */
  write(name: string, text: string, condition: WriteCondition): Promise<{ etag: string }>
  /** Removes a file if it is still at version `etag` (RemoteConflict otherwise; a file already gone is no error). */
  remove(name: string, etag: string): Promise<void>
}

/** A conditional write or remove found another version there: someone wrote meanwhile. */
export class RemoteConflict extends Error {
  override readonly name = 'RemoteConflict'
  constructor(readonly file: string) {
    super(`${file} was changed by another device meanwhile.`)
  }
}

/**
 * The place refused to be written now (a rate limit: the browser's sync area allows so many
 * writes a minute and an hour), and nothing of this write was made. Its code is
 * SYNC_UNREACHABLE ("Keyfob tries again later; your changes are kept"), so a caller that does
 * not know this class still keeps its pending changes and retries; one that does waits
 * `retryAfterMs` first.
 */
export class RemoteBusy extends KeyfobError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super('SYNC_UNREACHABLE', message)
  }
}
