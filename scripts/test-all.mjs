// `npm test`: every check in one run — typecheck, lint, unused code (knip), formatting (prettier), unit tests, both builds,
// size budgets, `web-ext lint`, `npm start --check` and both end-to-end suites (Chromium, Firefox). It keeps
// going after a failure so one run shows everything, then prints one closing line
// `N passed, N failed[, N skipped]` that sums all suites (each non-test check counts
// as one) and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const results = join(root, 'test-results')
mkdirSync(results, { recursive: true })

const totals = { passed: 0, failed: 0, skipped: 0 }
const failedSteps = []
// The names of failed and flaky tests, printed again at the end: CI keeps only the tail of the output.
const failedTests = []

function run(label, cmd, args, env = {}) {
  console.log(`\n── ${label} ──`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  console.log(`── ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  return r.status === 0
}

function check(label, cmd, args, env) {
  const ok = run(label, cmd, args, env)
  totals[ok ? 'passed' : 'failed'] += 1
  if (!ok) failedSteps.push(label)
  return ok
}

// Vitest's JSON report: files, each with its tests. A test that passed on its retry (CI) kept its first error: flaky.
function vitestTests(j) {
  const name = (file, t) => `${file.name.replace(`${root}/`, '')} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`
  const all = j.testResults.flatMap((file) => file.assertionResults.map((t) => ({ file, t })))
  return {
    failed: all.filter(({ t }) => t.status === 'failed').map(({ file, t }) => name(file, t)),
    flaky: all.filter(({ t }) => t.status === 'passed' && t.failureMessages?.length > 0).map(({ file, t }) => name(file, t)),
  }
}

// Playwright's JSON report: suites nest suites and specs; a spec is not ok when a test failed every retry, and a
// test is flaky when a retry passed.
function playwrightTests(j) {
  const out = { failed: [], flaky: [] }
  const walk = (s) => {
    for (const spec of s.specs ?? []) {
      const error = firstLine(spec.tests.flatMap((t) => t.results).find((r) => r.error)?.error?.message)
      if (!spec.ok) out.failed.push(`${spec.file}:${spec.line} › ${spec.title}: ${error}`)
      else if (spec.tests.some((t) => t.status === 'flaky')) out.flaky.push(`${spec.file}:${spec.line} › ${spec.title}: ${error}`)
    }
    for (const child of s.suites ?? []) walk(child)
  }
  for (const s of j.suites ?? []) walk(s)
  return out
}

// The runners' colour codes (ESC [ … m).
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')

function firstLine(text = '') {
  return (
    text
      .replace(COLOUR, '')
      .split('\n')
      .find((l) => l.trim()) ?? ''
  )
}

function suite(label, cmd, args, reportFile, count, env, tests) {
  rmSync(reportFile, { force: true })
  const ok = run(label, cmd, args, env)
  if (!existsSync(reportFile)) {
    totals.failed += 1 // the runner died before reporting: count the suite as one failure
    failedSteps.push(label)
    return
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'))
  const c = count(report)
  const { failed, flaky } = tests(report)
  failedTests.push(...failed.map((f) => `✘ ${label}: ${f}`), ...flaky.map((f) => `flaky (passed on retry) ${label}: ${f}`))
  totals.passed += c.passed
  totals.failed += c.failed
  totals.skipped += c.skipped
  if (!ok || c.failed > 0) {
    if (c.failed === 0) totals.failed += 1 // non-zero exit with no failed test (e.g. no tests found)
    failedSteps.push(label)
  }
}

check('typecheck', bin('tsc'), ['--noEmit'])
check('lint', bin('eslint'), ['.', '--max-warnings=0'])
check('unused files, exports and dependencies (knip)', bin('knip'), ['--no-progress'])
check('formatting (prettier)', bin('prettier'), ['--check', '.', '--log-level', 'warn'])
suite(
  'unit tests (vitest)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile=${join(results, 'unit.json')}`],
  join(results, 'unit.json'),
  (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests }),
  {},
  vitestTests,
)
const built = check('build (Chromium)', bin('vite'), ['build', '--logLevel', 'warn'])
check('size budgets', process.execPath, [join(root, 'scripts/check-size.mjs')])
const builtFirefox = check('build (Firefox)', bin('vite'), ['build', '--mode', 'firefox', '--logLevel', 'warn'])
check('web-ext lint (Firefox)', bin('web-ext'), ['lint', '--source-dir', 'dist-firefox', '--output', 'text'])
check('build (e2e page-capture variant)', bin('vite'), ['build', '--mode', 'e2e-capture', '--logLevel', 'warn'])
check('npm start --check', process.execPath, [join(root, 'scripts/start.mjs'), '--check'])
if (built) {
  suite(
    'end-to-end (Playwright, Chromium)',
    bin('playwright'),
    ['test'],
    join(results, 'e2e.json'),
    (j) => ({ passed: j.stats.expected + j.stats.flaky, failed: j.stats.unexpected, skipped: j.stats.skipped }),
    { KEYFOB_SKIP_BUILD: '1' },
    playwrightTests,
  )
} else {
  totals.failed += 1
  failedSteps.push('end-to-end (not run: the build failed)')
}
// The same report format (Playwright Test's JSON reporter), Firefox driven by puppeteer-core.
if (builtFirefox) {
  suite(
    'end-to-end (Firefox)',
    bin('playwright'),
    ['test', '--config', 'playwright.firefox.config.ts'],
    join(results, 'e2e-firefox.json'),
    (j) => ({ passed: j.stats.expected + j.stats.flaky, failed: j.stats.unexpected, skipped: j.stats.skipped }),
    { KEYFOB_SKIP_BUILD: '1' },
    playwrightTests,
  )
} else {
  totals.failed += 1
  failedSteps.push('end-to-end Firefox (not run: the Firefox build failed)')
}

for (const f of failedTests) console.log(`  ${f.slice(0, 400)}`)
console.log(failedSteps.length ? `\nFailed: ${failedSteps.join('; ')}` : '\nEverything passed.')
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(failedSteps.length ? 1 : 0)
