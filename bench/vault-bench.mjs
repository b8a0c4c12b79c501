// Vault benchmark, in the built extension in Chromium (issue: "The vault", Benchmark):
// unlock time at the default Argon2id parameters, and the time for the popup to get
// every code for 10, 200 and 1000 accounts, next to a plain cached-key WebCrypto HMAC
// loop over the same number of keys measured in the same browser in the same run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchWithExtension } from '../scripts/browser.mjs'
import { benchUris, median } from './bench-helpers.mjs'

const PASSWORD = 'correct horse battery staple'

/**
 * @param {{ extensionDir: string, unlockRuns?: number, listRuns?: number }} opts
 * unlockRuns: lock-and-unlock cycles (default 5); listRuns: timed listings and raw HMAC loops per size (default 9).
 */
export async function benchVault({ extensionDir, unlockRuns: unlockCount = 5, listRuns = 9 }) {
  const profile = mkdtempSync(join(tmpdir(), 'keyfob-bench-'))
  const context = await launchWithExtension(profile, { extensionDir })
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
    const id = new URL(sw.url()).host
    const page = await context.newPage()
    await page.goto(`chrome-extension://${id}/src/popup/index.html`)
    /** Times one popup request from the extension page, in ms. */
    const timed = (type, input) =>
      page.evaluate(
        async ([type, input]) => {
          const t0 = performance.now()
          const r = await chrome.runtime.sendMessage({ channel: 'popup', type, input })
          if (!r?.ok) throw new Error(`${type}: ${JSON.stringify(r)}`)
          return performance.now() - t0
        },
        [type, input],
      )

    const setupMs = await timed('setup', { password: PASSWORD })
    const unlockRuns = []
    for (let i = 0; i < unlockCount; i++) {
      await timed('lock', {})
      unlockRuns.push(await timed('unlock', { password: PASSWORD }))
    }

    const sizes = []
    let have = 0
    for (const n of [10, 200, 1000]) {
      const uris = benchUris(have, n - have)
      await timed('addAccounts', { text: uris.join('\n') })
      have = n
      // First listing after an unlock imports every HMAC key once; later ones reuse them.
      await timed('lock', {})
      await timed('unlock', { password: PASSWORD })
      const firstAfterUnlock = await timed('listAccounts', {})
      const warm = []
      for (let i = 0; i < listRuns; i++) warm.push(await timed('listAccounts', {}))
      // The floor: n cached HMAC-SHA1 keys, two signatures each (code and next code), in the same worker.
      const rawRuns = await sw.evaluate(
        async ([n, runs]) => {
          const keys = await Promise.all(
            Array.from({ length: n }, () =>
              crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(20)), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']),
            ),
          )
          const times = []
          for (let r = 0; r < runs; r++) {
            const t0 = performance.now()
            await Promise.all(keys.flatMap((k) => [0, 1].map((c) => crypto.subtle.sign('HMAC', k, new BigUint64Array([BigInt(c)])))))
            times.push(performance.now() - t0)
          }
          return times
        },
        [n, listRuns],
      )
      const listMs = median(warm)
      const rawMs = median(rawRuns)
      sizes.push({
        accounts: n,
        firstListAfterUnlockMs: firstAfterUnlock,
        listAccountsMs: listMs,
        rawHmacLoopMs: rawMs,
        ratio: listMs / rawMs,
      })
    }
    return { setupMs, unlockMedianMs: median(unlockRuns), unlockRunsMs: unlockRuns, codes: sizes }
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }
}
