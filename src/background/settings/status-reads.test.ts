/**
 * Issue #15: a running worker answered every popup opening after storage round trips, each slow while the browser
 * loads the popup's page: the throttle record, then the clock record (for the status), and the scans waiting for an
 * Add. Each is now kept between reads while unchanged (watched-key.ts), and any context's change is seen at the next
 * opening.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { readQrScanIn } from '../../core/qr/index.ts'
import { LOCAL, SESSION } from '../../shared/storage-keys.ts'
import { qrPage } from '../../../test/support/qr-page.ts'
import { fakeBackground } from '../../../test/support/fake-background.ts'

const now = 1_700_000_000_000

/** The keys each area was asked for since the last call. */
function readsOf(area: typeof fakeBrowser.storage.local) {
  const spy = vi.spyOn(area, 'get')
  spy.mockClear() // the same spy when an earlier test made one
  return (): string[] => {
    const keys = spy.mock.calls.flatMap((args): string[] => {
      const asked: unknown = args[0]
      if (Array.isArray(asked)) return asked.map(String)
      if (typeof asked === 'string') return [asked]
      return typeof asked === 'object' && asked !== null ? Object.keys(asked) : []
    })
    spy.mockClear()
    return keys
  }
}

beforeEach(() => fakeBrowser.reset())

describe('the status every popup opening asks', () => {
  it('reads the throttle and clock records once while they are unchanged, and again after any change', async () => {
    const s = fakeBackground({
      now: () => now,
      version: 't',
    })
    await s.vault.setup('correct horse battery staple')
    const local = readsOf(fakeBrowser.storage.local)
    const session = readsOf(fakeBrowser.storage.session)
    expect(await s.status()).toMatchObject({ state: 'unlocked', failures: 0, clock: null })
    local()
    session()
    await s.status()
    expect(local()).not.toContain(LOCAL.throttle)
    expect(session()).not.toContain(SESSION.clock)

    // Another context's writes (the events come from the browser): seen at the next status.
    await fakeBrowser.storage.local.set({ [LOCAL.throttle]: { failures: 3, lastFailureAt: now } })
    const twoSites = { 'bank.example': { skewMs: 120_000, at: now }, 'shop.test': { skewMs: 120_000, at: now } }
    await fakeBrowser.storage.session.set({ [SESSION.clock]: twoSites })
    const changed = await s.status()
    expect(changed.failures).toBe(3)
    expect(changed.clock).toMatchObject({ skewMs: 120_000, correctable: true })
    await fakeBrowser.storage.local.remove(LOCAL.throttle)
    expect((await s.status()).failures).toBe(0)
  })
})

describe('the scans waiting, which every popup opening asks about', () => {
  it('are read once while unchanged, and again after this worker stores one or another context removes them', async () => {
    const bank = 'otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank'
    const s = fakeBackground({
      now: () => now,
      version: 't',
      decodeQr: (_image, crop) => readQrScanIn(qrPage(bank, { x: 200, y: 120 }), crop, null),
    })
    await s.vault.setup('correct horse battery staple')
    const open = () => s.popupHandlers.openPopup({}, undefined)
    expect((await open()).scan).toBeNull()
    const session = readsOf(fakeBrowser.storage.session)
    expect((await open()).scan).toBeNull()
    expect(session()).not.toContain(SESSION.pendingScans)

    // This worker's own scan: the next opening offers it.
    await s.popupHandlers.scanImage({ dataUrl: 'data:image/png;base64,iVBORw0KGgo=' })
    expect((await open()).scan).toMatchObject({ state: 'found', items: [{ issuer: 'Example Bank' }] })
    // Another context's removal (the event comes from the browser): the next opening has none.
    await fakeBrowser.storage.session.remove(SESSION.pendingScans)
    expect((await open()).scan).toBeNull()
  })
})
