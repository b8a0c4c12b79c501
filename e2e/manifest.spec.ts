/**
 * docs/security.md §5 and §3.1, on the extension as built (dist/) and loaded by Chromium: the
 * manifest Chromium parsed asks for exactly the documented permissions, no host access, has the
 * documented content security policy, and gives pages nothing (no externally_connectable, no
 * web_accessible_resources); the service worker has no external or port listener. The Firefox
 * and e2e-capture manifests are checked from manifestFor in test/manifest.test.ts.
 */
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from './fixtures.ts'

const PERMISSIONS = ['activeTab', 'alarms', 'clipboardRead', 'clipboardWrite', 'contextMenus', 'offscreen', 'scripting', 'storage']
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

test('the built manifest asks for exactly the documented permissions and gives pages and other extensions no way in', async ({
  sw,
  extensionDir,
}) => {
  test.skip(path.basename(extensionDir) !== 'dist', 'checks the shipped build (dist/), not a test-only one')
  const onDisk = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as Record<string, unknown>
  const loaded = (await sw.evaluate(() => chrome.runtime.getManifest())) as unknown as Record<string, unknown>
  for (const m of [onDisk, loaded]) {
    expect([...(m.permissions as string[])].sort()).toEqual(PERMISSIONS)
    // Sync's folder origin, asked for when the person connects (src/shared/sync-permission.ts).
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'])
    for (const key of ['host_permissions', 'optional_permissions', 'externally_connectable', 'web_accessible_resources', 'update_url']) {
      expect(m, key).not.toHaveProperty(key)
    }
    expect(m.content_security_policy).toEqual({ extension_pages: CSP })
    // A classic worker, which may load its rare features later (scripts/classic-service-worker.mjs).
    expect(m.background).toEqual({ service_worker: 'service-worker-loader.js' })
    expect(m.content_scripts).toEqual([
      expect.objectContaining({ matches: ['http://*/*', 'https://*/*'], run_at: 'document_idle', all_frames: true }),
    ])
  }
  // Chromium granted nothing more than asked: no host beyond what the content script matches.
  const granted = await sw.evaluate(() => chrome.permissions.getAll())
  expect([...(granted.permissions ?? [])].sort()).toEqual(PERMISSIONS)
  expect([...(granted.origins ?? [])].sort()).toEqual(['http://*/*', 'https://*/*'])
})

test('the service worker has no onMessageExternal, onConnect or onConnectExternal listener, only onMessage', async ({ sw, popup }) => {
  await expect(popup.getByRole('heading', { name: 'Keyfob' })).toBeVisible()
  const listeners = await sw.evaluate(() => ({
    onMessage: chrome.runtime.onMessage.hasListeners(),
    onMessageExternal: chrome.runtime.onMessageExternal.hasListeners(),
    onConnect: chrome.runtime.onConnect.hasListeners(),
    onConnectExternal: chrome.runtime.onConnectExternal.hasListeners(),
  }))
  expect(listeners).toEqual({ onMessage: true, onMessageExternal: false, onConnect: false, onConnectExternal: false })
})
