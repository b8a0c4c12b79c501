/**
 * Sync through the browser's own sync storage in Firefox (storage.sync, which Firefox Sync carries
 * when "Add-ons" is ticked; without an account it stays in the profile): the place is labelled
 * "Firefox Sync", only encrypted items are written, and a vault too large is refused with how many
 * of its accounts fit, Firefox exposing no quota constants (Chrome's apply). The two-profile
 * round trip is e2e/sync-browser.spec.ts (Chromium).
 */
import { ACME, WIDGETS, addAccounts, createVaultWithPassword } from '../shared/flows.ts'
import { popupRequest } from '../shared/ui.ts'
import { expect, test } from './fixtures.ts'

const SYNC_PASSPHRASE = 'a sync passphrase for two browsers'

test('the browser place in Firefox: "Firefox Sync", encrypted items only', async ({ popup }) => {
  test.setTimeout(120_000)
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME, WIDGETS)
  const created = await popupRequest(popup, 'syncConnect', { place: { kind: 'browser' }, secret: { create: SYNC_PASSPHRASE } })
  expect(created).toMatchObject({ ok: true, value: { created: true, accounts: 2, firstSyncError: null, first: { toRemote: 2 } } })
  expect(await popupRequest(popup, 'syncStatus', {})).toMatchObject({
    ok: true,
    value: { connected: true, place: 'Firefox Sync', lastError: null },
  })
  const items = await popup.evaluate(() => chrome.storage.sync.get(null), null)
  expect(Object.keys(items).sort()).toHaveLength(3)
  expect(Object.keys(items).every((k) => k.startsWith('kf:f:'))).toBe(true)
  const text = JSON.stringify(items)
  for (const clear of ['Acme', 'Widgets', 'example.com', 'JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', SYNC_PASSPHRASE]) {
    expect(text, clear).not.toContain(clear)
  }
})

test('a vault too large for Firefox’s storage.sync is refused with "33 of 40", and nothing is written', async ({ popup }) => {
  test.setTimeout(120_000)
  await createVaultWithPassword(popup)
  const uris = Array.from(
    { length: 40 },
    (_, i) =>
      `otpauth://totp/Service%20${i + 1}:person@example.com?secret=JBSWY3DPEHPK3PXP${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]}${'ABCDEFGH'[Math.floor(i / 26)]}AAAAAA&issuer=Service%20${i + 1}`,
  )
  await addAccounts(popup, ...uris)
  const refused = await popupRequest(popup, 'syncConnect', { place: { kind: 'browser' }, secret: { create: SYNC_PASSPHRASE } })
  expect(refused).toMatchObject({ ok: false, error: { code: 'SYNC_TOO_BIG', values: ['33', '40'] } })
  expect(await popup.evaluate(() => chrome.storage.sync.get(null), null)).toEqual({})
  expect(await popupRequest(popup, 'syncStatus', {})).toMatchObject({ ok: true, value: { connected: false } })
})
