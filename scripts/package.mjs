// `npm run package`: store-ready zips for Chrome and Firefox in packages/.
// web-ext's builder is used for both: it only zips the folder, skipping dotfiles;
// source maps are left out of the store packages.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const bin = (name) => join(root, 'node_modules', '.bin', name)
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

step(bin('vite'), ['build', '--logLevel', 'warn'])
step(bin('vite'), ['build', '--mode', 'firefox', '--logLevel', 'warn'])
for (const [dir, target] of [
  ['dist', 'chrome'],
  ['dist-firefox', 'firefox'],
]) {
  step(bin('web-ext'), [
    'build',
    '--source-dir',
    dir,
    '--artifacts-dir',
    'packages',
    '--overwrite-dest',
    '--filename',
    `keyfob-${target}-${version}.zip`,
    '--ignore-files',
    '**/*.map',
  ])
}
console.log(`packages/keyfob-chrome-${version}.zip and packages/keyfob-firefox-${version}.zip are ready.`)
