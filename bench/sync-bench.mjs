// Sync benchmark (issue: Sync, "Benchmark"), in Node against REAL WebDAV servers on loopback:
// Apache httpd with mod_dav and `rclone serve webdav` (test/support/webdav-servers.ts), each behind
// the test proxy (test/support/fault-proxy.ts), which counts every request and the bytes it carried.
// Keyfob's own code runs as in the extension: src/background/sync/index.ts's createSync (the remote
// the extension builds for a WebDAV place, a new one per cycle) over a real VaultService. For 10,
// 200 and 1000 accounts:
//
//   (a) first sync: connect with { create } (header, every record, the first daily backup);
//   (b) a second device joins with the passphrase (reads everything);
//   (c) one account renamed on the first device, one cycle; (c′) the second device takes it in;
//   (d) a cycle with nothing to do;
//
// beside the floor: the same vault exported as one encrypted Keyfob backup (docs/backup-format.md)
// and stored with one PUT. Argon2id runs in (a) (the header, and the backup) and (b) (opening the
// header); its time alone is measured separately (one createSyncHeader), so it does not hide the
// cost of sync itself. The space uses the floor parameters for new slots (MIN_NEW_ARGON2) in every
// row but one, which uses the production default (DEFAULT_ARGON2).
//
// `node bench/sync-bench.mjs` runs it alone (writes bench/results/sync.{json,md}); `npm run bench`
// runs it as its `sync` part. A report, never a pass/fail test: the O(1) claim is checked by
// src/background/sync/sync-request-count.test.ts.
import { mkdirSync, writeFileSync } from 'node:fs'
import { register } from 'node:module'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

// Keyfob's TypeScript, types stripped on load (as `npm run fuzz` does).
register('../fuzz/ts-hooks.mjs', import.meta.url)

const PASSPHRASE = 'correct horse battery staple sync'
/** Apache tags a file weakly until its mtime is more than a second old (webdav-remote.ts). */
const STRONG_TAGS_TIMEOUT_MS = 60_000

/**
 * @param {{ sizes?: number[], servers?: string[], productionKdfAt?: number }} opts
 * servers: 'apache' and/or 'rclone' (those not installed are skipped and reported);
 * productionKdfAt: the size whose row (on Apache) also runs with DEFAULT_ARGON2.
 */
