import { defineConfig } from 'vitest/config'

// Separate from vite.config.ts so the crx() plugin stays out of unit tests and
// Playwright's e2e/*.spec.ts files are never collected by Vitest.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'fuzz/**/*.test.ts'],
    environment: 'node',
    // Argon2id at real parameters (64 MiB) runs many times in some files; on two busy cores a
    // test can take several seconds. A timeout, not a timing goal (those live in `npm run bench`).
    testTimeout: 30_000,
    // Hooks start real servers (Apache, rclone) and derive keys too; expect.poll waits for a condition, not a time.
    hookTimeout: 60_000,
    // As the end-to-end suites do: in CI a test that fails is run once more, and `npm test` lists it as flaky when
    // the second run passes (scripts/test-all.mjs), so a flake is seen without sinking the run.
    retry: process.env.CI ? 1 : 0,
    expect: { poll: { timeout: 30_000, interval: 20 } },
    // The Public Suffix List, which the background loads from the extension's files, read from disk.
    setupFiles: ['test/support/public-suffix-list.setup.ts'],
  },
})
