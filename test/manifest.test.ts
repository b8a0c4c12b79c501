/**
 * docs/security.md §5 (Permissions) and §3.1 (Pages cannot message Keyfob / load its pages):
 * the manifests that `manifestFor` in vite.config.ts gives each build. Chromium (`vite build`),
 * Firefox (`--mode firefox`) and the test-only page-capture build (`--mode e2e-capture`) are
 * derived from manifest.json without running a build; e2e/manifest.spec.ts checks the manifest
 * of the built extension as Chromium loaded it. And `npm run package` (scripts/package.mjs)
 * builds and zips only dist/ and dist-firefox/: its commands are recorded, not run.
 */
import { describe, expect, it, vi } from 'vitest'
import pkg from '../package.json' with { type: 'json' }
import { manifestFor } from '../vite.config.ts'

type Manifest = Record<string, unknown> & { permissions: string[] }
const built = (mode: string) => manifestFor(mode) as unknown as Manifest

const CHROME_PERMISSIONS = ['storage', 'alarms', 'clipboardWrite', 'clipboardRead', 'offscreen', 'contextMenus', 'activeTab', 'scripting']
const FIREFOX_PERMISSIONS = CHROME_PERMISSIONS.filter((p) => p !== 'offscreen')
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
/** Asked for only when the person connects sync, for that folder's origin (src/shared/sync-permission.ts); never granted at install. */
const OPTIONAL_HOSTS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']
/** Keys that would give pages or other extensions a way in, widen host access, or update from anywhere but the store. */
const NEVER = [
  'host_permissions',
  'optional_permissions',
  'externally_connectable',
  'web_accessible_resources',
  'content_security_policy.sandbox',
  'update_url',
]

function expectShipped(m: Manifest, permissions: string[]): void {
  expect(m.manifest_version).toBe(3)
  expect(m.version).toBe(pkg.version)
  expect([...m.permissions].sort()).toEqual([...permissions].sort())
  for (const key of NEVER) expect(m, key).not.toHaveProperty(key.split('.'))
  expect(m.optional_host_permissions).toEqual(OPTIONAL_HOSTS)
  expect(m.content_security_policy).toEqual({ extension_pages: CSP })
  expect(m.content_scripts).toEqual([
    { matches: ['http://*/*', 'https://*/*'], js: ['src/content/index.ts'], run_at: 'document_idle', all_frames: true },
  ])
  expect(m.commands).toMatchObject({
    'scan-page': { suggested_key: { default: 'Alt+Shift+Q' } },
    'fill-code': { suggested_key: { default: 'Alt+Shift+F' } },
  })
}

describe('the manifests manifestFor derives from manifest.json', () => {
  it('Chromium: exactly the documented permissions, the documented CSP, no host access, nothing for pages or other extensions', () => {
    const m = built('production')
    expectShipped(m, CHROME_PERMISSIONS)
    // The build names its classic worker (scripts/classic-service-worker.mjs; e2e/manifest.spec.ts checks the built one).
    expect(m).not.toHaveProperty('background')
    expect(m.minimum_chrome_version).toBe('120')
  })

  it('Firefox: the same without offscreen, an event page, Firefox 142+, and no data collection', () => {
    const m = built('firefox')
    expectShipped(m, FIREFOX_PERMISSIONS)
    expect(m.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' })
    expect(m.browser_specific_settings).toEqual({
      gecko: { id: 'keyfob@keyfob.invalid', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
    })
    expect(m).not.toHaveProperty('minimum_chrome_version')
  })

  it('only the test-only e2e-capture build adds host_permissions, and only <all_urls>', () => {
    const capture = built('e2e-capture')
    expect(capture.host_permissions).toEqual(['<all_urls>'])
    const { host_permissions: _, ...rest } = capture
    expect(rest).toEqual(built('production'))
    // Deriving one build never changes another (the source manifest is copied, not edited).
    expect(built('production')).not.toHaveProperty('host_permissions')
    expect(built('firefox')).not.toHaveProperty('host_permissions')
  })
})

describe('npm run package', () => {
  it('builds and zips only dist/ (Chromium) and dist-firefox/ (Firefox), never the e2e-capture build', async () => {
    const runs: string[][] = []
    vi.doMock('node:child_process', () => ({
      spawnSync: (cmd: string, args: string[]) => (runs.push([cmd.split(/[\\/]/).pop() as string, ...args]), { status: 0 }),
    }))
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
    await import('../scripts/package.mjs')
    expect(runs.filter(([cmd]) => cmd === 'vite')).toEqual([
      ['vite', 'build', '--logLevel', 'warn'],
      ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn'],
    ])
    const zipped = runs.filter(([cmd]) => cmd === 'web-ext').map((r) => r[r.indexOf('--source-dir') + 1])
    expect(zipped).toEqual(['dist', 'dist-firefox'])
    expect(runs).toHaveLength(4)
    expect(JSON.stringify(runs)).not.toContain('e2e-capture')
  })
})
