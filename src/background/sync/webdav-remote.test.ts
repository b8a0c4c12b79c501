/**
 * The WebDAV remote's contract, against real servers on loopback (Apache httpd's mod_dav and
 * rclone serve webdav, test/support/webdav-servers.ts), and its failures through a proxy
 * that breaks chosen requests (test/support/fault-proxy.ts). The files on the server's disk
 * are checked directly: what Keyfob reports must be what the server stored.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeyfobError, type ErrorCode } from '../../core/errors.ts'
import { sameOpaqueTag } from '../../core/webdav/entity-tag.ts'
import { startFaultProxy, type FaultProxy } from '../../../test/support/fault-proxy.ts'
import { apache, rclone, type WebdavServer } from '../../../test/support/webdav-servers.ts'
import { RemoteConflict, type SyncRemote } from './sync-remote.ts'
import { createWebdavRemote } from './webdav-remote.ts'

const SLOW = 60_000

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (e) {
    return e
  }
  throw new Error('expected a failure, but it succeeded')
}

async function code(promise: Promise<unknown>): Promise<ErrorCode> {
  const e = await failure(promise)
  if (!(e instanceof KeyfobError)) throw e
  return e.code
}

let folders = 0

describe.each([apache, rclone])('$name', (kind) => {
  describe.skipIf(kind.missing !== null)(`contract${kind.missing ? ` (skipped: ${kind.missing})` : ''}`, () => {
    let server: WebdavServer
    beforeAll(async () => {
      server = await kind.start()
    }, SLOW)
    afterAll(() => server?.stop(), SLOW)

    /** A new, empty folder on the server, and a remote ("a device") on it. */
    function freshFolder(): { dir: string; url: string; device: () => SyncRemote } {
      const name = `keyfob-${++folders}`
      const dir = join(server.root, name)
      mkdirSync(dir)
      const url = `${server.origin}/${name}/`
      return { dir, url, device: () => createWebdavRemote({ url, user: server.user, password: server.password, fetch }) }
    }

    it(
      'checks a folder, and leaves no test file behind',
      async () => {
        const { dir, device } = freshFolder()
        await device().check()
        expect(readdirSync(dir)).toEqual([])
      },
      SLOW,
    )

    it(
      'says which check failed: no folder, a file instead of a folder, a wrong password',
      async () => {
        const { dir, url } = freshFolder()
        writeFileSync(join(dir, 'plain.txt'), 'x')
        const at = (u: string, password = server.password) => createWebdavRemote({ url: u, user: server.user, password, fetch })
        expect(await code(at(`${server.origin}/no-such-folder/`).check())).toBe('SYNC_FOLDER_NOT_FOUND')
        // Apache answers a PROPFIND of "plain.txt/" with 400; rclone lists the file (not a collection).
        expect(await code(at(`${url}plain.txt`).check())).toBe(kind === apache ? 'SYNC_BAD_RESPONSE' : 'SYNC_FOLDER_NOT_FOUND')
        expect(await code(at(url, 'wrong').check())).toBe('SYNC_AUTH_REFUSED')
        expect(await code(at(`${server.origin}/no-such-folder/`).list())).toBe('SYNC_FOLDER_NOT_FOUND')
        expect(await code(at(`${server.origin}/no-such-folder/`).write('a.json', 'x', { create: true }))).toBe('SYNC_FOLDER_NOT_FOUND')
      },
      SLOW,
    )

    it(
      'creates, reads, lists, replaces and removes a file, each conditional',
      async () => {
        const { dir, device } = freshFolder()
        const remote = device()
        expect(await remote.list()).toEqual([])
        expect(await remote.read('header.json')).toBeNull()

        const first = await remote.write('header.json', '{"v":1}', { create: true })
        expect(readFileSync(join(dir, 'header.json'), 'utf8')).toBe('{"v":1}')
        const read = await remote.read('header.json')
        expect(read?.text).toBe('{"v":1}')
        expect(sameOpaqueTag(read?.etag ?? '', first.etag)).toBe(true)
        const listed = await remote.list()
        expect(listed.map((e) => e.name)).toEqual(['header.json'])
        expect(sameOpaqueTag(listed[0]?.etag ?? '', first.etag)).toBe(true)

        // Replaced at once, while Apache still tags the file weakly (the weak second).
        const second = await remote.write('header.json', '{"v":2}', { ifMatch: first.etag })
        expect(sameOpaqueTag(second.etag, first.etag)).toBe(false)
        expect(readFileSync(join(dir, 'header.json'), 'utf8')).toBe('{"v":2}')

        await expect(remote.write('header.json', '{"v":3}', { ifMatch: first.etag })).rejects.toBeInstanceOf(RemoteConflict)
        await expect(remote.write('header.json', '{"v":3}', { create: true })).rejects.toBeInstanceOf(RemoteConflict)
        await expect(remote.remove('header.json', first.etag)).rejects.toBeInstanceOf(RemoteConflict)
        expect(readFileSync(join(dir, 'header.json'), 'utf8')).toBe('{"v":2}')

        await remote.remove('header.json', second.etag)
        expect(existsSync(join(dir, 'header.json'))).toBe(false)
        expect(await remote.read('header.json')).toBeNull()
        await remote.remove('header.json', second.etag) // already gone: no error
        await expect(remote.write('header.json', '{"v":4}', { ifMatch: second.etag })).rejects.toBeInstanceOf(RemoteConflict)
        expect(existsSync(join(dir, 'header.json'))).toBe(false)
        expect(readdirSync(dir)).toEqual([])
      },
      SLOW,
    )

    /**
     * Two devices write at the same instant on the version both read. rclone (under a lock)
     * lets exactly one through. Apache's checks are not atomic (webdav-remote.ts): both may
     * succeed, but then no write is lost unseen: every write that reported success either is
     * on the disk, or the folder now lists a version other than the one it reported, which
     * the writer will see at its next list() and merge.
     */
    async function race(dir: string, name: string, writes: (() => Promise<{ etag: string }>)[], texts: string[], lister: SyncRemote) {
      const results = await Promise.allSettled(writes.map((w) => w()))
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ text: texts[i], etag: r.value.etag }] : []))
      const lost = results.flatMap((r): unknown[] => (r.status === 'rejected' ? [r.reason] : []))
      for (const e of lost) expect(e).toBeInstanceOf(RemoteConflict)
      if (kind === rclone) expect(won).toHaveLength(1)
      expect(won.length).toBeGreaterThan(0)
      const stored = readFileSync(join(dir, name), 'utf8')
      expect(texts).toContain(stored)
      const listed = (await lister.list()).find((e) => e.name === name)?.etag ?? ''
      for (const w of won) expect(w.text === stored || !sameOpaqueTag(listed, w.etag)).toBe(true)
      return { won, stored }
    }

    it(
      'lets one of two devices replace the version both read, and loses no write unseen',
      async () => {
        const { dir, device } = freshFolder()
        const a = device()
        const b = device()
        const { etag } = await a.write('r-1.json', 'from a', { create: true })
        await b.check()
        for (let round = 0; round < 3; round++) {
          const base = (await a.read('r-1.json'))?.etag ?? ''
          await race(
            dir,
            'r-1.json',
            [() => a.write('r-1.json', `a ${round}`, { ifMatch: base }), () => b.write('r-1.json', `b ${round}`, { ifMatch: base })],
            [`a ${round}`, `b ${round}`],
            a,
          )
        }
        // A stale version never wins, however late.
        await expect(b.write('r-1.json', 'stale', { ifMatch: etag })).rejects.toBeInstanceOf(RemoteConflict)
        const now = await b.read('r-1.json')
        expect(now?.text).toMatch(/^[ab] 2$/)
        await b.write('r-1.json', 'merged', { ifMatch: now?.etag ?? '' })
        expect(readFileSync(join(dir, 'r-1.json'), 'utf8')).toBe('merged')
      },
      SLOW,
    )

    it(
      'lets one of two devices create a file, and loses no write unseen',
      async () => {
        const { dir, device } = freshFolder()
        const a = device()
        const b = device()
        await Promise.all([a.check(), b.check()])
        for (let round = 0; round < 3; round++) {
          const name = `header-${round}.json`
          await race(
            dir,
            name,
            [() => a.write(name, 'one', { create: true }), () => b.write(name, 'two', { create: true })],
            ['one', 'two'],
            a,
          )
        }
      },
      SLOW,
    )

    it(
      'encodes names with special characters, and refuses names that are not one file',
      async () => {
        const { dir, device } = freshFolder()
        const remote = device()
        const names = ['r-a b.json', 'r-#?%&+;=@ü€.json', "r-(it's).json"]
        for (const name of names) await remote.write(name, name, { create: true })
        expect((await remote.list()).map((e) => e.name).sort()).toEqual([...names].sort())
        expect(readdirSync(dir).sort()).toEqual([...names].sort())
        for (const name of names) expect((await remote.read(name))?.text).toBe(name)
        for (const name of ['', '.', '..', 'a/b.json', 'a\\b.json']) {
          expect(await code(remote.write(name, 'x', { create: true }))).toBe('INVALID_PARAMETER')
        }
      },
      SLOW,
    )

    it(
      'stores and lists a 100 KB file whole',
      async () => {
        const { dir, device } = freshFolder()
        const remote = device()
        const text = randomBytes(75_000).toString('base64')
        expect(text.length).toBe(100_000)
        const { etag } = await remote.write('backup-2026-12-05.json', text, { create: true })
        expect(readFileSync(join(dir, 'backup-2026-12-05.json'), 'utf8')).toBe(text)
        expect((await remote.read('backup-2026-12-05.json'))?.text).toBe(text)
        const listed = await remote.list()
        expect(listed).toHaveLength(1)
        expect(sameOpaqueTag(listed[0]?.etag ?? '', etag)).toBe(true)
      },
      SLOW,
    )

    it(
      'lists only files directly in the folder, not folders, empty placeholders or test files',
      async () => {
        const { dir, device } = freshFolder()
        mkdirSync(join(dir, 'sub'))
        writeFileSync(join(dir, 'sub', 'deep.json'), 'x')
        writeFileSync(join(dir, 'empty.json'), '')
        writeFileSync(join(dir, '.keyfob-probe-left.txt'), 'x')
        writeFileSync(join(dir, 'r-2.json'), 'y')
        const remote = device()
        expect((await remote.list()).map((e) => e.name)).toEqual(['r-2.json'])
        expect(await remote.read('empty.json')).toBeNull()
        // An empty placeholder counts as absent: a create replaces it.
        await remote.write('empty.json', 'now', { create: true })
        expect(readFileSync(join(dir, 'empty.json'), 'utf8')).toBe('now')
      },
      SLOW,
    )

    describe('through a proxy that breaks requests', () => {
      let proxy: FaultProxy
      let other: { origin: string; seen: IncomingMessage[]; close: () => Promise<void> }
      beforeAll(async () => {
        proxy = await startFaultProxy(server.origin)
        const seen: IncomingMessage[] = []
        const s = createServer((req, res) => {
          seen.push(req)
          res.end('stolen')
        })
        await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
        const port = (s.address() as { port: number }).port
        other = { origin: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => s.close(() => r())) }
      }, SLOW)
      afterAll(async () => {
        await proxy?.close()
        await other?.close()
      })

      async function proxied(timeoutMs = 30_000) {
        proxy.clear()
        proxy.seen.length = 0
        const { dir, url } = freshFolder()
        const remote = createWebdavRemote({
          url: url.replace(server.origin, proxy.origin),
          user: server.user,
          password: server.password,
          fetch,
          timeoutMs,
        })
        await remote.check() // learns the server's scheme before any fault
        return { dir, remote }
      }

      it.each([
        [401, 'PROPFIND', 'SYNC_AUTH_REFUSED'],
        [403, 'PUT', 'SYNC_AUTH_REFUSED'],
        [404, 'PROPFIND', 'SYNC_FOLDER_NOT_FOUND'],
        [500, 'PROPFIND', 'SYNC_UNREACHABLE'],
        [503, 'GET', 'SYNC_UNREACHABLE'],
        [507, 'PUT', 'SYNC_STORAGE_FULL'],
        [413, 'PUT', 'SYNC_STORAGE_FULL'],
        [418, 'GET', 'SYNC_BAD_RESPONSE'],
      ] as const)(
        'maps %i on %s to %s',
        async (status, method, expected) => {
          const { dir, remote } = await proxied()
          proxy.inject({ status }, { method })
          const act =
            method === 'PROPFIND' ? remote.list() : method === 'GET' ? remote.read('a.json') : remote.write('a.json', 'x', { create: true })
          expect(await code(act)).toBe(expected)
          expect(readdirSync(dir)).toEqual([])
        },
        SLOW,
      )

      it(
        'maps a storm of 412s to a conflict, and the file keeps its content',
        async () => {
          const { dir, remote } = await proxied()
          const { etag } = await remote.write('r-3.json', 'kept', { create: true })
          proxy.inject({ status: 412 }, { method: 'PUT' })
          await expect(remote.write('r-3.json', 'lost', { ifMatch: etag })).rejects.toBeInstanceOf(RemoteConflict)
          proxy.clear()
          expect(readFileSync(join(dir, 'r-3.json'), 'utf8')).toBe('kept')
        },
        SLOW,
      )

      it(
        'maps a timeout, a dropped connection and refused connections to SYNC_UNREACHABLE',
        async () => {
          const { remote } = await proxied(1000)
          proxy.inject({ delayMs: 5000 }, { method: 'PROPFIND', times: 1 })
          const timedOut = await failure(remote.list())
          expect(timedOut).toMatchObject({
            code: 'SYNC_UNREACHABLE',
            message: expect.stringMatching(/did not answer within 1 s/) as unknown,
          })
          proxy.inject({ drop: true }, { method: 'GET', times: 1 })
          expect(await code(remote.read('a.json'))).toBe('SYNC_UNREACHABLE')
          const closed = createWebdavRemote({ url: `${other.origin.replace(/:\d+$/, ':9')}/x/`, user: 'u', password: 'p', fetch })
          expect(await code(closed.list())).toBe('SYNC_UNREACHABLE')
        },
        SLOW,
      )

      it(
        'passes a slow answer within the timeout',
        async () => {
          const { remote } = await proxied()
          proxy.inject({ delayMs: 1500 }, { method: 'PROPFIND', times: 1 })
          expect(await remote.list()).toEqual([])
        },
        SLOW,
      )

      it(
        'maps a body cut off or ended early to SYNC_BAD_RESPONSE',
        async () => {
          const { remote } = await proxied()
          await remote.write('r-4.json', 'some text to cut', { create: true })
          proxy.inject({ truncate: 'cut' }, { method: 'PROPFIND', times: 1 })
          expect(await failure(remote.list())).toMatchObject({
            code: 'SYNC_BAD_RESPONSE',
            message: expect.stringMatching(/cut off/) as unknown,
          })
          proxy.inject({ truncate: 'short' }, { method: 'PROPFIND', times: 1 })
          expect(await failure(remote.list())).toMatchObject({
            code: 'SYNC_BAD_RESPONSE',
            message: expect.stringMatching(/ends inside/) as unknown,
          })
          proxy.inject({ truncate: 'cut' }, { method: 'GET', times: 1 })
          expect(await code(remote.read('r-4.json'))).toBe('SYNC_BAD_RESPONSE')
          proxy.inject({ status: 207, body: '<html>Welcome to our captive portal</html>' }, { method: 'PROPFIND', times: 1 })
          expect(await code(remote.list())).toBe('SYNC_BAD_RESPONSE')
        },
        SLOW,
      )

      it(
        'never sends credentials to another origin: not after a redirect, not to a listed href',
        async () => {
          const { remote } = await proxied()
          proxy.inject({ status: 307, headers: { location: `${other.origin}/steal/` } }, { method: 'PROPFIND', times: 1 })
          expect(await failure(remote.list())).toMatchObject({
            code: 'SYNC_BAD_RESPONSE',
            message: expect.stringContaining(other.origin) as unknown,
          })
          proxy.inject({ status: 302, headers: { location: `${other.origin}/steal/r.json` } }, { method: 'GET', times: 1 })
          expect(await code(remote.read('r.json'))).toBe('SYNC_BAD_RESPONSE')
          const listing =
            `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>${other.origin}/steal/r-5.json</d:href>` +
            '<d:propstat><d:prop><d:getetag>"1"</d:getetag><d:resourcetype/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>'
          proxy.inject({ status: 207, body: listing }, { method: 'PROPFIND', times: 1 })
          expect(await remote.list()).toEqual([])
          expect(other.seen).toHaveLength(0)
          const origins = new Set(proxy.seen.map((r) => r.headers.host))
          expect([...origins]).toEqual([proxy.origin.replace('http://', '')])
          expect(
            proxy.seen.every(
              (r) => r.headers.authorization === `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}`,
            ),
          ).toBe(true)
        },
        SLOW,
      )

      it(
        'finds whether the server honours If-Match: Apache does, rclone needs a lock',
        async () => {
          const { remote } = await proxied()
          const locks = proxy.seen.filter((r) => r.method === 'LOCK')
          expect(locks).toHaveLength(kind === rclone ? 1 : 0)
          proxy.seen.length = 0
          await remote.write('r-6.json', 'x', { create: true })
          expect(proxy.seen.map((r) => r.method)).toEqual(kind === rclone ? ['LOCK', 'PUT', 'UNLOCK'] : ['PUT', 'GET'])
        },
        SLOW,
      )

      it(
        'refuses a server that ignores If-Match and offers no lock, and writes nothing',
        async () => {
          proxy.clear()
          const { dir, url } = freshFolder()
          const remote = createWebdavRemote({
            url: url.replace(server.origin, proxy.origin),
            user: server.user,
            password: server.password,
            fetch,
          })
          proxy.inject({ strip: ['if-match', 'if-none-match'] }, { method: 'PUT' })
          proxy.inject({ status: 405 }, { method: 'LOCK' })
          expect(await failure(remote.check())).toMatchObject({
            code: 'SYNC_BAD_RESPONSE',
            message: expect.stringMatching(/ignores conditional writes/) as unknown,
          })
          expect(await failure(remote.write('r-7.json', 'x', { create: true }))).toMatchObject({ code: 'SYNC_BAD_RESPONSE' })
          expect(readdirSync(dir)).toEqual([])
        },
        SLOW,
      )

      it(
        'keeps the password out of every error',
        async () => {
          const { remote } = await proxied(1000)
          const errors: unknown[] = []
          for (const fault of [{ status: 401 }, { status: 500 }, { drop: true }, { truncate: 'cut' }, { delayMs: 3000 }] as const) {
            proxy.clear()
            proxy.inject(fault, { method: 'PROPFIND', times: 1 })
            errors.push(await failure(remote.list()))
          }
          for (const e of errors) {
            expect(e).toBeInstanceOf(KeyfobError)
            const text = JSON.stringify(e, Object.getOwnPropertyNames(e)) + String(e) + String((e as Error).cause)
            expect(text).not.toContain(server.password)
            expect(text).not.toContain(Buffer.from(`${server.user}:${server.password}`).toString('base64'))
          }
        },
        SLOW,
      )
    })
  })
})

describe('the address', () => {
  const at =
    (url: string, user = 'u') =>
    () =>
      createWebdavRemote({ url, user, password: 'p', fetch })

  it('takes https anywhere, and plain http only to this computer', () => {
    expect(at('https://cloud.example.com/remote.php/dav/files/u/keyfob/')().label).toBe('WebDAV at cloud.example.com')
    for (const url of ['http://127.0.0.1:8080/dav/', 'http://localhost/dav', 'http://[::1]:80/dav/']) expect(at(url)).not.toThrow()
    for (const url of [
      'http://cloud.example.com/dav/',
      'http://192.168.1.2/dav/',
      'http://127.0.0.1.example.com/',
      'ftp://example.com/',
      'not a url',
    ]) {
      expect(at(url)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER', field: 'url' }) as Error)
    }
  })

  it('refuses credentials, queries and fragments in the address, and a user name with ":"', () => {
    for (const url of ['https://u:p@example.com/dav/', 'https://example.com/dav/?a=1', 'https://example.com/dav/#x']) {
      expect(at(url)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER' }) as Error)
    }
    expect(at('https://example.com/dav/', 'a:b')).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER', field: 'user' }) as Error)
  })
})
