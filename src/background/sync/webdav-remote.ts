/**
 * The sync folder on a WebDAV server (RFC 4918): Nextcloud and ownCloud
 * (`https://host/remote.php/dav/files/<user>/<folder>/`), Apache httpd's mod_dav,
 * `rclone serve webdav`, and any server that speaks the same.
 *
 * list is one PROPFIND Depth 1; read a GET; write a PUT with If-None-Match: * (create) or
 * If-Match (replace), RFC 9110 §13.1; remove a DELETE with If-Match. What servers do, measured
 * by this file's tests against real ones:
 *
 * - Apache mod_dav_fs honours If-Match and If-None-Match (412), sends no ETag with a PUT's
 *   answer, and tags a file changed within the last second weakly (W/"…"). Keyfob sends the
 *   strong form; a 412 while the file still carries the same opaque tag, weakly, is that second
 *   passing, not another writer: Keyfob waits and asks again (see entity-tag.ts).
 *   Its checks are not atomic, though: measured on 2.4, two PUTs sent at the same instant with
 *   the same If-Match both succeeded in 6 of 20 tries (If-None-Match: * in 3 of 20; its LOCK
 *   races the same way). Keyfob reads every write back (versionAfterPut): a write overwritten
 *   at once is a conflict; one overwritten after its read-back shows up at the next list() as
 *   a version Keyfob did not write, and the engine merges it then (state-based records, so the
 *   writer's own copy still has its change). A narrower window, not an atomic one.
 * - rclone serve webdav ignores If-Match and If-None-Match entirely (every PUT and DELETE
 *   succeeds) but enforces locks: Keyfob detects this with a probe and writes under a lock
 *   (dav-lock.ts). A server that ignores both is refused: two devices could overwrite each other.
 * - Nextcloud and ownCloud (SabreDAV) honour both and send the new ETag with a PUT's answer
 *   (from their documentation, not measured here).
 *
 * Which scheme a server needs is found once per remote object (check(), or the first write),
 * by writing a probe file with conditions that must fail.
 */
import { KeyfobError } from '../../core/errors.ts'
import { isWeak, parseEntityTag, sameOpaqueTag, strongForm } from '../../core/webdav/entity-tag.ts'
import { parseMultistatus } from '../../core/webdav/parse-multistatus.ts'
import { createDavRequest, type DavRequest, type DavResponse } from './dav-request.ts'
import { lockFile } from './dav-lock.ts'
import { RemoteConflict, type RemoteEntry, type SyncRemote, type WriteCondition } from './sync-remote.ts'
import { webdavFolder } from './webdav-folder.ts'

export interface WebdavRemoteOptions {
  /** The folder's address (https, or http to this computer only). */
  url: string
  user: string
  password: string
  /** The worker passes globalThis.fetch; tests pass Node's. */
  fetch: typeof globalThis.fetch
  /** Per request, body included (default 30 s). */
  timeoutMs?: number
}

/** How writes are made conditional on this server. */
type Scheme = 'if-match' | 'lock'

/** Probe files' names start so; list() leaves them out. */
const PROBE_PREFIX = '.keyfob-probe-'
/** Apache tags a file weakly until its mtime is more than a second old (ap_make_etag). */
const WEAK_WINDOW_MS = 1100
const WEAK_RETRIES = 3
const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getetag/><D:getcontentlength/></D:prop></D:propfind>'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const ok = (r: DavResponse) => r.status >= 200 && r.status < 300

