/**
 * Issue #15 "Speed": a fill or copy must not rewrite the vault. The real background over storage
 * areas that count every byte written to them (as JSON, as the browser stores it); the vault
 * opened with the device key (no Argon2) unless a test needs a password to lock.
 */
import { describe, expect, it } from 'vitest'
import { hotp } from '../../core/otp/hotp.ts'
import { importMasterKey, openVault, type VaultEnvelope } from '../../core/vault/index.ts'
import { base64Decode } from '../../core/encoding/base64.ts'
import { LOCAL, SESSION } from '../../shared/storage-keys.ts'
import { english, fakeTabs } from '../../../test/support/fake-tabs.ts'
import { memoryArea } from '../../../test/support/memory-area.ts'
import { account, add, clock as syncClock, newDevice, PASSPHRASE, PLACE } from '../../../test/support/sync-devices.ts'
import { memoryRemote } from '../../../test/support/memory-remote.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import { createBackground } from '../background.ts'
import { FLUSH_MS } from './bookkeeping.ts'

const HOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const BANK = 'https://login.example.com/2fa'
const TAB = 4
const PASSWORD = 'correct horse battery staple'

/** A storage area that counts what is written to it: bytes of each value's JSON (UTF-8), by key. */
function countingArea(inner: KeyValueArea = memoryArea()) {
  const writes: { key: string; bytes: number }[] = []
  const area: KeyValueArea = {
    get: (keys) => inner.get(keys),
    set: async (items) => {
      for (const [key, value] of Object.entries(items)) writes.push({ key, bytes: new TextEncoder().encode(JSON.stringify(value)).length })
      await inner.set(items)
    },
    remove: (keys) => inner.remove(keys),
  }
  /** What was written since `mark` (an index into writes). */
  const since = (mark: number) => {
    const w = writes.slice(mark)
    return { keys: w.map((x) => x.key), bytes: w.reduce((n, x) => n + x.bytes, 0) }
  }
  return { area, writes, since, inner }
}

const randomSecret = () => {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => A[b & 31]).join('')
}
const totpUris = (n: number) =>
  Array.from({ length: n }, (_, i) => `otpauth://totp/Bench${i}:user?secret=${randomSecret()}&issuer=Bench${i}`).join('\n')
const HOTP_URI = (counter: number) => `otpauth://hotp/Counter:carl@example.com?secret=${HOTP_SECRET}&issuer=Counter&counter=${counter}`

let clock = 1_700_000_000_000

interface World {
  local: ReturnType<typeof countingArea>
  session: KeyValueArea
  deviceKey: { key: CryptoKey | null }
}

/** A background over `world`'s storage: building another over the same areas is what a worker restart gives. */
function background(world: World) {
  const tabs = fakeTabs({ '4:0': { url: BANK } })
  const bg = createBackground({
    local: world.local.area,
    session: world.session,
    version: 't',
    now: () => clock,
    tabs: tabs.port,
    t: english,
    wait: async (ms) => void (clock += ms),
    deviceKeys: {
      load: async () => world.deviceKey.key,
      save: async (k) => void (world.deviceKey.key = k),
      clear: async () => void (world.deviceKey.key = null),
    },
  })
  return { bg, tabs }
}

/** A new world with a vault (device key, or `password`), `n` TOTP accounts and, when asked, an HOTP one, all bound to the bank. */
async function world(n: number, opts: { hotpCounter?: number; password?: string } = {}) {
  clock = 1_700_000_000_000
  const w: World = { local: countingArea(), session: memoryArea(), deviceKey: { key: null } }
  const { bg, tabs } = background(w)
  await bg.vault.setup(opts.password ?? null)
  const { added } = await bg.popupHandlers.addAccounts({ text: totpUris(n) })
  let hotpId: string | null = null
  if (opts.hotpCounter !== undefined) {
    const { added: h } = await bg.popupHandlers.addAccounts({ text: HOTP_URI(opts.hotpCounter) })
    hotpId = h[0]!.id
    await bg.popupHandlers.updateAccount({ id: hotpId, sites: ['example.com'] })
  } else {
    await bg.popupHandlers.updateAccount({ id: added[0]!.id, sites: ['example.com'] })
  }
  return { w, bg, tabs, ids: added.map((a) => a.id), hotpId }
}

