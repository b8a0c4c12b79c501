// Fill benchmark, in the built extension in Chromium (issue #15 "Speed": a fill must not rewrite
// the vault): for 10, 200 and 1000 accounts, the bytes a use writes to storage.local and its time:
// a TOTP fill and an HOTP fill from the popup into a page on loopback (the popup's fillFromPopup
// request, its round trip), and a copied code (codeCopied). Bytes are counted in an extension page
// from storage.onChanged: the JSON of every value set in storage.local (removals count nothing).
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchWithExtension } from '../scripts/browser.mjs'
import { benchUris, median } from './bench-helpers.mjs'

const HOST = 'bank.test'
const PAGE = `<!doctype html><title>Bank</title><form><label>Verification code <input name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></label></form>`

/** A page with a code field on 127.0.0.1 (Chromium maps bank.test to it); resolves to its port and a close(). */
async function startPage() {
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE))
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) }
}

/**
 * @param {{ extensionDir: string, runs?: number, sizes?: number[] }} opts
 * runs: fills and copies timed per size and kind (default 7).
 */
export async function benchFill({ extensionDir, runs = 7, sizes = [10, 200, 1000] }) {
  const profile = mkdtempSync(join(tmpdir(), 'keyfob-fill-bench-'))
  const site = await startPage()
  const context = await launchWithExtension(profile, { extensionDir, args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`] })
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
    const id = new URL(sw.url()).host
    const bank = await context.newPage()
    await bank.goto(`http://${HOST}:${site.port}/`)
    const page = await context.newPage()
    await page.goto(`chrome-extension://${id}/src/popup/index.html`)
    // Every value set in storage.local, in bytes of its JSON, counted from here on.
    await page.evaluate(() => {
      globalThis.written = 0
      chrome.storage.onChanged.addListener((changes, area) => {
        if (area !== 'local') return
        for (const c of Object.values(changes))
          if ('newValue' in c) globalThis.written += new TextEncoder().encode(JSON.stringify(c.newValue)).length
      })
    })
    const ask = (type, input) =>
      page.evaluate(
        async ([type, input]) => {
          const t0 = performance.now()
          const r = await chrome.runtime.sendMessage({ channel: 'popup', type, input })
          if (!r?.ok) throw new Error(`${type}: ${JSON.stringify(r)}`)
          return { ms: performance.now() - t0, value: r.value }
        },
        [type, input],
      )
    /** Bytes storage.local reported set by `run`, once its change events have arrived (they trail the answer). */
    const measured = async (run) => {
      const before = await page.evaluate(() => globalThis.written)
      const { ms, value } = await run()
      await page.waitForTimeout(150)
      return { ms, bytes: (await page.evaluate(() => globalThis.written)) - before, value }
    }
    // The bank's tab: the active one once it is brought to the front (Keyfob has no "tabs" permission to read URLs).
    for (const p of context.pages()) if (p !== bank && p !== page) await p.close()
    await bank.bringToFront()
    const tabId = await page.evaluate(async () => (await chrome.tabs.query({ active: true })).find((t) => t.id !== undefined)?.id)

    await ask('setup', { password: null })
    const { value: hotpAdded } = await ask('addAccounts', {
      text: `otpauth://hotp/Counter:carl?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Counter`,
    })
    const hotpId = hotpAdded.added[0].id
    const rows = []
    let have = 0
    for (const n of sizes) {
      const { value } = await ask('addAccounts', { text: benchUris(have, n - have).join('\n') })
      have = n
      const totpIds = value.added.map((a) => a.id)
      const vaultBytes = (await page.evaluate(() => chrome.storage.local.get('vault'))).vault.ciphertext.length
      const totp = []
      const hotpFills = []
      const copies = []
      for (let i = 0; i < runs; i++) {
        // A different account each time: the same code twice on one site would wait for the next period (replay).
        const t = await measured(() => ask('fillFromPopup', { id: totpIds[i % totpIds.length], tabId, confirmMismatch: true }))
        if (!t.value.filled) throw new Error('The TOTP fill filled nothing.')
        totp.push(t)
        const h = await measured(() => ask('fillFromPopup', { id: hotpId, tabId, confirmMismatch: true }))
        if (!h.value.filled) throw new Error('The HOTP fill filled nothing.')
        hotpFills.push(h)
        copies.push(await measured(() => ask('codeCopied', { id: totpIds[(i + 1) % totpIds.length], code: '000000' })))
      }
      const sum = (xs) => ({
        medianMs: median(xs.map((x) => x.ms)),
        bytesPerUse: Math.round(xs.reduce((s, x) => s + x.bytes, 0) / xs.length),
        maxBytes: Math.max(...xs.map((x) => x.bytes)),
      })
      rows.push({ accounts: n, vaultCiphertextBytes: vaultBytes, totpFill: sum(totp), hotpFill: sum(hotpFills), copy: sum(copies) })
      console.log(`fill: ${n} accounts measured`)
    }
    return { runs, rows }
  } finally {
    await context.close()
    await site.close()
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }
}

/** The report's table. */
export function formatFill(r) {
  const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a')
  const out = [
    '## Fill and copy: what a use writes',
    '',
    `A use from the popup (fillFromPopup into a page on loopback; codeCopied), median time of ${r.runs} and mean bytes set in storage.local per use (storage.onChanged, JSON of each value). ` +
      'Before issue #15 every use re-encrypted and stored the whole vault twice; now a TOTP use writes nothing but a last-used flush at most every 5 minutes, an HOTP use one counter record.',
    '',
    '| accounts | vault ciphertext | TOTP fill: time, bytes/use (max) | HOTP fill: time, bytes/use (max) | copy: time, bytes/use (max) |',
    '|---:|---:|---:|---:|---:|',
  ]
  const cell = (c) => `${ms(c.medianMs)}, ${c.bytesPerUse} B (${c.maxBytes} B)`
  for (const x of r.rows)
    out.push(`| ${x.accounts} | ${x.vaultCiphertextBytes} B | ${cell(x.totpFill)} | ${cell(x.hotpFill)} | ${cell(x.copy)} |`)
  return out.join('\n')
}
