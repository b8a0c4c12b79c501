/**
 * The browser sync remote's contract (the WebDAV remote's: create, read, list, replace, remove,
 * each conditional), its chunks and what a device sees of another's write half-way through
 * sync, and the quotas and write rate, against test/support/chrome-sync-area.ts: Chrome's quota
 * checks and messages over an in-memory map. The real browser area is tested end to end once
 * sync is wired into the extension.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Storage } from 'webextension-polyfill'
import { KeyfobError, type ErrorCode } from '../../core/errors.ts'
import { sealRecord } from '../../core/sync/sync-record.ts'
import { createSyncHeader } from '../../core/sync/sync-header.ts'
import { newSyncKey } from '../../core/sync/sync-key.ts'
import { createChromeSyncArea, pendingChanges, replicate, type ChromeSyncArea } from '../../../test/support/chrome-sync-area.ts'
import { fullState, sampleState, sampleTombstone, SPACE } from '../../../test/support/sync-fixtures.ts'
import { FAST_KDF, PASSWORD } from '../../../test/support/vault-fixtures.ts'
import { accountsThatFit } from './accounts-that-fit.ts'
import { createBrowserSyncRemote, type BrowserSyncArea } from './browser-sync-remote.ts'
import { fileBytes, ITEM_BUDGET, itemBytes } from './sync-area-items.ts'
import { RemoteBusy, RemoteConflict, type SyncRemote } from './sync-remote.ts'

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

/** A device: its own area and a remote on it, on a clock the test moves. */
function device(
  clock: { t: number },
  area: ChromeSyncArea = createChromeSyncArea({ now: () => clock.t }),
): { area: ChromeSyncArea; remote: SyncRemote } {
  return { area, remote: createBrowserSyncRemote({ area, label: 'Chrome sync', now: () => clock.t }) }
}

const START = Date.UTC(2026, 4, 1)
const big = (chars: number) =>
  randomBytes(Math.ceil(chars * 0.75))
    .toString('base64')
    .slice(0, chars)