export function createWebdavRemote(options: WebdavRemoteOptions): SyncRemote {
  const folder = webdavFolder(options.url)
  if (options.user === '' || options.user.includes(':')) {
    // RFC 7617 §2: the user-id cannot contain a colon.
    throw new KeyfobError('INVALID_PARAMETER', 'The user name cannot be empty or contain ":".', { field: 'user' })
  }
  const request: DavRequest = createDavRequest({
    user: options.user,
    password: options.password,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
  })
  let scheme: Promise<Scheme> | undefined

  const unexpected = (status: number, what: string) => {
    if (what.startsWith('PUT') && (status === 404 || status === 409)) {
      // RFC 4918 §9.7.1: 409 when the parent collection is missing (Apache); rclone answers 404.
      return new KeyfobError('SYNC_FOLDER_NOT_FOUND', `The sync folder is gone (${status} on ${what}).`)
    }
    // 413 on a PUT: the server's limit on what it stores (nginx's client_max_body_size, a quota).
    if (what.startsWith('PUT') && status === 413)
      return new KeyfobError('SYNC_STORAGE_FULL', `The server refused to store more (413 on ${what}).`)
    if (status === 405 || status === 501)
      return new KeyfobError('SYNC_BAD_RESPONSE', `The server does not allow ${what} (${status}): is this a WebDAV folder?`)
    return new KeyfobError('SYNC_BAD_RESPONSE', `Unexpected ${status} on ${what}.`)
  }

  const versionOf = (r: DavResponse, what: string) => {
    const tag = r.headers.get('etag')
    if (tag === null) throw new KeyfobError('SYNC_BAD_RESPONSE', `The server gave no version (ETag) with ${what}.`)
    return parseEntityTag(tag)
  }

  /**
   * The file's current version, and whether it is an empty placeholder (null: no file). A GET,
   * not a HEAD: Apache's HEAD of an empty file carries no Content-Length, and files are small.
   */
  async function current(name: string): Promise<{ etag: string; empty: boolean } | null> {
    const r = await request('GET', folder.fileUrl(name))
    if (r.status === 404) return null
    if (!ok(r)) throw unexpected(r.status, `GET ${name}`)
    return { etag: versionOf(r, `GET ${name}`), empty: r.body === '' }
  }

  /**
   * The version a PUT created. A strong ETag in the PUT's answer is it (RFC 9110 §9.3.4: only
   * sent when the content was stored unchanged). Without one (Apache), the file is read back:
   * if it holds what was written, its tag is that version. If it holds something else (or is
   * gone), another device wrote meanwhile, or wrote at the same time past a check that was not
   * atomic (Apache, see the top): that is a conflict, for the engine to re-read and merge. A
   * HEAD alone could hand out the other writer's tag as Keyfob's own, and the next write would
   * overwrite their change unmerged.
   */
  async function versionAfterPut(name: string, text: string, put: DavResponse): Promise<string> {
    const tag = put.headers.get('etag')
    if (tag !== null && !isWeak(tag)) return parseEntityTag(tag)
    const r = await request('GET', folder.fileUrl(name))
    if (r.status === 404) throw new RemoteConflict(name)
    if (!ok(r)) throw unexpected(r.status, `GET ${name}`)
    if (r.body !== text) throw new RemoteConflict(name)
    return versionOf(r, `GET ${name}`)
  }

  /** Writes a probe file with conditions that must fail, to learn how this server makes writes conditional. */
  async function probe(): Promise<Scheme> {
    const name = `${PROBE_PREFIX}${crypto.randomUUID()}.txt`
    const url = folder.fileUrl(name)
    const put = (text: string, headers: Record<string, string>) =>
      request('PUT', url, { headers: { 'Content-Type': 'text/plain', ...headers }, body: text })
    const created = await put('probe 1', { 'If-None-Match': '*' })
    if (!ok(created)) throw unexpected(created.status, 'PUT (a test file)')
    try {
      const again = await put('probe 2', { 'If-None-Match': '*' })
      const wrong = await put('probe 3', { 'If-Match': '"keyfob-no-such-version"' })
      const honoured = again.status === 412 && wrong.status === 412
      const back = await request('GET', url)
      const expected = honoured ? 'probe 1' : wrong.status === 412 ? 'probe 2' : 'probe 3'
      if (back.status !== 200 || back.body !== expected) {
        throw new KeyfobError('SYNC_BAD_RESPONSE', `The server did not keep what Keyfob wrote to a test file (${back.status}).`)
      }
      if (honoured) return 'if-match'
      const lock = await lockFile(request, url, unexpected).catch(() => null)
      if (lock) {
        try {
          const intruder = await put('probe 4', {})
          if (intruder.status === 423) return 'lock'
        } finally {
          await lock.release()
        }
      }
      throw new KeyfobError(
        'SYNC_BAD_RESPONSE',
        "The server ignores conditional writes (If-Match, RFC 9110 §13.1) and does not enforce locks, so two devices could overwrite each other's changes. Use another server.",
      )
    } finally {
      await request('DELETE', url).catch(() => undefined)
    }
  }

  function schemeOf(): Promise<Scheme> {
    scheme ??= probe().catch((e: unknown) => {
      scheme = undefined
      throw e
    })
    return scheme
  }

  /**
   * PUT or DELETE with If-Match/If-None-Match: the response, or null for a conflict. A 412 is
   * looked into before it counts as one: Apache's weak second (see the top) is waited out, and
   * an empty placeholder (dav-lock.ts) counts as no file for a create.
   */
  async function conditional(
    method: 'PUT' | 'DELETE',
    name: string,
    condition: WriteCondition,
    text?: string,
  ): Promise<DavResponse | null> {
    let expected = condition
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = 'create' in expected ? { 'If-None-Match': '*' } : { 'If-Match': strongForm(expected.ifMatch) }
      if (text !== undefined) headers['Content-Type'] = 'application/json'
      const r = await request(method, folder.fileUrl(name), { headers, body: text })
      if (ok(r) || (method === 'DELETE' && r.status === 404)) return r
      if (r.status === 423) return null
      if (r.status !== 412) throw unexpected(r.status, `${method} ${name}`)
      if (attempt >= WEAK_RETRIES) return null
      const now = await current(name)
      if (now === null) return method === 'DELETE' ? r : null
      if ('create' in expected) {
        if (!now.empty) return null
        expected = { ifMatch: now.etag }
        continue
      }
      if (!isWeak(now.etag) || !sameOpaqueTag(now.etag, expected.ifMatch)) return null
      await sleep(WEAK_WINDOW_MS)
    }
  }

  async function locked<T>(name: string, condition: WriteCondition, act: (ifHeader: string) => Promise<T>): Promise<T> {
    const url = folder.fileUrl(name)
    const lock = await lockFile(request, url, unexpected)
    if (!lock) throw new RemoteConflict(name)
    try {
      const now = lock.created ? null : await current(name)
      const absent = now === null || now.empty
      const holds = 'create' in condition ? absent : !absent && sameOpaqueTag(now.etag, condition.ifMatch)
      if (!holds) {
        if (lock.created) await request('DELETE', url, { headers: { If: lock.ifHeader } })
        throw new RemoteConflict(name)
      }
      try {
        return await act(lock.ifHeader)
      } catch (e) {
        // Leave no placeholder of this LOCK behind when the write failed.
        if (lock.created) await request('DELETE', url, { headers: { If: lock.ifHeader } }).catch(() => undefined)
        throw e
      }
    } finally {
      await lock.release()
    }
  }

  return {
    label: `WebDAV at ${folder.url.host}`,

    async check() {
      const r = await request('PROPFIND', folder.url.href, {
        headers: { Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' },
        body: PROPFIND_BODY,
      })
      if (r.status === 404) throw new KeyfobError('SYNC_FOLDER_NOT_FOUND', `There is no folder at ${folder.url.pathname}.`)
      if (r.status !== 207) throw unexpected(r.status, 'PROPFIND (the folder)')
      const self = parseMultistatus(r.body).find((res) => folder.nameOf(res.href) === null && res.status === 200)
      if (!self?.collection) throw new KeyfobError('SYNC_FOLDER_NOT_FOUND', `${folder.url.pathname} is not a folder.`)
      scheme = undefined
      await schemeOf()
    },

    async list() {
      const r = await request('PROPFIND', folder.url.href, {
        headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
        body: PROPFIND_BODY,
      })
      if (r.status === 404) throw new KeyfobError('SYNC_FOLDER_NOT_FOUND', `There is no folder at ${folder.url.pathname}.`)
      if (r.status !== 207) throw unexpected(r.status, 'PROPFIND (the folder)')
      const entries: RemoteEntry[] = []
      for (const res of parseMultistatus(r.body)) {
        const name = folder.nameOf(res.href)
        if (name === null || res.status !== 200 || res.collection || res.length === 0 || name.startsWith(PROBE_PREFIX)) continue
        if (res.etag === null) throw new KeyfobError('SYNC_BAD_RESPONSE', `The server lists ${name} without a version (getetag).`)
        entries.push({ name, etag: res.etag })
      }
      return entries
    },

    async read(name) {
      const r = await request('GET', folder.fileUrl(name))
      if (r.status === 404) return null
      if (r.status !== 200) throw unexpected(r.status, `GET ${name}`)
      if (r.body === '') return null // an empty placeholder (dav-lock.ts)
      return { text: r.body, etag: versionOf(r, `GET ${name}`) }
    },

    async write(name, text, condition) {
      if (text === '') throw new KeyfobError('INVALID_PARAMETER', 'A sync file cannot be empty.')
      if ((await schemeOf()) === 'lock') {
        return locked(name, condition, async (ifHeader) => {
          const r = await request('PUT', folder.fileUrl(name), {
            headers: { If: ifHeader, 'Content-Type': 'application/json' },
            body: text,
          })
          // 412 or 423 with the token: the lock was lost (expired), someone else may hold the file now.
          if (r.status === 412 || r.status === 423) throw new RemoteConflict(name)
          if (!ok(r)) throw unexpected(r.status, `PUT ${name}`)
          // Under the lock no one else wrote: the version is the PUT's tag, or the file's now.
          const tag = r.headers.get('etag')
          if (tag !== null) return { etag: parseEntityTag(tag) }
          const now = await current(name)
          if (!now) throw new KeyfobError('SYNC_BAD_RESPONSE', `${name} is missing right after it was written under a lock.`)
          return { etag: now.etag }
        })
      }
      const r = await conditional('PUT', name, condition, text)
      if (!r) throw new RemoteConflict(name)
      return { etag: await versionAfterPut(name, text, r) }
    },

    async remove(name, etag) {
      if ((await schemeOf()) === 'lock') {
        try {
          await locked(name, { ifMatch: etag }, async (ifHeader) => {
            const r = await request('DELETE', folder.fileUrl(name), { headers: { If: ifHeader } })
            if (r.status === 412 || r.status === 423) throw new RemoteConflict(name)
            if (!ok(r) && r.status !== 404) throw unexpected(r.status, `DELETE ${name}`)
          })
        } catch (e) {
          // Already gone (or only a placeholder left): what remove wanted.
          if (!(e instanceof RemoteConflict) || (await current(name).then((c) => c !== null && !c.empty))) throw e
        }
        return
      }
      if (!(await conditional('DELETE', name, { ifMatch: etag }))) throw new RemoteConflict(name)
    },
  }
}
