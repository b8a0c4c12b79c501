import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it } from 'vitest'
import { encodeMigrationPayloads } from '../../core/uri/encode-migration-payloads.ts'
import type { Background } from '../background.ts'
import { fakeBackground } from '../../../test/support/fake-background.ts'

const PASSWORD = 'correct horse battery staple'
const BANK = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'
const HOTP = 'otpauth://hotp/Counter:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=12345678901234&issuer=Counter'
const TAB = 7

let clock = 1_700_000_000_000
let alarms: (number | null)[] = []

/** A worker's services over the (shared) fake storage: a second call is the worker after a restart. */
function worker(): Background {
  return fakeBackground({
    now: () => clock,
    version: 't',
    // The scan-expiry alarm: when it is set for, or null once cleared.
    alarms: { create: async (_, { when }) => void alarms.push(when ?? null), clear: async () => void alarms.push(null) },
  })
}

const accounts = async (s: Background) =>
  (await s.vault.current()).content.accounts.map((a) => ({ issuer: a.issuer, sites: a.sites, counter: a.counter }))

beforeEach(async () => {
  fakeBrowser.reset()
  clock = 1_700_000_000_000
  alarms = []
  await worker().vault.setup(PASSWORD)
})

describe('ScanService', () => {
  it('a scan waiting for Add survives the worker’s stop, HOTP counter and bound site included', async () => {
    const before = worker()
    const panel = await before.scans.interpret(
      [
        { text: BANK, site: 'example.com' },
        { text: HOTP, site: 'example.com' },
      ],
      TAB,
    )
    expect(panel.state).toBe('found')
    // Stored as JSON, as storage.session requires (a bigint would not survive it).
    const stored = await fakeBrowser.storage.session.get(null)
    expect(() => JSON.stringify(stored)).not.toThrow()
    expect(JSON.stringify(stored)).toContain('"counter":"12345678901234"')
    clock += 60_000
    const after = worker()
    expect(await after.scans.confirm(panel.scanId, TAB)).toMatchObject({
      state: 'added',
      items: [{ issuer: 'Example Bank' }, { issuer: 'Counter' }],
    })
    expect(await accounts(after)).toEqual([
      { issuer: 'Example Bank', sites: [], counter: 0n },
      { issuer: 'Counter', sites: [], counter: 12345678901234n },
    ])
  })

  it('binds per the rule and says so per item before Add', async () => {
    const s = worker()
    const single = await s.scans.interpret([{ text: BANK, site: 'example.com' }], TAB)
    expect(single.items).toEqual([expect.objectContaining({ issuer: 'Example Bank', site: 'example.com', duplicate: false })])
    expect(single.note).toBeNull()
    await s.scans.confirm(single.scanId, TAB)
    expect((await s.vault.current()).content.accounts[0]?.sites).toEqual(['example.com'])

    const { uris } = encodeMigrationPayloads([
      {
        type: 'totp',
        secret: 'KRUGS4ZANFZSAYLOEBSXQYLNOBWGKIDLMV4Q',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0n,
        issuer: 'GitHub',
        account: 'octo',
      },
      {
        type: 'totp',
        secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0n,
        issuer: 'example.com',
        account: 'me',
      },
    ])
    const exported = await s.scans.interpret([{ text: uris[0] as string, site: 'example.com' }], TAB)
    expect(exported.items.map((i) => [i.issuer, i.site])).toEqual([
      ['GitHub', null],
      ['example.com', 'example.com'],
    ])
    expect(exported.note).toBe('scanNoteBatch')
    const elsewhere = await s.scans.interpret([{ text: HOTP, site: null }], TAB)
    expect(elsewhere).toMatchObject({ items: [{ site: null }], note: 'scanNoteElsewhere' })
    // An image file from the popup: no page, nothing to explain.
    expect((await s.scans.interpret([{ text: HOTP, site: null }], null)).note).toBeNull()
  })

  it('only the tab that scanned can add it, and only for ten minutes', async () => {
    const s = worker()
    const panel = await s.scans.interpret([{ text: BANK, site: 'example.com' }], TAB)
    await expect(s.scans.confirm(panel.scanId, TAB + 1)).rejects.toMatchObject({ code: 'SCAN_EXPIRED' })
    clock += 10 * 60_000 + 1
    await expect(worker().scans.confirm(panel.scanId, TAB)).rejects.toMatchObject({ code: 'SCAN_EXPIRED' })
    expect((await s.vault.current()).content.accounts).toEqual([])
  })

  it('a repeated Add (the worker stopped before answering) gets the first one’s result and adds nothing twice', async () => {
    const s = worker()
    const panel = await s.scans.interpret([{ text: BANK, site: 'example.com' }], TAB)
    const first = await s.scans.confirm(panel.scanId, TAB)
    const again = await worker().scans.confirm(panel.scanId, TAB)
    expect(again).toEqual(first)
    expect(again.items).toEqual([expect.objectContaining({ duplicate: false })])
    expect(await accounts(s)).toHaveLength(1)
    // Its secrets are dropped once added: only names remain until it expires.
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('JBSWY3DPEHPK3PXP')
  })

  it('an Add while locked adds nothing and keeps the scan waiting for the unlock', async () => {
    const s = worker()
    const panel = await s.scans.interpret([{ text: BANK, site: 'example.com' }], TAB)
    await s.vault.lock()
    expect(await s.scans.confirm(panel.scanId, TAB)).toMatchObject({
      state: 'locked',
      items: [{ issuer: 'Example Bank', site: 'example.com' }],
    })
    await s.vault.unlock(PASSWORD)
    expect(await s.scans.latest()).toMatchObject({ scanId: panel.scanId, state: 'found' })
    expect(await s.scans.confirm(panel.scanId, null)).toMatchObject({ state: 'added' })
  })

  it('expired scans leave storage.session at the expiry alarm, secrets and all', async () => {
    const s = worker()
    await s.scans.interpret([{ text: BANK, site: 'example.com' }], TAB)
    expect(alarms.at(-1)).toBe(clock + 10 * 60_000 + 1_000)
    clock += 10 * 60_000 + 1_000
    await worker().scans.purge()
    expect(await fakeBrowser.storage.session.get(['pendingScans', 'scanParts'])).toEqual({})
    expect(alarms.at(-1)).toBeNull()
  })

  it('the parts of an export survive a restart until the last one arrives', async () => {
    const many = Array.from({ length: 4 }, (_, n) => ({
      type: 'totp' as const,
      secret: 'JBSWY3DPEHPK3PXP'.slice(0, 8) + 'ABCDEFGH'.slice(n) + 'A'.repeat(n),
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      counter: 0n,
      issuer: `Service ${n}`,
      account: `user${n}`,
    }))
    const { uris } = encodeMigrationPayloads(many, { maxAccounts: 2, batchId: 9 })
    expect(await worker().scans.interpret([{ text: uris[0] as string, site: 'example.com' }], TAB)).toMatchObject({
      state: 'partial',
      batch: { seen: 1, total: 2 },
      message: { key: 'scanPartial', values: ['1', '2'] },
    })
    const done = await worker().scans.interpret([{ text: uris[1] as string, site: 'example.com' }], TAB)
    expect(done.items.map((i) => i.issuer)).toEqual(['Service 0', 'Service 1', 'Service 2', 'Service 3'])
  })

  it('says what a scan found with a key and values, which the panel translates: never a sentence', async () => {
    const s = worker()
    expect((await s.scans.interpret([], TAB)).message).toEqual({ key: 'scanNoCode' })
    expect((await s.scans.interpret([{ text: 'https://example.com/', site: null }], TAB)).message).toEqual({ key: 'scanNotSetupCode' })
    const broken = await s.scans.interpret([{ text: 'otpauth://totp/Acme?secret=JBSWY3DPEHPK3PXP&digits=99', site: null }], TAB)
    expect(broken).toMatchObject({ state: 'error', message: { key: 'scanUnreadable', values: [expect.stringContaining('igits')] } })
  })
})
