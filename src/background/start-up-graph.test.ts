import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// A Chromium MV3 service worker cannot import() (the HTML spec disallows it there): every module
// its script imports statically is parsed at each start (issue #15). The rare, heavy jobs run in the
// background job worker instead (off-thread-post.ts, src/shared/run-job.ts). This walks the static
// imports from the background's entry, as the bundler does, and checks what must stay out of it.
const src = join(import.meta.dirname, '..')
const resolve = (from: string, spec: string) => {
  const path = join(dirname(from), spec)
  return existsSync(path) ? path : null
}
/** Static imports that load code: `import … from`, `export … from` and `import '…'`, not `import type`, not import(). */
const staticImports = (text: string) =>
  [...text.matchAll(/^(?:import|export)(?!\s+type\b)(?:[^'";]*?\bfrom)?\s*'([^']+)'/gm)].map((m) => m[1]!)

function startUpGraph(entry: string) {
  const modules = new Set<string>()
  const packages = new Set<string>()
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (modules.has(file)) continue
    modules.add(file)
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) packages.add(spec)
      else {
        const path = resolve(file, spec)
        if (path && /\.tsx?$/.test(path)) queue.push(path)
      }
    }
  }
  return { modules: [...modules].map((f) => relative(src, f).replaceAll('\\', '/')), packages: [...packages] }
}

describe("the service worker's start-up script", () => {
  const { modules, packages } = startUpGraph(join(src, 'background/index.ts'))

  it('is walked through its real imports', () => {
    expect(modules).toEqual(expect.arrayContaining(['background/background.ts', 'background/codes/account-handlers.ts']))
    expect(packages).toContain('tldts-core')
  })

  it("uses the browser's own promise API, not webextension-polyfill (issue #15: its wrapper took 3.5–4.7 ms of every start)", () => {
    expect(modules).toContain('shared/browser-api.ts')
    expect(packages).not.toContain('webextension-polyfill')
  })

  it('holds none of the exporters, nor scrypt, nor the export job: they load in the background job worker', () => {
    const exporters = ['export-aegis.ts', 'aegis-encrypt.ts', 'export-migration.ts', 'export-uri-list.ts', 'index.ts']
    expect(modules.filter((m) => exporters.some((e) => m === `core/export/${e}`))).toEqual([])
    expect(modules.filter((m) => m === 'core/uri/encode-migration-payloads.ts' || m.startsWith('shared/jobs/'))).toEqual([])
    expect(modules).not.toContain('shared/run-job.ts')
    expect(packages.filter((p) => p.startsWith('@noble/hashes/scrypt'))).toEqual([])
  })

  it("holds neither sync's engine, nor import and export, nor Argon2id, nor the QR encoder, nor the URI parsers: they load on first use (scripts/classic-service-worker.mjs)", () => {
    expect(modules.filter((m) => m.startsWith('background/transfer/') || m === 'background/sync/sync-runtime.ts')).toEqual([])
    expect(modules.filter((m) => /^background\/sync\/(sync-engine|webdav-remote|browser-sync-remote)\.ts$/.test(m))).toEqual([])
    expect(modules).not.toContain('core/vault/argon2id.ts')
    // Nor the QR encoder (an account's QR picture) and the URI and migration parsers (adding accounts).
    expect(packages).not.toContain('qrcode')
    const parsers = ['accounts/parse-account-text.ts', 'uri/parse-otpauth-uri.ts', 'uri/decode-migration-uri.ts', 'uri/protobuf.ts']
    expect(modules.filter((m) => parsers.some((p) => m === `core/${p}`))).toEqual([])
    expect(packages.filter((p) => p.startsWith('argon2id'))).toEqual([])
  })

  it('holds neither the QR decoders nor the worker that runs them', () => {
    // Only the test of a decoded text's kind (classify-qr-text.ts, a few lines) is the background's.
    expect(modules.filter((m) => (m.startsWith('core/qr/') && m !== 'core/qr/classify-qr-text.ts') || m.startsWith('offscreen/'))).toEqual(
      [],
    )
    expect(packages.filter((p) => /^(jsqr|zxing-wasm)\b/.test(p))).toEqual([])
  })

  it('holds neither scanning nor filling, nor mOTP (its MD5) and Yandex Key: they load with their first request or account', () => {
    // Only the injector of the page's scan panel stays (openPopup asks whether a scan waits through background.ts's key).
    expect(modules.filter((m) => m.startsWith('background/scan/')).sort()).toEqual(['background/scan/inject-scan-ui.ts'])
    expect(modules.filter((m) => m.startsWith('background/fill/'))).toEqual([])
    expect(modules.filter((m) => m === 'core/otp/motp.ts' || m === 'core/otp/yandex.ts')).toEqual([])
    expect(packages.filter((p) => p.startsWith('@noble/hashes'))).toEqual([])
  })
})