describe('contract', () => {
  it("takes the browser's own area, as webextension-polyfill and @types/chrome type it", () => {
    type Fits<T> = T extends BrowserSyncArea ? 'fits' : 'does not fit'
    const polyfill: Fits<Storage.StorageArea> = 'fits'
    const chromeArea: Fits<chrome.storage.SyncStorageArea> = 'fits'
    expect([polyfill, chromeArea]).toEqual(['fits', 'fits'])
  })

  it('creates, reads, lists, replaces and removes a file, each conditional', async () => {
    const { area, remote } = device({ t: START })
    expect(await remote.list()).toEqual([])
    expect(await remote.read('header.json')).toBeNull()

    const first = await remote.write('header.json', '{"v":1}', { create: true })
    expect(await remote.read('header.json')).toEqual({ text: '{"v":1}', etag: first.etag })
    expect(await remote.list()).toEqual([{ name: 'header.json', etag: first.etag }])

    const second = await remote.write('header.json', '{"v":2}', { ifMatch: first.etag })
    expect(second.etag).not.toBe(first.etag)
    await expect(remote.write('header.json', '{"v":3}', { ifMatch: first.etag })).rejects.toBeInstanceOf(RemoteConflict)
    await expect(remote.write('header.json', '{"v":3}', { create: true })).rejects.toBeInstanceOf(RemoteConflict)
    await expect(remote.remove('header.json', first.etag)).rejects.toBeInstanceOf(RemoteConflict)
    expect((await remote.read('header.json'))?.text).toBe('{"v":2}')

    await remote.remove('header.json', second.etag)
    expect(await remote.read('header.json')).toBeNull()
    await remote.remove('header.json', second.etag) // already gone: no error
    await expect(remote.write('header.json', '{"v":4}', { ifMatch: second.etag })).rejects.toBeInstanceOf(RemoteConflict)
    expect(area.snapshot()).toEqual({})
    expect(remote.label).toBe('Chrome sync')
    await remote.check()
  })

  it('serialises writes: of two racing on the version both read, exactly one wins', async () => {
    const { remote } = device({ t: START })
    const { etag } = await remote.write('r-1.json', 'base', { create: true })
    const results = await Promise.allSettled(['a', 'b', 'c'].map((text) => remote.write('r-1.json', text, { ifMatch: etag })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(RemoteConflict)
    const created = await Promise.allSettled(['a', 'b'].map((text) => remote.write('r-2.json', text, { create: true })))
    expect(created.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  })

  it("keys every item kf:, lists only Keyfob's files, and refuses names that are not one file", async () => {
    const { area, remote } = device({ t: START })
    await area.set({ theme: 'dark', 'kf:': 'x' })
    const names = ['r-a b.json', 'r-#?%&+;=@ü€.json', "r-(it's).json", 'backup-2026-05-01.json']
    for (const name of names) await remote.write(name, `text of ${name}`, { create: true })
    await remote.write('big.json', big(20_000), { create: true })
    expect((await remote.list()).map((e) => e.name).sort()).toEqual([...names, 'big.json'].sort())
    expect(Object.keys(area.snapshot()).filter((k) => !k.startsWith('kf:'))).toEqual(['theme'])
    for (const name of names) expect((await remote.read(name))?.text).toBe(`text of ${name}`)
    for (const name of ['', '.', '..', 'a/b.json', 'a\\b.json', 'x'.repeat(201)]) {
      expect(await code(remote.write(name, 'x', { create: true }))).toBe('INVALID_PARAMETER')
      expect(await code(remote.read(name))).toBe('INVALID_PARAMETER')
    }
    expect(await code(remote.write('a.json', '', { create: true }))).toBe('INVALID_PARAMETER')
    expect(await code(remote.write('a.json', 'lone \uD800 surrogate', { create: true }))).toBe('INVALID_PARAMETER')
    expect(area.snapshot()['theme']).toBe('dark')
  })

  it('keeps text exactly: quotes, backslashes, <, U+2028, astral characters, across chunk boundaries', async () => {
    const { remote } = device({ t: START })
    const unit = '{"a":"\\"<\u2028\u2029😀é\n\t'
    for (const text of [unit, unit.repeat(1500)]) {
      const name = `f-${text.length}.json`
      const { etag } = await remote.write(name, text, { create: true })
      expect(await remote.read(name)).toEqual({ text, etag })
    }
  })

  it('stores a 100 KB file in chunks, each item well under 8 KiB, and refuses to replace it while the old one must stay readable', async () => {
    const { area, remote } = device({ t: START })
    const text = big(100_000)
    const { etag } = await remote.write('backup-2026-05-01.json', text, { create: true })
    const items = area.snapshot()
    const chunks = Object.keys(items).filter((k) => k.startsWith('kf:c:'))
    expect(chunks).toHaveLength(15)
    for (const [k, v] of Object.entries(items)) expect(itemBytes(k, v)).toBeLessThanOrEqual(ITEM_BUDGET)
    expect(await area.getBytesInUse(null)).toBe(fileBytes('backup-2026-05-01.json', text))
    expect(items['kf:f:backup-2026-05-01.json']).toEqual({ v: etag, n: 15, l: 100_000 })
    expect(await remote.read('backup-2026-05-01.json')).toEqual({ text, etag })
    expect(await remote.list()).toEqual([{ name: 'backup-2026-05-01.json', etag }])

    // Replacing needs the new chunks beside the old ones: 200 KB at the peak.
    const calls = area.writeCalls
    expect(await code(remote.write('backup-2026-05-01.json', big(100_000), { ifMatch: etag }))).toBe('SYNC_STORAGE_FULL')
    expect(area.writeCalls).toBe(calls)
    expect((await remote.read('backup-2026-05-01.json'))?.text).toBe(text)
    // A small version fits beside it, and the old chunks go.
    const smaller = await remote.write('backup-2026-05-01.json', big(500), { ifMatch: etag })
    expect(Object.keys(area.snapshot())).toEqual(['kf:f:backup-2026-05-01.json'])
    await remote.remove('backup-2026-05-01.json', smaller.etag)
    expect(area.snapshot()).toEqual({})
    expect(await code(remote.write('huge.json', big(102_401), { create: true }))).toBe('SYNC_STORAGE_FULL')
  })

  it('reports a damaged index as SYNC_BAD_RESPONSE, and a write replaces it', async () => {
    const { area, remote } = device({ t: START })
    await area.set({ 'kf:f:r-1.json': { v: 'nonsense', t: 'x' } })
    expect(await code(remote.list())).toBe('SYNC_BAD_RESPONSE')
    expect(await code(remote.read('r-1.json'))).toBe('SYNC_BAD_RESPONSE')
    expect(await code(remote.check())).toBe('SYNC_BAD_RESPONSE')
    await area.set({
      'kf:f:r-1.json': { v: '00000000a.AAAAAAAAAAAA', n: 2, l: 5 },
      'kf:c:00000000a.AAAAAAAAAAAA:0': 'ab',
      'kf:c:00000000a.AAAAAAAAAAAA:1': 'c',
    })
    expect(await failure(remote.read('r-1.json'))).toMatchObject({
      code: 'SYNC_BAD_RESPONSE',
      message: expect.stringMatching(/3 characters, not 5/) as unknown,
    })
  })
})

describe('two devices, synced item by item', () => {
  /** A copy of `area` as another device that has received everything so far. */
  function copyOf(area: ChromeSyncArea, clock: { t: number }) {
    const other = device(clock)
    replicate(area, other.area)
    return other
  }

  it.each([
    ['a chunked file', 30_000],
    ['a file held in one item', 3_000],
  ])('a device that received only some items of a new version of %s sees the old version or none, never a mix', async (_what, size) => {
    const clock = { t: START }
    const a = device(clock)
    const v1 = big(size)
    const { etag: e1 } = await a.remote.write('r-1.json', v1, { create: true })
    const b = copyOf(a.area, clock)
    expect(await b.remote.read('r-1.json')).toEqual({ text: v1, etag: e1 })

    const v2 = big(size)
    const { etag: e2 } = await a.remote.write('r-1.json', v2, { ifMatch: e1 })
    const changes = pendingChanges(a.area, b.area)
    expect(changes.length).toBe(size > ITEM_BUDGET ? 1 + 5 + 5 : 1) // the index, 5 new chunks, 5 old ones removed

    // Every subset for the one-item file; for the chunked one, chosen halves and 200 random subsets.
    const subsets: string[][] = []
    if (changes.length === 1) subsets.push([], changes)
    else {
      const index = changes.filter((k) => k.startsWith('kf:f:'))
      const added = changes.filter((k) => k.startsWith(`kf:c:${e2}`))
      const removed = changes.filter((k) => k.startsWith(`kf:c:${e1}`))
      subsets.push(
        index,
        [...index, ...added.slice(0, 2)],
        added.slice(0, 3),
        added,
        removed,
        removed.slice(0, 1),
        [...added, ...removed],
        [...index, ...removed],
        changes,
      )
      for (let i = 0; i < 200; i++) subsets.push(changes.filter(() => Math.random() < 0.5))
    }
    let sawNone = false
    for (const subset of subsets) {
      const seen = copyOf(b.area, clock)
      replicate(a.area, seen.area, (k) => subset.includes(k))
      const read = await seen.remote.read('r-1.json')
      const listed = await seen.remote.list()
      expect([null, { text: v1, etag: e1 }, { text: v2, etag: e2 }]).toContainEqual(read)
      expect(listed).toEqual(read ? [{ name: 'r-1.json', etag: read.etag }] : [])
      if (read === null) sawNone = true
      if (subset.length === changes.length) expect(read).toEqual({ text: v2, etag: e2 })
    }
    expect(sawNone).toBe(size > ITEM_BUDGET)
  })

  it('a device that sees none of a file mid-sync neither removes it nor mixes it: its write replaces the incoming one whole', async () => {
    const clock = { t: START }
    const a = device(clock)
    const b = device(clock)
    const { etag } = await a.remote.write('r-1.json', big(20_000), { create: true })
    // b has the index but not the chunks yet.
    replicate(a.area, b.area, (k) => k.startsWith('kf:f:'))
    expect(await b.remote.read('r-1.json')).toBeNull()
    expect(await b.remote.list()).toEqual([])
    await b.remote.remove('r-1.json', etag) // nothing it read is there: no error, and nothing removed
    expect(b.area.snapshot()['kf:f:r-1.json']).toBeDefined()
    const mine = big(9_000)
    const written = await b.remote.write('r-1.json', mine, { create: true })
    // The chunks arrive later: no index names them, and the file is b's version whole.
    replicate(a.area, b.area)
    replicate(b.area, a.area)
    for (const d of [a, b]) expect(await d.remote.read('r-1.json')).toEqual({ text: mine, etag: written.etag })
  })

  it("two devices writing the same file at once: the browser keeps the later index, every device reads one whole version, and the loser's chunks go a week later", async () => {
    const clock = { t: START }
    const a = device(clock)
    const { etag } = await a.remote.write('r-1.json', big(20_000), { create: true })
    const b = copyOf(a.area, clock)
    // Both pass their own check: there is no compare-and-swap across devices.
    const fromA = big(20_000)
    const fromB = big(20_000)
    const wa = await a.remote.write('r-1.json', fromA, { ifMatch: etag })
    clock.t += 1000
    const wb = await b.remote.write('r-1.json', fromB, { ifMatch: etag })
    replicate(a.area, b.area)
    replicate(b.area, a.area)
    for (const d of [a, b]) expect(await d.remote.read('r-1.json')).toEqual({ text: fromB, etag: wb.etag })
    // a lost: its next list shows a version it did not write, to read and merge (the engine's part).
    expect((await a.remote.list())[0]?.etag).not.toBe(wa.etag)
    const orphaned = (d: { area: ChromeSyncArea }) => Object.keys(d.area.snapshot()).filter((k) => k.startsWith(`kf:c:${wa.etag}`))
    expect(orphaned(a)).toHaveLength(3)
    clock.t += 8 * 24 * 3_600_000
    await a.remote.write('r-2.json', 'small', { create: true })
    expect(orphaned(a)).toEqual([])
    replicate(a.area, b.area)
    expect(orphaned(b)).toEqual([])
    expect((await b.remote.read('r-1.json'))?.text).toBe(fromB)
  })
})

describe('quotas', () => {
  it('measures items as Chrome does', async () => {
    const area = createChromeSyncArea()
    const values: [string, unknown][] = [
      ['kf:f:a', { v: 'x', t: '<b>"q"</b>\u2028\u2029é😀\n\u0001' }],
      ['k', 'plain'],
      ['ü', [1, 2, null]],
      ['kf:c:x:0', '\\\\'],
    ]
    for (const [k, v] of values) {
      await area.set({ [k]: v })
      expect(itemBytes(k, v)).toBe(await area.getBytesInUse(k))
    }
  })

  it("refuses a write that would not fit before writing anything, and the browser's own quota errors are SYNC_STORAGE_FULL too", async () => {
    const clock = { t: START }
    const { area, remote } = device(clock)
    await area.set(Object.fromEntries(Array.from({ length: 511 }, (_, i) => [`other-${i}`, i])))
    await remote.write('r-0.json', 'fits', { create: true })
    const calls = area.writeCalls
    expect(await failure(remote.write('r-1.json', 'one item too many', { create: true }))).toMatchObject({
      code: 'SYNC_STORAGE_FULL',
      message: expect.stringMatching(/513 items/) as unknown,
    })
    expect(area.writeCalls).toBe(calls)

    const messages = [
      'QUOTA_BYTES quota exceeded',
      'QUOTA_BYTES_PER_ITEM quota exceeded',
      'MAX_ITEMS quota exceeded',
      'Resource::kQuotaBytes quota exceeded',
      'Resource::kQuotaBytesPerItem quota exceeded',
      'Resource::kMaxItems quota exceeded',
    ]
    for (const message of messages) {
      const refusing: BrowserSyncArea = { ...createChromeSyncArea(), set: () => Promise.reject(new Error(message)) }
      const e = await failure(createBrowserSyncRemote({ area: refusing, label: 'x' }).write('r.json', 'x', { create: true }))
      expect(e).toMatchObject({ code: 'SYNC_STORAGE_FULL', message: expect.stringContaining(message) as unknown })
    }
    for (const spelling of ['current', 'legacy'] as const) {
      // The browser's check past this one's (a limit lower than it says): its message maps the same way.
      const chrome = createChromeSyncArea({ spelling })
      const lying: BrowserSyncArea = { ...chrome, QUOTA_BYTES: 10_000_000, MAX_ITEMS: 10_000 }
      const fill = createBrowserSyncRemote({ area: lying, label: 'x' })
      let last: unknown
      for (let i = 0; i < 40 && last === undefined; i++)
        last = await fill.write(`r-${i}.json`, big(5_000), { create: true }).then(
          () => undefined,
          (e: unknown) => e,
        )
      expect(last).toMatchObject({
        code: 'SYNC_STORAGE_FULL',
        message: expect.stringMatching(
          spelling === 'legacy' ? /QUOTA_BYTES quota exceeded/ : /Resource::kQuotaBytes quota exceeded/,
        ) as unknown,
      })
    }
    const broken: BrowserSyncArea = {
      ...createChromeSyncArea(),
      get: () => Promise.reject(new Error('Please set webextensions.storage.sync.enabled to true in about:config')),
    }
    expect(await code(createBrowserSyncRemote({ area: broken, label: 'x' }).list())).toBe('SYNC_UNREACHABLE')
  })
})

describe('the write rate', () => {
  it('paces writes to 120 a minute: the next is RemoteBusy before the browser is asked, and goes through once the minute has passed', async () => {
    const clock = { t: START }
    const { area, remote } = device(clock)
    let { etag } = await remote.write('r-1.json', 'v0', { create: true })
    for (let i = 1; i < 120; i++) ({ etag } = await remote.write('r-1.json', `v${i}`, { ifMatch: etag }))
    clock.t += 30_000
    const busy = await failure(remote.write('r-1.json', 'v120', { ifMatch: etag }))
    expect(busy).toBeInstanceOf(RemoteBusy)
    expect(busy).toMatchObject({ code: 'SYNC_UNREACHABLE', retryAfterMs: 32_000 })
    expect(area.writeCalls).toBe(120)
    expect((await remote.read('r-1.json'))?.text).toBe('v119')
    clock.t += 32_000
    await remote.write('r-1.json', 'v120', { ifMatch: etag })
    expect((await remote.read('r-1.json'))?.text).toBe('v120')
  })

  it('paces writes to 1,800 an hour', async () => {
    const clock = { t: START }
    const { area, remote } = device(clock)
    let { etag } = await remote.write('r-1.json', 'v', { create: true })
    for (let i = 1; i < 1_800; i++) {
      if (i % 120 === 0) clock.t += 62_000
      ;({ etag } = await remote.write('r-1.json', `v${i}`, { ifMatch: etag }))
    }
    clock.t += 62_000
    const busy = await failure(remote.write('r-1.json', 'late', { ifMatch: etag }))
    expect(busy).toBeInstanceOf(RemoteBusy)
    expect((busy as RemoteBusy).retryAfterMs).toBe(START + 3_602_000 - clock.t)
    expect(area.writeCalls).toBe(1_800)
  })

  it("takes a chunked write's calls up front: refused whole rather than cut off", async () => {
    const clock = { t: START }
    const { area, remote } = device(clock)
    const { etag } = await remote.write('big.json', big(20_000), { create: true })
    for (let i = 0; i < 117; i++) await remote.write(`r-${i}.json`, 'x', { create: true })
    const before = area.snapshot()
    // Three calls: the new chunks, the index, the old chunks' removal; two are left.
    expect(await failure(remote.write('big.json', big(20_000), { ifMatch: etag }))).toBeInstanceOf(RemoteBusy)
    expect(area.snapshot()).toEqual(before)
  })

  it('when the browser refuses for its rate itself (a restarted worker forgot its count), nothing is lost, and left-over chunks go at the next write', async () => {
    const clock = { t: START }
    const area = createChromeSyncArea({ now: () => clock.t })
    const before = createBrowserSyncRemote({ area, label: 'x', now: () => clock.t })
    const { etag } = await before.write('big.json', big(20_000), { create: true })
    const old = await before.read('big.json')
    for (let i = 0; i < 117; i++) await before.write(`r-${i}.json`, 'x', { create: true })
    // 119 calls so far. A new remote (the worker restarted): its chunks are the 120th call, its index the 121st.
    const after = createBrowserSyncRemote({ area, label: 'x', now: () => clock.t })
    const busy = await failure(after.write('big.json', big(20_000), { ifMatch: etag }))
    expect(busy).toBeInstanceOf(RemoteBusy)
    expect(busy).toMatchObject({
      code: 'SYNC_UNREACHABLE',
      retryAfterMs: 61_000,
      message: expect.stringContaining('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.') as unknown,
    })
    expect(await after.read('big.json')).toEqual(old)
    const calls = area.writeCalls
    expect(await failure(after.write('r-x.json', 'x', { create: true }))).toBeInstanceOf(RemoteBusy)
    expect(area.writeCalls).toBe(calls) // refused here, not by the browser again
    clock.t += 61_000
    const chunkCount = () => Object.keys(area.snapshot()).filter((k) => k.startsWith('kf:c:')).length
    expect(chunkCount()).toBe(6) // the old version's 3 and the cut-off write's 3
    await after.write('r-x.json', 'x', { create: true })
    expect(chunkCount()).toBe(3)
    expect(await after.read('big.json')).toEqual(old)
  })
})

describe('accountsThatFit', () => {
  it('with real sealed records and header: about 33 accounts, and exactly that many fit', async () => {
    const { key } = await newSyncKey()
    const { header } = await createSyncHeader(PASSWORD, FAST_KDF)
    const headerText = JSON.stringify(header)
    const headerBytes = fileBytes('header.json', headerText)
    const records = await Promise.all([sampleState(), fullState(), sampleTombstone()].map((s) => sealRecord(key, SPACE, s)))
    const sizes = records.map((r) => fileBytes(`r-${r.id}.json`, JSON.stringify(r)))
    // Every record in the 2 KiB bucket costs the same, whatever it holds, give or take its digits.
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(40)
    expect(headerBytes).toBeLessThan(1_000)
    const recordBytes = Math.max(...sizes)
    expect(recordBytes).toBeGreaterThan(3_000)
    expect(recordBytes).toBeLessThan(3_200)
    const fit = accountsThatFit(recordBytes, headerBytes)
    expect(fit).toBe(33)

    // Written for real: that many fit, one more does not.
    const { remote } = device({ t: START })
    await remote.write('header.json', headerText, { create: true })
    const sample = sampleState()
    for (let i = 0; i <= fit; i++) {
      const id = `0b7c4c8e-3c1f-4b59-9d51-${String(i).padStart(12, '0')}`
      const text = JSON.stringify(await sealRecord(key, SPACE, { ...sample, id }))
      const write = remote.write(`r-${id}.json`, text, { create: true })
      if (i < fit) await write
      else expect(await code(write)).toBe('SYNC_STORAGE_FULL')
    }
  })

  it('is bounded by the bytes left beside the header, and by the items', () => {
    expect(accountsThatFit(3_000, 102_400)).toBe(0)
    expect(accountsThatFit(3_000, 200_000)).toBe(0)
    expect(accountsThatFit(100, 0)).toBe(511)
    expect(accountsThatFit(2_000, 400, { QUOTA_BYTES: 10_400, MAX_ITEMS: 512 })).toBe(5)
    expect(() => accountsThatFit(0, 100)).toThrow(RangeError)
  })
})
