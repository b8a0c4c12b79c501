/**
 * The cost claim of docs/sync.md ("Cost"): over WebDAV, a one-account change costs a constant
 * number of requests, whatever the number of accounts, never a re-upload of the vault. Counted,
 * not timed: two devices (real vaults, createSync as the extension builds it) sync through a real
 * server on loopback (test/support/webdav-servers.ts) behind the test proxy, which records every
 * request; the same steps at 10 and at 200 accounts must make the same requests.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultProxy, syncFileKind, type FaultProxy, type SeenRequest } from '../../../test/support/fault-proxy.ts'
import { memoryArea } from '../../../test/support/memory-area.ts'
import { account } from '../../../test/support/sync-devices.ts'
import { FAST_KDF } from '../../../test/support/vault-fixtures.ts'
import { apache, rclone, type WebdavServer, type WebdavServerKind } from '../../../test/support/webdav-servers.ts'
import { noAlarms } from '../alarm-port.ts'
import { VaultService } from '../vault/vault-service.ts'
import { createSync } from './index.ts'

const SLOW = 300_000
const PASSPHRASE = 'correct horse battery staple sync'

async function device() {
  let deviceKey: CryptoKey | null = null
  const vault = new VaultService({
    local: memoryArea(),
    session: memoryArea(),
    deviceKeys: { load: async () => deviceKey, save: async (k) => void (deviceKey = k), clear: async () => void (deviceKey = null) },
  })
  await vault.setup(null)
  // The debounced trigger never fires: each cycle is run, and counted, by the test.
  const sync = createSync({ vault, alarms: noAlarms, now: Date.now, fetch, kdf: FAST_KDF, later: () => () => undefined })
  return { vault, engine: sync.engine }
}

/** "METHOD what" for each request: what is the folder, the header, a record, a backup or a scheme probe. */
function requests(seen: readonly SeenRequest[]): string[] {
  return seen.map((r) => `${r.method} ${syncFileKind(r)}`)
}

const recordsTouched = (seen: readonly SeenRequest[]) => new Set(seen.filter((r) => /\/r-[^/]+\.json$/.test(r.url)).map((r) => r.url)).size

describe.each([apache, rclone].filter((k): k is WebdavServerKind => k.missing === null))('sync requests over $name', (kind) => {
  let server: WebdavServer
  let proxy: FaultProxy
  beforeAll(async () => {
    server = await kind.start()
    proxy = await startFaultProxy(server.origin)
  }, SLOW)
  afterAll(async () => {
    await proxy?.close()
    await server?.stop()
  }, SLOW)

  /** Polls until the server tags every file of the folder strongly: Apache tags a file changed within the last second weakly. */
  async function strongTags(folder: string): Promise<void> {
    const auth = `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}`
    await expect
      .poll(
        async () => {
          const r = await fetch(`${server.origin}/${folder}/`, { method: 'PROPFIND', headers: { Depth: '1', Authorization: auth } })
          const text = await r.text()
          return r.status === 207 && !/<[^>]*getetag>\s*W\//.test(text)
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(true)
  }

  /** Sets up two synced devices with `n` accounts, then counts one rename, its arrival on the other device, and a quiet cycle. */
  async function costs(n: number) {
    const folder = `count-${n}`
    mkdirSync(join(server.root, folder))
    const place = { kind: 'webdav' as const, url: `${proxy.origin}/${folder}/`, user: server.user, password: server.password }
    const a = await device()
    const b = await device()
    const accounts = Array.from({ length: n }, () => account({ createdAt: Date.now(), updatedAt: Date.now() }))
    await a.vault.mutate((c) => void c.accounts.push(...accounts))
    const created = await a.engine.connect(place, { create: PASSPHRASE })
    expect([created.toRemote, created.firstSyncError]).toEqual([n, undefined])
    const joined = await b.engine.connect(place, { passphrase: PASSPHRASE })
    expect([joined.accounts, joined.firstSyncError]).toEqual([n, undefined])
    // From a quiet folder: records written within the last second carry weak tags, which the next
    // cycle reads again (docs/sync.md, "Cost"); that is the set-up's cost, not the change's.
    await strongTags(folder)
    await a.engine.sync()
    await b.engine.sync()

    const target = accounts[Math.floor(n / 2)]?.id
    await a.vault.mutate((c) => {
      const renamed = c.accounts.find((x) => x.id === target)
      if (renamed) renamed.issuer = 'Renamed'
    })
    proxy.seen.length = 0
    expect(await a.engine.sync()).toMatchObject({ toRemote: 1, toLocal: 0 })
    const change = [...proxy.seen]

    proxy.seen.length = 0
    expect(await b.engine.sync()).toMatchObject({ toRemote: 0, toLocal: 1 })
    const takeIn = [...proxy.seen]
    expect((await b.vault.current()).content.accounts.find((x) => x.id === target)?.issuer).toBe('Renamed')

    await strongTags(folder)
    await a.engine.sync()
    proxy.seen.length = 0
    expect(await a.engine.sync()).toMatchObject({ toRemote: 0, toLocal: 0 })
    const quiet = [...proxy.seen]
    return { change, takeIn, quiet }
  }

  it(
    'a one-account change costs the same requests at 10 and at 200 accounts, touching one record file',
    async () => {
      const small = await costs(10)
      const large = await costs(200)

      // The same requests, in the same order, for 20 times the accounts.
      expect(requests(large.change)).toEqual(requests(small.change))
      expect(requests(large.takeIn)).toEqual(requests(small.takeIn))
      expect(requests(large.quiet)).toEqual(requests(small.quiet))

      for (const run of [small, large]) {
        // One record written, one read; one listing each; nothing else of the space is touched.
        expect(recordsTouched(run.change)).toBe(1)
        expect(requests(run.change).filter((r) => r.startsWith('PROPFIND'))).toEqual(['PROPFIND folder'])
        expect(requests(run.change).filter((r) => r.endsWith('header') || r.endsWith('backup'))).toEqual([])
        // How the server makes writes conditional was learnt when connecting: a worker asks once.
        expect(requests(run.change).filter((r) => r.endsWith('probe'))).toEqual([])
        expect(requests(run.takeIn)).toEqual(['PROPFIND folder', 'GET record'])
        expect(requests(run.quiet)).toEqual(['PROPFIND folder'])
      }
      // Apache: the listing, the conditional PUT and its read-back (rclone adds a LOCK, GET and UNLOCK).
      if (kind === apache) expect(requests(small.change)).toEqual(['PROPFIND folder', 'PUT record', 'GET record'])
      // Only one record's ciphertext goes up (a 2 KiB bucket: under 4 KiB of JSON), not the vault.
      const up = (seen: readonly SeenRequest[]) => seen.filter((r) => /\/r-[^/]+\.json$/.test(r.url)).reduce((n, r) => n + r.up.body, 0)
      expect(up(small.change)).toBeLessThan(4096)
      expect(up(large.change)).toBeLessThan(4096)
    },
    SLOW,
  )
})
