/**
 * Compare-and-swap through a WebDAV write lock (RFC 4918 §6, §9.10), for servers that ignore
 * If-Match and If-None-Match. Measured: `rclone serve webdav` (1.60, golang.org/x/net/webdav)
 * answers 201 to a PUT whatever its If-Match or If-None-Match says, and deletes whatever a
 * DELETE's If-Match says, but it enforces locks: a PUT or DELETE without the lock's token
 * gets 423 Locked, from every client.
 *
 * So: lock the file (an exclusive lock, Depth 0, a short timeout), read its version, compare
 * it here, write or delete with the token (the `If: (<token>)` header, §10.4), unlock. While
 * the lock is held no one else can change the file, so the comparison still holds when the
 * write lands. A lock already held by another device is a conflict (retry later).
 *
 * A LOCK on a name that does not exist creates an empty file (§7.3) and answers 201: that
 * tells Keyfob the file was absent. An empty file left by a device that stopped mid-write (its
 * lock times out, the file stays) counts as absent everywhere (Keyfob never writes an empty
 * file): list() and read() skip it, and a create may replace it.
 */
import { KeyfobError } from '../../core/errors.ts'
import type { DavRequest } from './dav-request.ts'

export interface HeldLock {
  /** The LOCK created the (empty) file: it did not exist before. */
  created: boolean
  /** The If header that lets a request through the lock. */
  ifHeader: string
  release(): Promise<void>
}

const LOCK_INFO =
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>' +
  '<D:owner>Keyfob</D:owner></D:lockinfo>'

/** Locks `url`, or answers null when another client holds a lock on it (423). */
export async function lockFile(
  request: DavRequest,
  url: string,
  unexpected: (status: number, what: string) => Error,
): Promise<HeldLock | null> {
  const r = await request('LOCK', url, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', Depth: '0', Timeout: 'Second-60' },
    body: LOCK_INFO,
  })
  if (r.status === 423) return null
  if (r.status !== 200 && r.status !== 201) throw unexpected(r.status, 'LOCK')
  // Lock-Token: Coded-URL (§10.5), e.g. <opaquelocktoken:…> (Apache) or <1796480769> (rclone).
  const token = /^\s*<([^<>\s]+)>\s*$/.exec(r.headers.get('lock-token') ?? '')?.[1]
  if (token === undefined) throw new KeyfobError('SYNC_BAD_RESPONSE', 'The server granted a lock without a lock token.')
  return {
    created: r.status === 201,
    ifHeader: `(<${token}>)`,
    // A lock left behind expires after its timeout; an UNLOCK that fails only shortens nothing.
    release: () =>
      request('UNLOCK', url, { headers: { 'Lock-Token': `<${token}>` } }).then(
        () => undefined,
        () => undefined,
      ),
  }
}
