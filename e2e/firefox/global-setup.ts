import { spawnSync } from 'node:child_process'
import path from 'node:path'

/** Builds the Firefox extension once for the run, unless KEYFOB_SKIP_BUILD=1 says dist-firefox/ is fresh. */
export default function globalSetup(): void {
  if (process.env.KEYFOB_SKIP_BUILD === '1') return
  const root = path.resolve(import.meta.dirname, '../..')
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'firefox', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (result.status !== 0) throw new Error('vite build --mode firefox failed')
}
