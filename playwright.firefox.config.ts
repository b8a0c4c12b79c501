import { defineConfig } from '@playwright/test'

// The Firefox end-to-end suite (`npm run e2e:firefox`): Playwright Test's runner, reporter and
// `expect`, with each test launching Debian's firefox-esr through puppeteer-core (e2e/firefox/fixtures.ts).
// The Firefox build runs once in e2e/firefox/global-setup.ts. Specs are named *.firefox.ts so that
// the Chromium config (testDir ./e2e, *.spec.ts) never picks them up.
export default defineConfig({
  testDir: './e2e/firefox',
  testMatch: '**/*.firefox.ts',
  globalSetup: './e2e/firefox/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-firefox.json' }]],
  outputDir: 'test-results/firefox',
})
