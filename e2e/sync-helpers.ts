/**
 * Helpers for the two-device sync spec: a device is a browser profile of its own (a persistent
 * context with the built extension), its popup opened as a tab, and the requests the Sync page
 * sends, sent from that extension page with the envelope every page uses (src/shared/messaging.ts).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { launchWithExtension } from '../scripts/browser.mjs'
import { unpackAccountList } from '../src/shared/account-list-wire.ts'
import type { AccountList, InputOf, OutputOf, PopupToBackground } from '../src/shared/protocol.ts'
import { CAPTURE_EXTENSION_DIR, expect, killServiceWorker, openExtensionPage } from './fixtures.ts'
import { createVaultWithPassword, unlock } from './vault-helpers.ts'

export interface Device {
  name: string
  context: BrowserContext
  extensionId: string
  popup: Page
  /** Whether the browser, or the device's popup page, went away (a crash of Chromium itself, not of the worker). */
  crashed(): boolean
  /** The same profile in a new browser after a crash, unlocked again (storage.session went with the browser). */
  relaunch(): Promise<void>
  close(): Promise<void>
}

/**
 * A new profile with its own vault (with a password, so the session resumes from storage.session after a kill).
 *
 * It loads the test-only build whose manifest adds host_permissions <all_urls> (vite.config.ts), the one
 * difference from the shipped build: syncConnect needs the folder's origin granted, which the Sync page asks
 * for with permissions.request, and headless Chromium never answers that prompt (tried: it stays pending,
 * also with a real click and --apps-gallery-install-auto-confirm-for-tests; chrome://extensions'
 * developerPrivate.addHostPermission leaves permissions.contains false for an optional host).
 */
export async function launchDevice(name: string): Promise<Device> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `keyfob-sync-${name}-`))
  let closed = false
  const open = async () => {
    const context = await launchWithExtension(userDataDir, { extensionDir: CAPTURE_EXTENSION_DIR })
    closed = false
    context.on('close', () => (closed = true))
    const sw =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', (w) => w.url().startsWith('chrome-extension://')))
    const extensionId = new URL(sw.url()).host
    return { context, extensionId, popup: await openExtensionPage(context, extensionId) }
  }
  const device: Device = {
    name,
    ...(await open()),
    crashed: () => closed || device.popup.isClosed(),
    async relaunch() {
      await device.context.close().catch(() => undefined)
      Object.assign(device, await open())
      await unlock(device.popup)
      await expect(device.popup.getByRole('heading', { name: 'Accounts' })).toBeVisible({ timeout: 60_000 })
    },
    async close() {
      await device.context.close()
      fs.rmSync(userDataDir, { recursive: true, force: true })
    },
  }
  await createVaultWithPassword(device.popup)
  return device
}

type Output<K extends keyof PopupToBackground> = OutputOf<PopupToBackground, K>
type Input<K extends keyof PopupToBackground> = InputOf<PopupToBackground, K>

/** An answer, an error code, or a request the worker never answered (it was killed). */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } } | { ok: false; transport: string }

/**
 * One request as the extension's pages send it (one place, so it can become clicks on the Sync
 * page once that page exists). A worker killed before answering gives `transport`.
 */
export async function syncRequest<K extends keyof PopupToBackground>(page: Page, type: K, input: Input<K>): Promise<Reply<Output<K>>> {
  return page
    .evaluate(([type, input]) => chrome.runtime.sendMessage({ channel: 'popup', type, input }), [type, input] as const)
    .then((r: Reply<Output<K>> | undefined) => r ?? { ok: false as const, transport: 'no answer' })
    .catch((e: Error) => ({ ok: false as const, transport: e.message }))
}

