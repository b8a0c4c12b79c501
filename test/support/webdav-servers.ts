/**
 * Test support: real WebDAV servers on loopback, each in its own temporary directory on a
 * free port, for sync's contract tests (never a mock of what Keyfob talks to):
 *
 * - Apache httpd with mod_dav, mod_dav_fs and mod_auth_basic, from a generated config, in the
 *   foreground as one process (-X), with its own PidFile, ErrorLog and lock database;
 * - `rclone serve webdav` over a local directory, with --user/--pass.
 *
 * Both are Debian packages (apache2, rclone; .ci/run installs them). When a binary is missing,
 * `missing` says why and the tests skip.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface WebdavServer {
  /** http://127.0.0.1:port */
  origin: string
  /** The directory the server serves: its files are the server's files. */
  root: string
  user: string
  password: string
  stop(): Promise<void>
}

export interface WebdavServerKind {
  name: string
  /** Why this server cannot start here, or null. */
  missing: string | null
  start(options?: StartOptions): Promise<WebdavServer>
}

export interface StartOptions {
  /**
   * rclone only: cache directory listings as rclone does by default (5 minutes), for a server that
   * only Keyfob writes to (the sync benchmark). Without it the cache is off, so tests can write into
   * the served directory directly, but then a listing stats every file against a fresh listing:
   * measured, a PROPFIND of 1000 files took 23–32 s (0.2 s cached), past Keyfob's 30 s timeout.
   */
  cacheListings?: boolean
}

const APACHE = '/usr/sbin/apache2'
const APACHE_MODULES = '/usr/lib/apache2/modules'
const RCLONE = '/usr/bin/rclone'
const USER = 'keyfob-test'
// Deliberately not URL- or shell-friendly: Basic auth must carry it intact (RFC 7617, UTF-8).
const PASSWORD = 'pa:ss wörd%41'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** Waits until the server answers HTTP at all (any status), or its process ends. */
async function waitUntilUp(origin: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${log()}`)
    try {
      await fetch(origin, { method: 'OPTIONS', signal: AbortSignal.timeout(2000) })
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error(`The server did not come up at ${origin}:\n${log()}`)
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

function startProcess(cmd: string, args: string[], logFile: string): { child: ChildProcess; log: () => string } {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const log = () => output + (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '')
  return { child, log }
}

export const apache: WebdavServerKind = {
  name: 'Apache httpd (mod_dav)',
  missing: !existsSync(APACHE)
    ? `${APACHE} is not installed (apt-get install apache2)`
    : !existsSync(join(APACHE_MODULES, 'mod_dav_fs.so'))
      ? `mod_dav_fs is not in ${APACHE_MODULES}`
      : null,
  async start() {
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-apache-'))
    const root = join(dir, 'data')
    mkdirSync(root)
    const port = await freePort()
    // {SHA} (base64 of SHA-1) is one of the formats mod_authn_file reads: enough for a test password.
    writeFileSync(join(dir, 'htpasswd'), `${USER}:{SHA}${createHash('sha1').update(PASSWORD).digest('base64')}\n`)
    const modules = ['mpm_event', 'authn_core', 'authn_file', 'authz_core', 'authz_user', 'auth_basic', 'dav', 'dav_fs']
    writeFileSync(
      join(dir, 'httpd.conf'),
      [
        `ServerRoot "${dir}"`,
        `Listen 127.0.0.1:${port}`,
        'ServerName 127.0.0.1',
        `PidFile "${dir}/httpd.pid"`,
        `ErrorLog "${dir}/error.log"`,
        `DefaultRuntimeDir "${dir}"`,
        ...modules.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`),
        `DavLockDB "${dir}/lockdb"`,
        `DocumentRoot "${root}"`,
        `<Directory "${root}">`,
        '  Dav On',
        '  AuthType Basic',
        '  AuthName "keyfob"',
        '  AuthBasicProvider file',
        `  AuthUserFile "${dir}/htpasswd"`,
        '  Require valid-user',
        '</Directory>',
        '',
      ].join('\n'),
    )
    const { child, log } = startProcess(APACHE, ['-X', '-f', join(dir, 'httpd.conf')], join(dir, 'error.log'))
    const origin = `http://127.0.0.1:${port}`
    try {
      await waitUntilUp(origin, child, log)
    } catch (e) {
      await stopChild(child)
      rmSync(dir, { recursive: true, force: true })
      throw e
    }
    return {
      origin,
      root,
      user: USER,
      password: PASSWORD,
      async stop() {
        await stopChild(child)
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
}

export const rclone: WebdavServerKind = {
  name: 'rclone serve webdav',
  missing: existsSync(RCLONE) ? null : `${RCLONE} is not installed (apt-get install rclone)`,
  async start(options = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-rclone-'))
    const root = join(dir, 'data')
    mkdirSync(root)
    const port = await freePort()
    const { child, log } = startProcess(
      RCLONE,
      [
        'serve',
        'webdav',
        root,
        '--addr',
        `127.0.0.1:${port}`,
        '--user',
        USER,
        '--pass',
        PASSWORD,
        // Tests write into the served directory directly: no directory cache to hide that (StartOptions).
        '--dir-cache-time',
        options.cacheListings === true ? '5m' : '0s',
        '--config',
        join(dir, 'rclone.conf'),
        '--log-file',
        join(dir, 'rclone.log'),
      ],
      join(dir, 'rclone.log'),
    )
    const origin = `http://127.0.0.1:${port}`
    try {
      await waitUntilUp(origin, child, log)
    } catch (e) {
      await stopChild(child)
      rmSync(dir, { recursive: true, force: true })
      throw e
    }
    return {
      origin,
      root,
      user: USER,
      password: PASSWORD,
      async stop() {
        await stopChild(child)
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
}
