// `npm run bench`: builds Keyfob and measures it in Chromium. Prints readable tables and
// writes bench/results/bench.json. A report, never a pass/fail test.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { measure, BUDGETS } from '../scripts/check-size.mjs'
import { benchPopup } from './popup-bench.mjs'
import { benchVault } from './vault-bench.mjs'

const root = resolve(import.meta.dirname, '..')
const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(1)

const ms = (x) => `${x.toFixed(1)} ms`
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
const results = { when: new Date().toISOString(), machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`, node: process.version }

const size = measure()
results.bundle = size
console.log('\nBundle sizes')
console.table({
  popup: { minified: kib(size.popupMinified), gzipped: kib(size.popupGzipped), budget: `${kib(BUDGETS.popupMinified)} minified` },
  'content script': { minified: kib(size.contentMinified), gzipped: kib(size.contentGzipped), budget: `${kib(BUDGETS.contentGzipped)} gzipped` },
})

const vault = await benchVault({ extensionDir: join(root, 'dist') })
results.vault = vault
console.log(`\nVault (Argon2id at the default parameters): setup ${ms(vault.setupMs)}, unlock median ${ms(vault.unlockMedianMs)} of ${vault.unlockRunsMs.length}`)
console.log('Codes for every account (popup request → background → codes and next codes), median of 9, beside a raw cached-key HMAC loop:')
console.table(Object.fromEntries(vault.codes.map((c) => [`${c.accounts} accounts`, {
  'first list after unlock': ms(c.firstListAfterUnlockMs), 'list (warm)': ms(c.listAccountsMs), 'raw HMAC loop': ms(c.rawHmacLoopMs), ratio: `${c.ratio.toFixed(1)}×`,
}])))

const popup = await benchPopup({ extensionDir: join(root, 'dist') })
results.popup = popup
console.log('\nPopup: opening to every visible code rendered, median of 7, beside a static page with the same rows:')
console.table(Object.fromEntries(popup.map((p) => [`${p.accounts} accounts`, {
  popup: ms(p.popupMs), 'static page (floor)': ms(p.staticFloorMs), ratio: `${p.ratio.toFixed(1)}×`,
}])))

// QR corpus: success per category and median decode time by image size, plain jsQR beside
// Keyfob's pipeline (bench/qr/qr.bench.ts writes bench/results/qr.json and a table).
console.log('\nQR decoding corpus (plain jsQR beside Keyfob’s pipeline):')
const qr = spawnSync(join(root, 'node_modules/.bin/vitest'), ['bench', '--run', 'bench/qr'], { cwd: root, stdio: 'inherit' })
if (qr.status === 0 && existsSync(join(root, 'bench/results/qr.json'))) {
  results.qr = JSON.parse(readFileSync(join(root, 'bench/results/qr.json'), 'utf8'))
  if (existsSync(join(root, 'bench/results/qr.md'))) console.log(readFileSync(join(root, 'bench/results/qr.md'), 'utf8'))
}

mkdirSync(join(root, 'bench/results'), { recursive: true })
writeFileSync(join(root, 'bench/results/bench.json'), JSON.stringify(results, null, 2))
console.log('\nWrote bench/results/bench.json')