export async function benchSync({ sizes = [10, 200, 1000], servers = ['apache', 'rclone'], productionKdfAt = 200 } = {}) {
  const { apache, rclone } = await import('../test/support/webdav-servers.ts')
  const { startFaultProxy, syncFileKind } = await import('../test/support/fault-proxy.ts')
  const { memoryArea } = await import('../test/support/memory-area.ts')
  const { createSync } = await import('../src/background/sync/index.ts')
  const { VaultService } = await import('../src/background/vault/vault-service.ts')
  const { DEFAULT_ARGON2, MIN_NEW_ARGON2 } = await import('../src/core/vault/argon2-params.ts')
  const { createSyncHeader } = await import('../src/core/sync/sync-header.ts')
  const { exportKeyfobBackup } = await import('../src/core/export/export-keyfob-backup.ts')
  const { base32Encode } = await import('../src/core/encoding/base32.ts')

  const kinds = { apache, rclone }
  const result = { kdf: {}, servers: {}, skipped: {} }

  // Argon2id alone: one createSyncHeader (one derivation and two AES-GCM wraps) per parameter set.
  for (const [name, params] of [
    ['floor', MIN_NEW_ARGON2],
    ['production', DEFAULT_ARGON2],
  ]) {
    const t0 = performance.now()
    await createSyncHeader(PASSPHRASE, params)
    result.kdf[name] = { params: { ...params }, ms: performance.now() - t0 }
  }

  let serial = 0
  const newAccount = (now) => {
    serial++
    return {
      id: crypto.randomUUID(),
      type: 'totp',
      secret: base32Encode(crypto.getRandomValues(new Uint8Array(20))),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0n,
      issuer: `Bench ${serial}`,
      account: `user${serial}@example.com`,
      tags: [],
      pinned: false,
      sites: [],
      createdAt: now,
      updatedAt: now,
      order: serial,
    }
  }

  /** Failed requests (a timeout, a refused connection), to say why a step failed. */
  const failures = []
  const recordingFetch = async (input, init) => {
    try {
      return await fetch(input, init)
    } catch (e) {
      failures.push(`${init?.method ?? 'GET'} ${String(input)}: ${e?.name}: ${e?.message} ${e?.cause?.message ?? ''}`)
      throw e
    }
  }
  const failed = (what, value) =>
    new Error(
      `${what}: ${JSON.stringify({ ...value, recoveryKey: undefined })}${failures.length ? `; last failed request: ${failures.at(-1)}` : ''}`,
    )

  /** A device as the extension builds it: a vault (device key: no Argon2 on unlock) and createSync over it. */
  async function device(kdf) {
    let deviceKey = null
    const vault = new VaultService({
      local: memoryArea(),
      session: memoryArea(),
      deviceKeys: { load: async () => deviceKey, save: async (k) => void (deviceKey = k), clear: async () => void (deviceKey = null) },
    })
    await vault.setup(null)
    const sync = createSync({
      vault,
      alarms: { create: async () => undefined, clear: async () => false },
      now: Date.now,
      fetch: recordingFetch,
      kdf,
      // The debounced trigger never fires: the bench runs each cycle itself, so each is measured alone.
      later: () => () => undefined,
    })
    return { vault, engine: sync.engine }
  }

  for (const serverName of servers) {
    const kind = kinds[serverName]
    if (!kind) throw new Error(`No WebDAV server named ${serverName}`)
    if (kind.missing !== null) {
      result.skipped[serverName] = kind.missing
      continue
    }
    // rclone as it runs by default (listings cached): only Keyfob writes to the bench's folders.
    const server = await kind.start({ cacheListings: true })
    const proxy = await startFaultProxy(server.origin)
    const auth = `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}`
    const rows = []
    try {
      const runs = sizes.map((n) => ({ n, kdf: 'floor' }))
      if (serverName === 'apache' && sizes.includes(productionKdfAt)) runs.push({ n: productionKdfAt, kdf: 'production' })
      for (const { n, kdf } of runs) {
        try {
          rows.push(await runRow(n, kdf))
          console.log(`sync bench: ${kind.name}, ${n} accounts (${kdf} KDF) done`)
        } catch (e) {
          // One size that cannot run (a server that times out) is reported; the others still run.
          console.error(`sync bench: ${kind.name}, ${n} accounts (${kdf} KDF) failed: ${e?.message ?? e}`)
          rows.push({ accounts: n, kdf, error: String(e?.message ?? e) })
        }
      }
      async function runRow(n, kdf) {
        failures.length = 0
        const params = kdf === 'floor' ? MIN_NEW_ARGON2 : DEFAULT_ARGON2
        const folder = `bench-${n}-${kdf}`
        // Made through WebDAV (MKCOL), not in the served directory: rclone caches its listings here.
        const made = await fetch(`${server.origin}/${folder}/`, { method: 'MKCOL', headers: { Authorization: auth } })
        if (made.status !== 201) throw new Error(`MKCOL ${folder}: ${made.status}`)
        const place = { kind: 'webdav', url: `${proxy.origin}/${folder}/`, user: server.user, password: server.password }

        /** Runs `fn` and what it cost: time, and the requests the proxy saw meanwhile. */
        const measure = async (fn) => {
          proxy.seen.length = 0
          const t0 = performance.now()
          const value = await fn()
          const ms = performance.now() - t0
          return { value, cost: { ms, ...costOf(proxy.seen, syncFileKind) } }
        }

        /** Polls the folder until the server tags every file strongly (Apache: all older than a second). */
        const strongTags = async () => {
          const deadline = Date.now() + STRONG_TAGS_TIMEOUT_MS
          for (;;) {
            const r = await fetch(`${server.origin}/${folder}/`, { method: 'PROPFIND', headers: { Depth: '1', Authorization: auth } })
            const text = await r.text()
            if (r.status === 207 && !/<[^>]*getetag>\s*W\//.test(text)) return
            if (Date.now() > deadline) throw new Error(`${folder}: the server still tags files weakly`)
            await new Promise((r) => setTimeout(r, 200))
          }
        }

        const a = await device(params)
        const b = await device(params)
        const now = Date.now()
        await a.vault.mutate((c) => void c.accounts.push(...Array.from({ length: n }, () => newAccount(now))))
        const content = (await a.vault.current()).content

        const row = { accounts: n, kdf, steps: {} }
        const first = await measure(() => a.engine.connect(place, { create: PASSPHRASE }))
        if (first.value.firstSyncError || first.value.toRemote !== n) throw failed('first sync', first.value)
        row.steps.firstSync = first.cost

        const joined = await measure(() => b.engine.connect(place, { passphrase: PASSPHRASE }))
        if (joined.value.firstSyncError || joined.value.accounts !== n) throw failed('join', joined.value)
        row.steps.join = joined.cost

        // Records written less than a second before a listing are tagged weakly by Apache; the
        // next cycle reads those once more (a weak tag cannot promise the file did not change
        // within that second). Measured here, then steady state from a quiet folder.
        await strongTags()
        row.steps.settleA = (await measure(() => a.engine.sync())).cost
        row.steps.settleB = (await measure(() => b.engine.sync())).cost

        const target = content.accounts[Math.floor(n / 2)]
        await a.vault.mutate((c) => {
          const account = c.accounts.find((x) => x.id === target.id)
          account.issuer = 'Renamed'
          account.updatedAt = Date.now()
        })
        const change = await measure(() => a.engine.sync())
        if (change.value?.toRemote !== 1) throw failed('change', change.value)
        row.steps.change = change.cost

        const takeIn = await measure(() => b.engine.sync())
        if (takeIn.value?.toLocal !== 1) throw failed('take in', takeIn.value)
        const onB = (await b.vault.current()).content.accounts.find((x) => x.id === target.id)
        if (onB?.issuer !== 'Renamed') throw new Error('the second device did not take the change in')
        row.steps.takeIn = takeIn.cost

        await strongTags()
        await a.engine.sync() // reads its own record once more if its write was tagged weakly
        const quiet = await measure(() => a.engine.sync())
        if (quiet.value?.toRemote !== 0 || quiet.value?.toLocal !== 0) throw failed('no change', quiet.value)
        row.steps.noChange = quiet.cost

        // The floor: the same vault as one encrypted Keyfob backup, stored with one PUT.
        const t0 = performance.now()
        const backup = await exportKeyfobBackup({ schemaVersion: content.schemaVersion, accounts: content.accounts }, PASSPHRASE, {
          kdf: params,
        })
        const exportMs = performance.now() - t0
        const put = await measure(async () => {
          const r = await fetch(`${place.url}floor-backup.json`, {
            method: 'PUT',
            headers: { Authorization: auth, 'Content-Type': 'application/json' },
            body: backup,
          })
          await r.arrayBuffer()
          if (r.status !== 201 && r.status !== 204) throw new Error(`floor PUT: ${r.status}`)
        })
        row.floor = { exportMs, ...put.cost }
        return row
      }
    } finally {
      await proxy.close()
      await server.stop()
    }
    result.servers[serverName] = { name: kind.name, rows }
  }
  return result
}

/** Requests by method and by what they touched, and bytes each way. */
function costOf(seen, kindOf) {
  const byMethod = {}
  const byFile = {}
  const up = { body: 0, head: 0 }
  const down = { body: 0, head: 0 }
  for (const r of seen) {
    byMethod[r.method] = (byMethod[r.method] ?? 0) + 1
    const what = kindOf(r)
    byFile[what] = (byFile[what] ?? 0) + 1
    up.body += r.up.body
    up.head += r.up.head
    down.body += r.down.body
    down.head += r.down.head
  }
  return { requests: seen.length, byMethod, byFile, up, down }
}

// ── The report ──

const STEPS = [
  ['firstSync', '(a) first sync: create the space, upload everything, first daily backup'],
  ['join', '(b) a second device joins (passphrase), downloads everything'],
  ['settleA', 'next cycle on the first device (re-reads records the server had tagged weakly)'],
  ['settleB', 'next cycle on the second device (the same)'],
  ['change', '(c) one account renamed on the first device'],
  ['takeIn', '(c′) the second device takes the change in'],
  ['noChange', '(d) a cycle with nothing to do'],
]

/** The markdown tables for a result of benchSync. */
export function formatSync(r) {
  const ms = (x) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`)
  const bytes = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`)
  const methods = (m) =>
    Object.entries(m)
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')
  const out = [
    '## Sync',
    '',
    `Keyfob's sync (createSync over a real vault, as in the extension) against real WebDAV servers on loopback (rclone with its default listing cache), through a counting proxy. ` +
      'Bytes are HTTP bodies; the second figure adds the request and status lines and headers. ' +
      `Argon2id alone (one createSyncHeader): floor parameters (m = ${r.kdf.floor.params.memoryKiB / 1024} MiB, t = ${r.kdf.floor.params.iterations}) ${ms(r.kdf.floor.ms)}, ` +
      `production (m = ${r.kdf.production.params.memoryKiB / 1024} MiB, t = ${r.kdf.production.params.iterations}) ${ms(r.kdf.production.ms)}; ` +
      'it runs twice in (a) (the header, the daily backup) and once in (b) (opening the header), and once in the floor export.',
    '',
  ]
  for (const [name, why] of Object.entries(r.skipped)) out.push(`- ${name}: skipped (${why})`, '')
  for (const { name, rows } of Object.values(r.servers)) {
    out.push(
      `### ${name}`,
      '',
      '| accounts | KDF | step | time | requests | by method | up | down |',
      '|---:|---|---|---:|---:|---|---:|---:|',
    )
    for (const row of rows) {
      if (row.error) {
        out.push(`| ${row.accounts} | ${row.kdf} | could not run: ${row.error.replaceAll('|', '/')} | | | | | |`)
        continue
      }
      for (const [key, label] of STEPS) {
        const s = row.steps[key]
        out.push(
          `| ${row.accounts} | ${row.kdf} | ${label} | ${ms(s.ms)} | ${s.requests} | ${methods(s.byMethod)} | ${bytes(s.up.body)} (${bytes(s.up.body + s.up.head)}) | ${bytes(s.down.body)} (${bytes(s.down.body + s.down.head)}) |`,
        )
      }
      const f = row.floor
      out.push(
        `| ${row.accounts} | ${row.kdf} | **floor**: one encrypted Keyfob backup of the same vault, one PUT (export ${ms(f.exportMs)} before it) | ${ms(f.ms)} | ${f.requests} | ${methods(f.byMethod)} | ${bytes(f.up.body)} (${bytes(f.up.body + f.up.head)}) | ${bytes(f.down.body)} (${bytes(f.down.body + f.down.head)}) |`,
      )
    }
    out.push('')
  }
  return out.join('\n')
}

/** Machine and load, for a report of its own. */
function machine() {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'cpu',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    load: loadavg().map((x) => Number(x.toFixed(2))),
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(import.meta.dirname, '..')
  const started = performance.now()
  const before = machine()
  const sizes = process.env.SYNC_BENCH_SIZES?.split(',').map(Number)
  const servers = process.env.SYNC_BENCH_SERVERS?.split(',')
  const result = { when: new Date().toISOString(), machine: before, ...(await benchSync({ sizes, servers })) }
  result.loadAfter = machine().load
  result.durationS = Math.round((performance.now() - started) / 1000)
  const m = result.machine
  const md =
    `# Keyfob sync benchmark\n\n${result.when} · ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB · Node ${m.node} · ${result.durationS} s · ` +
    `load average before ${m.load.join(' / ')}, after ${result.loadAfter.join(' / ')}.\n\n${formatSync(result)}\n`
  mkdirSync(join(root, 'bench/results'), { recursive: true })
  writeFileSync(join(root, 'bench/results/sync.json'), JSON.stringify(result, null, 2))
  writeFileSync(join(root, 'bench/results/sync.md'), md)
  console.log(`\n${md}\nWrote bench/results/sync.json and bench/results/sync.md.`)
}
