/**
 * Sync through the browser's own sync storage (storage.sync), end to end in the built extension.
 * Headless Chromium has no signed-in account, so nothing leaves the profile: the test moves the
 * area's items from one profile to the other as the browser's sync would (every item the first
 * holds is set in the second, and keys gone from the first are removed), through each profile's
 * own chrome.storage.sync from an extension page. Keyfob sees those as changes from another device.
 *
 * Connecting is sent as the Sync page will send it: the popup's request envelope
 * ({ channel: 'popup', type: 'syncConnect', input }) through runtime.sendMessage from an extension
 * page (src/shared/messaging.ts), its answer unwrapped from { ok, value | error }.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { launchWithExtension } from '../scripts/browser.mjs'
import { EXTENSION_DIR, HOST_RULES, expect, openExtensionPage, test } from './fixtures.ts'
import { addAccounts, createVaultWithPassword, expectCodeShown } from './vault-helpers.ts'

const SYNC_PASSPHRASE = 'a sync passphrase for two browsers'
/** Argon2 (the vault's, the sync header's) and a browser start are slow on a busy 2-core machine. */
const SLOW = { timeout: 60_000 }

const account = (issuer: string, secret: string) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:person@example.com?secret=${secret}&issuer=${encodeURIComponent(issuer)}`
const ACME = account('Acme Bank', 'JBSWY3DPEHPK3PXP')
const WIDGETS = account('Widgets', 'GEZDGNBVGY3TQOJQGEZDGNBV')
const GIZMO = account('Gizmo Mail', 'MFRGGZDFMZTWQ2LKNNWG23TP')

type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; message: string; values?: string[] } }

/** A request as the extension's pages send it (src/shared/messaging.ts), answered with its envelope. */
function ask(page: Page, type: string, input: unknown): Promise<Answer> {
  return page.evaluate(({ type, input }) => chrome.runtime.sendMessage({ channel: 'popup', type, input }), { type, input })
}

const syncItems = (page: Page): Promise<Record<string, unknown>> => page.evaluate(() => chrome.storage.sync.get(null))

/** What the browser's sync does, once: `to`'s area becomes `from`'s (items set, removed keys removed). */
async function carry(from: Page, to: Page): Promise<number> {
  const items = await syncItems(from)
  return to.evaluate(async (items) => {
    const gone = Object.keys(await chrome.storage.sync.get(null)).filter((k) => !(k in items))
    if (gone.length > 0) await chrome.storage.sync.remove(gone)
    await chrome.storage.sync.set(items)
    return Object.keys(items).length
  }, items)
}

/** The issuers the popup lists, as a person reads them off the code buttons. */
async function issuersShown(popup: Page): Promise<string[]> {
  const names = await popup
    .getByRole('button', { name: /^Copy code / })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))
  return names.map((n) => n.replace(/^Copy code .* for /, '')).sort()
}

/** The popup again (as a person opens it anew), listing what the vault holds now. */
async function reopened(popup: Page): Promise<Page> {
  await popup.reload()
  await expect(popup.getByRole('heading', { name: 'Accounts' })).toBeVisible(SLOW)
  return popup
}

test('two browser profiles sync through storage.sync: A creates, B joins with the passphrase and shows the same codes, B’s new account reaches A', async ({
  extensionId,
  popup,
}) => {
  test.setTimeout(180_000)
  await createVaultWithPassword(popup)
  await addAccounts(popup, ACME, WIDGETS)

  const created = await ask(popup, 'syncConnect', { place: { kind: 'browser' }, secret: { create: SYNC_PASSPHRASE } })
  expect(created).toMatchObject({ ok: true, value: { created: true, accounts: 2, firstSyncError: null, first: { toRemote: 2 } } })
  const status = await ask(popup, 'syncStatus', {})
  expect(status).toMatchObject({ ok: true, value: { connected: true, place: 'Chrome sync', lastError: null } })

  // What A's browser would upload: Keyfob's items only (the header and two records), nothing in clear.
  const itemsA = await syncItems(popup)
  expect(Object.keys(itemsA).sort()).toHaveLength(3)
  const text = JSON.stringify(itemsA)
  for (const clear of ['Acme', 'Widgets', 'person@example.com', 'JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', SYNC_PASSPHRASE]) {
    expect(text, clear).not.toContain(clear)
  }
  // No backup there (those go to WebDAV folders only), and nothing in clear in storage.local either.
  expect(Object.keys(itemsA).some((k) => k.includes('backup'))).toBe(false)

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyfob-e2e-b-'))
  let other: BrowserContext | null = null
  try {
    other = await launchWithExtension(dir, { extensionDir: EXTENSION_DIR, args: HOST_RULES })
    const popupB = await openExtensionPage(other, extensionId)
    await createVaultWithPassword(popupB, 'the second browser’s password')
    await expect(popupB.getByRole('button', { name: /^Copy code / })).toHaveCount(0)

    // The browser's sync brings A's items to B.
    expect(await carry(popup, popupB)).toBe(3)
    const joined = await ask(popupB, 'syncConnect', { place: { kind: 'browser' }, secret: { passphrase: SYNC_PASSPHRASE } })
    expect(joined).toMatchObject({ ok: true, value: { created: false, recoveryKey: null, accounts: 2, firstSyncError: null } })

    // B's popup, read like a person: the same accounts, the same codes.
    await reopened(popupB)
    expect(await issuersShown(popupB)).toEqual(['Acme Bank', 'Widgets'])
    for (const [uri, name] of [
      [ACME, 'Acme Bank'],
      [WIDGETS, 'Widgets'],
    ] as const) {
      await expectCodeShown(popupB, uri, name)
      await expectCodeShown(popup, uri, name)
    }

    // An account added on B: B's own cycle writes it (debounced), the browser carries it to A, and A's cycle brings it in.
    await addAccounts(popupB, GIZMO)
    await expect.poll(async () => Object.keys(await syncItems(popupB)).length, { timeout: 30_000 }).toBe(4)
    await carry(popupB, popup)
    await expect
      .poll(async () => issuersShown(await reopened(popup)), { timeout: 45_000, intervals: [1000, 2000, 3000] })
      .toEqual(['Acme Bank', 'Gizmo Mail', 'Widgets'])
    await expectCodeShown(popup, GIZMO, 'Gizmo Mail')
    expect(await ask(popup, 'syncStatus', {})).toMatchObject({ ok: true, value: { connected: true, lastError: null } })
  } finally {
    await other?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('a vault too large for storage.sync is refused with how many of its accounts fit, and nothing is written there', async ({ popup }) => {
  test.setTimeout(120_000)
  await createVaultWithPassword(popup)
  const uris = Array.from({ length: 40 }, (_, i) =>
    account(
      `Service ${String(i + 1).padStart(2, '0')}`,
      `JBSWY3DPEHPK3PXP${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]}${'ABCDEFGH'[Math.floor(i / 26)]}AAAAAA`,
    ),
  )
  await addAccounts(popup, ...uris)
  await expect(popup.getByRole('button', { name: /^Copy code / })).toHaveCount(40)

  const refused = await ask(popup, 'syncConnect', { place: { kind: 'browser' }, secret: { create: SYNC_PASSPHRASE } })
  expect(refused).toMatchObject({ ok: false, error: { code: 'SYNC_TOO_BIG', values: ['33', '40'] } })
  // The sentence the Sync page shows for it.
  const sentence = await popup.evaluate((values) => chrome.i18n.getMessage('error_SYNC_TOO_BIG', values), ['33', '40'])
  expect(sentence).toBe(
    "Your accounts do not fit in the browser's sync storage: only 33 of your 40 accounts would. Use a WebDAV folder (Nextcloud, ownCloud or any WebDAV server) instead.",
  )
  expect(await syncItems(popup)).toEqual({})
  expect(await popup.evaluate(() => chrome.storage.sync.getBytesInUse(null))).toBe(0)
  expect(await ask(popup, 'syncStatus', {})).toMatchObject({ ok: true, value: { connected: false } })
})