/** The stored vault's own content (no record applied), opened with the session's master key. */
async function storedContent(w: World, key: string = LOCAL.vault) {
  const raw = (await w.session.get([SESSION.sessionKey]))[SESSION.sessionKey] as string
  const masterKey = await importMasterKey(base64Decode(raw))
  const envelope = (await w.local.inner.get([key]))[key] as VaultEnvelope
  return (await openVault(envelope, masterKey)).content
}

const menu = { from: 'menu', tabId: TAB, frameId: 0, url: BANK } as const

describe('a fill writes almost nothing (issue #15)', () => {
  it('a TOTP fill and a copy write no vault, and as few bytes at 1000 accounts as at 10', async () => {
    const bytes: Record<number, { fill: number; copy: number; flush: number }> = {}
    for (const n of [10, 1000]) {
      const { w, bg, tabs, ids } = await world(n)
      const vaultBytes = w.local.writes.filter((x) => x.key === LOCAL.vault).at(-1)!.bytes
      // The vault was written moments ago (the accounts added): the uses are only noted in storage.session.
      const mark = w.local.writes.length
      expect(await bg.fill.fromPage(menu)).toBe(true)
      const fill = w.local.since(mark)
      clock += 31_000 // the next period, so the fill is no replay
      expect(await bg.fill.fromPage(menu)).toBe(true)
      const secondFill = w.local.since(mark + fill.keys.length)
      const before = w.local.writes.length
      await bg.popupHandlers.codeCopied({ id: ids[1]!, code: '123456' })
      const copy = w.local.since(before)
      expect(tabs.frame('4:0').filled).toHaveLength(2)
      for (const use of [fill, secondFill, copy]) expect(use.keys).not.toContain(LOCAL.vault)
      expect([fill.bytes, secondFill.bytes, copy.bytes]).toEqual([0, 0, 0])
      // FLUSH_MS later, a use flushes every time noted so far into storage.local: one small record, not the vault.
      clock += FLUSH_MS
      const flushMark = w.local.writes.length
      await bg.popupHandlers.codeCopied({ id: ids[2]!, code: '123456' })
      const flush = w.local.since(flushMark)
      expect(flush.keys).toEqual([LOCAL.lastUsed])
      expect(flush.bytes).toBeLessThan(600)
      bytes[n] = { fill: fill.bytes, copy: copy.bytes, flush: flush.bytes }
      console.log(
        `${n} accounts: vault ${vaultBytes} B; fill ${fill.bytes} B, next fill ${secondFill.bytes} B, copy ${copy.bytes} B, flush ${flush.bytes} B`,
      )
    }
    expect(bytes[1000]).toEqual(bytes[10]) // O(1): nothing grows with the number of accounts
  })

  it('an HOTP fill stores its counter in one small record before the code leaves, at 1000 accounts', async () => {
    const { w, bg, tabs, hotpId } = await world(1000, { hotpCounter: 3 })
    const id = hotpId as string
    // What storage held when the code was handed to the page.
    const heldAtFill: unknown[] = []
    const ask = tabs.port.ask.bind(tabs.port)
    tabs.port.ask = (async (tabId: number, frameId: number, type: string, input: unknown) => {
      if (type === 'fillCode') heldAtFill.push((await w.local.inner.get([`hotp:${id}`]))[`hotp:${id}`])
      return (ask as (...a: unknown[]) => Promise<unknown>)(tabId, frameId, type, input)
    }) as typeof tabs.port.ask
    const mark = w.local.writes.length
    expect(await bg.fill.fromPage(menu)).toBe(true)
    const written = w.local.since(mark)
    expect(tabs.frame('4:0').filled).toEqual([await hotp(HOTP_SECRET, 3n)])
    expect(heldAtFill[0]).toBeDefined()
    expect(written.keys).not.toContain(LOCAL.vault)
    const counterWrites = w.local.writes.slice(mark).filter((x) => x.key === `hotp:${id}`)
    expect(counterWrites).toHaveLength(1)
    expect(counterWrites[0]!.bytes).toBeLessThan(120)
    console.log(
      `HOTP fill, 1000 accounts: counter record ${counterWrites[0]!.bytes} B; all writes ${written.bytes} B (${written.keys.join(', ')})`,
    )
    // The next code shown in the popup is the next counter's.
    expect((await bg.popupHandlers.nextHotpCode({ id })).hotp).toEqual({ code: await hotp(HOTP_SECRET, 4n), nextCounter: '5' })
    expect(w.local.since(mark).keys).not.toContain(LOCAL.vault)
  })

  it('never hands out a counter twice when the worker is killed right after a code, nor after a browser restart', async () => {
    const { w, bg, hotpId } = await world(3, { hotpCounter: 0 })
    const id = hotpId as string
    expect((await bg.popupHandlers.nextHotpCode({ id })).hotp?.code).toBe(await hotp(HOTP_SECRET, 0n))
    // Killed: a new background over the same storage, the session kept (a worker stop).
    const second = background(w).bg
    expect((await second.popupHandlers.nextHotpCode({ id })).hotp?.code).toBe(await hotp(HOTP_SECRET, 1n))
    // And through the fill, from a third worker.
    const third = background(w)
    expect(await third.bg.fill.fromPage(menu)).toBe(true)
    expect(third.tabs.frame('4:0').filled).toEqual([await hotp(HOTP_SECRET, 2n)])
    // The browser closed: storage.session is gone; the device key opens the vault again.
    w.session = memoryArea()
    const fourth = background(w).bg
    expect((await fourth.popupHandlers.listAccounts({})).accounts.find((a) => a.id === id)?.hotp?.nextCounter).toBe('3')
    expect((await fourth.popupHandlers.nextHotpCode({ id })).hotp?.code).toBe(await hotp(HOTP_SECRET, 3n))
    await fourth.vault.current()
    expect((await storedContent(w)).accounts.find((a) => a.id === id)?.counter).toBe(0n) // the vault itself was never rewritten
  })

  it('a rolled-back, swapped or forged counter record never lowers a counter', async () => {
    const { w, bg, hotpId } = await world(1, { hotpCounter: 0 })
    const id = hotpId as string
    const { added } = await bg.popupHandlers.addAccounts({
      text: HOTP_URI(0).replace('Counter:carl', 'Other:olga').replace(HOTP_SECRET, randomSecret()),
    })
    const other = added[0]!.id
    await bg.popupHandlers.nextHotpCode({ id }) // record: 1
    const old = (await w.local.inner.get([`hotp:${id}`]))[`hotp:${id}`]
    for (let i = 0; i < 4; i++) await bg.popupHandlers.nextHotpCode({ id }) // record: 5
    // Two vault writes: the first seals 5 in, the second (the previous copy now holds 5 too) drops the record.
    await bg.popupHandlers.updateAccount({ id, tags: ['a'] })
    expect(await w.local.inner.get([`hotp:${id}`])).toHaveProperty(`hotp:${id}`)
    await bg.popupHandlers.updateAccount({ id, tags: ['b'] })
    expect(await w.local.inner.get([`hotp:${id}`])).toEqual({})
    expect((await storedContent(w, LOCAL.vaultPrevious)).accounts.find((a) => a.id === id)?.counter).toBe(5n)
    // Rolled back: the old record (counter 1) put back. Swapped: this account's record under the other's key. Forged: noise.
    await w.local.inner.set({
      [`hotp:${id}`]: old,
      [`hotp:${other}`]: (await w.local.inner.get([`hotp:${id}`]))[`hotp:${id}`] ?? old,
    })
    let restarted = background(w).bg
    let list = (await restarted.popupHandlers.listAccounts({})).accounts
    expect(list.find((a) => a.id === id)?.hotp?.nextCounter).toBe('5')
    expect(list.find((a) => a.id === other)?.hotp?.nextCounter).toBe('0')
    await w.local.inner.set({ [`hotp:${id}`]: { nonce: 'AAAAAAAAAAAAAAAA', ciphertext: 'A'.repeat(64) } })
    restarted = background(w).bg
    list = (await restarted.popupHandlers.listAccounts({})).accounts
    expect(list.find((a) => a.id === id)?.hotp?.nextCounter).toBe('5')
    expect((await restarted.popupHandlers.nextHotpCode({ id })).hotp?.code).toBe(await hotp(HOTP_SECRET, 5n))
  })

  it('a counter record removed from storage.local cannot lower the counter while the browser session lasts', async () => {
    const { w, bg, hotpId } = await world(1, { hotpCounter: 0 })
    const id = hotpId as string
    await bg.popupHandlers.nextHotpCode({ id })
    await bg.popupHandlers.nextHotpCode({ id })
    await w.local.inner.remove([`hotp:${id}`])
    // A worker restart: storage.session's copy (which no content script can touch) still says 2.
    const restarted = background(w).bg
    expect((await restarted.popupHandlers.nextHotpCode({ id })).hotp?.code).toBe(await hotp(HOTP_SECRET, 2n))
    expect(await w.local.inner.get([`hotp:${id}`])).toHaveProperty(`hotp:${id}`) // and the record is back, at 3
  })

  it('keeps last-used times through a worker restart, a flush and a lock, without writing the vault', async () => {
    const { w, bg, ids } = await world(2, { password: PASSWORD })
    const vaultWrites = () => w.local.writes.filter((x) => x.key === LOCAL.vault).length
    const writesBefore = vaultWrites()
    const usedAt = (await bg.popupHandlers.codeCopied({ id: ids[0]!, code: '1' }), clock)
    clock += 1000
    await bg.popupHandlers.codeCopied({ id: ids[1]!, code: '1' }) // both noted in storage.session only (the vault was written moments ago)
    const lastUsed = async (b = bg) => new Map((await b.popupHandlers.listAccounts({})).accounts.map((a) => [a.id, a.lastUsedAt]))
    expect(await lastUsed()).toEqual(
      new Map([
        [ids[0], usedAt],
        [ids[1], usedAt + 1000],
      ]),
    )
    // A worker restart: the second time comes back from storage.session.
    const restarted = background(w).bg
    expect(await lastUsed(restarted)).toEqual(
      new Map([
        [ids[0], usedAt],
        [ids[1], usedAt + 1000],
      ]),
    )
    // Lock flushes to storage.local; after the unlock both are there, and the vault was not written for them.
    await restarted.vault.lock()
    await restarted.vault.unlock(PASSWORD)
    expect(await lastUsed(restarted)).toEqual(
      new Map([
        [ids[0], usedAt],
        [ids[1], usedAt + 1000],
      ]),
    )
    expect(vaultWrites()).toBe(writesBefore)
    // The next real write seals them into the vault, and the record goes.
    await restarted.popupHandlers.updateAccount({ id: ids[0]!, tags: ['x'] })
    expect((await storedContent(w)).accounts.map((a) => a.lastUsedAt)).toEqual([usedAt, usedAt + 1000])
    expect(await w.local.inner.get([LOCAL.lastUsed])).toEqual({})
  })

  it('exports the effective counter', async () => {
    const { bg, hotpId } = await world(1, { hotpCounter: 7 })
    await bg.popupHandlers.nextHotpCode({ id: hotpId as string })
    await bg.popupHandlers.nextHotpCode({ id: hotpId as string })
    const { text } = await bg.popupHandlers.exportVault({ format: 'otpauth-uri-list', password: '', acceptPlaintext: true })
    expect(text).toMatch(/otpauth:\/\/hotp\/[^\n]*counter=9/)
  })
})

