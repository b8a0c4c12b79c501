import { spawnSync } from 'node:child_process'
import path from 'node:path'

/** Builds the extension once for the whole run, unless KEYFOB_SKIP_BUILD=1 says the builds are fresh. */
export default function globalSetup(): void {
  if (process.env.KEYFOB_SKIP_BUILD === '1') return
  const root = path.resolve(import.meta.dirname, '..')
  // The extension, and the test-only copy that may capture pages (see vite.config.ts).
  for (const mode of ['production', 'e2e-capture']) {
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', mode, '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    )
    if (result.status !== 0) throw new Error(`vite build --mode ${mode} failed`)
  }
}