/** The request's value; fails the test with the error otherwise. */
export async function must<K extends keyof PopupToBackground>(page: Page, type: K, input: Input<K>): Promise<Output<K>> {
  const reply = await syncRequest(page, type, input)
  if (!reply.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`)
  return reply.value
}

/** The error code of a refused request (fails the test if it was answered). */
export async function refusal<K extends keyof PopupToBackground>(page: Page, type: K, input: Input<K>): Promise<string> {
  const reply = await syncRequest(page, type, input)
  if (reply.ok || !('error' in reply)) throw new Error(`${type} was not refused: ${JSON.stringify(reply)}`)
  return reply.error.code
}

/** Kills the device's worker abruptly, as a crash would. */
export const kill = (d: Device) => killServiceWorker(d.context, d.extensionId)

/** What every device must agree on, from the list the popup asks for: sorted by id, nothing device-local. */
export interface SharedView {
  id: string
  issuer: string
  account: string
  type: string
  tags: string[]
  pinned: boolean
  order: number
  nextCounter: string | null
}

export async function sharedView(d: Device): Promise<SharedView[]> {
  const list: AccountList = unpackAccountList(await must(d.popup, 'listAccounts', {}))
  return list.accounts
    .map((a) => ({
      id: a.id,
      issuer: a.issuer,
      account: a.account,
      type: a.type,
      tags: a.tags,
      pinned: a.pinned,
      order: a.order,
      nextCounter: a.hotp?.nextCounter ?? null,
    }))
    .sort((x, y) => (x.id < y.id ? -1 : 1))
}

/**
 * Sync rounds (each device syncs in turn) until both show the same accounts and their last
 * cycles went through; returns the agreed view and how many rounds it took. Bounded by time, not
 * rounds: a worker killed while holding a WebDAV LOCK (rclone, dav-lock.ts) blocks writes to that
 * file until the lock times out (60 s), and every round meanwhile ends in SYNC_CONFLICT.
 */
export async function converge(devices: Device[], timeoutMs = 120_000): Promise<{ view: SharedView[]; rounds: number }> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  for (let round = 1; ; round++) {
    const errors: (string | null)[] = []
    for (const d of devices) {
      const reply = await syncRequest(d.popup, 'syncNow', {})
      if (!reply.ok && d.crashed()) {
        // Chromium itself went away, moments after a kill (see the kill test): the same profile
        // again, which must have lost nothing; the round does not count.
        await d.relaunch()
        errors.push('the browser went away')
        continue
      }
      if (!reply.ok) throw new Error(`syncNow failed: ${JSON.stringify(reply)}`)
      errors.push(reply.value.lastError)
    }
    const views = await Promise.all(devices.map(sharedView))
    last = `errors ${JSON.stringify(errors)}; views differ: ${views.map((v) => v.length).join(' vs ')} accounts`
    if (errors.every((e) => e === null) && views.every((v) => JSON.stringify(v) === JSON.stringify(views[0]))) {
      return { view: views[0] as SharedView[], rounds: round }
    }
    if (Date.now() > deadline) throw new Error(`no convergence after ${round} rounds (${timeoutMs / 1000} s): ${last}`)
  }
}

/** One row as a person reads it in the popup: the name, the account under it, the code shown. */
export interface PopupRow {
  name: string
  account: string
  code: string
}

async function visibleRows(popup: Page): Promise<Map<number, PopupRow>> {
  const rows = await popup
    .getByRole('list', { name: 'Accounts' })
    .getByRole('listitem')
    .evaluateAll((items) =>
      items.map((li) => ({
        index: Number(li.getAttribute('aria-posinset')) - 1,
        name: li.querySelector<HTMLElement>('.issuer')?.innerText.trim() ?? '',
        account: li.querySelector<HTMLElement>('.account-name')?.innerText.trim() ?? '',
        code: li.querySelector<HTMLElement>('.code')?.innerText.trim() ?? '',
      })),
    )
  return new Map(rows.map(({ index, ...row }) => [index, row]))
}

/** Every row of the popup's list, scrolling it as a person would (the list only renders what is in view). */
async function popupRows(popup: Page, expected: number): Promise<PopupRow[]> {
  await popup.reload()
  const list = popup.getByRole('list', { name: 'Accounts' })
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', String(expected), { timeout: 30_000 })
  const seen = new Map<number, PopupRow>()
  await list.hover()
  for (let step = 0; step < 4 * expected && seen.size < expected; step++) {
    for (const [i, row] of await visibleRows(popup)) seen.set(i, row)
    if (seen.size >= expected) break
    await popup.mouse.wheel(0, 200)
    // The list re-renders on scroll: wait for a row past the ones collected (never a fixed sleep).
    const next = Math.max(...seen.keys()) + 1
    await expect(list.locator(`li[aria-posinset="${next + 1}"]`)).toBeVisible({ timeout: 15_000 })
  }
  expect(seen.size).toBe(expected)
  return [...seen.keys()].sort((a, b) => a - b).map((i) => seen.get(i) as PopupRow)
}

/**
 * Both popups' rows read within one 30-s TOTP window (so equal accounts must show equal codes),
 * sorted by name; reads again if the window rolled over meanwhile.
 */
export async function rowsInOneWindow(devices: Device[], expected: number): Promise<PopupRow[][]> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const window = Math.floor(Date.now() / 30_000)
    const all: PopupRow[][] = []
    for (const d of devices) all.push(await popupRows(d.popup, expected))
    if (Math.floor(Date.now() / 30_000) === window) {
      const key = (r: PopupRow) => `${r.name}\u0000${r.account}`
      return all.map((rows) => [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0)))
    }
  }
  throw new Error('the popups could not be read within one 30-s window')
}

/** The real server's own files, reached directly (not through a device's proxy): for tampering as the server could. */
export function davFiles(origin: string, folder: string, user: string, password: string) {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`
  const url = (name: string) => `${origin}/${folder}/${encodeURIComponent(name)}`
  return {
    async get(name: string): Promise<string> {
      const r = await fetch(url(name), { headers: { authorization } })
      expect(r.status, `GET ${name}`).toBe(200)
      return r.text()
    },
    async put(name: string, body: string): Promise<void> {
      const r = await fetch(url(name), { method: 'PUT', headers: { authorization, 'content-type': 'application/json' }, body })
      expect([200, 201, 204], `PUT ${name}`).toContain(r.status)
    },
  }
}