describe('sync sees the effective counters', () => {
  it('uploads a counter advanced without a vault write, and merges counters at the maximum', async () => {
    const remote = memoryRemote()
    const a = await newDevice(remote)
    const b = await newDevice(remote)
    const h = account({ type: 'hotp', counter: 2n })
    await add(a, h)
    await a.engine.connect(PLACE, { create: PASSPHRASE })
    await b.engine.connect(PLACE, { passphrase: PASSPHRASE })
    const counterOn = async (d: typeof a) => (await d.vault.current()).content.accounts.find((x) => x.id === h.id)?.counter
    expect(await counterOn(b)).toBe(2n)
    // A uses three codes, B one: each only a counter record, no vault write.
    const advance = (d: typeof a) => d.vault.recordUse(h.id, (x) => void (x.counter += 1n))
    for (let i = 0; i < 3; i++) await advance(a)
    await advance(b)
    syncClock.now += 60_000
    await a.engine.sync()
    await b.engine.sync()
    await a.engine.sync()
    expect(await counterOn(a)).toBe(5n)
    expect(await counterOn(b)).toBe(5n)
    // B used one more after the merge: the max again.
    await advance(b)
    syncClock.now += 60_000
    await b.engine.sync()
    await a.engine.sync()
    expect(await counterOn(a)).toBe(6n)
  })
})
