/**
 * Issue #15: the content script every http(s) page loads stays small (≤ 10 KiB gzipped,
 * scripts/check-size.mjs on the build). The scan UI is a separate script the background injects
 * only after a person asked for a scan (src/content/scan-ui-hook.ts): this checks, on the sources,
 * that no value import pulls it back into the content script (type imports are erased by the build).
 */
import { readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

/** Source files a module reaches through value imports (its relative ones, transitively). */
function reached(entry: string): Set<string> {
  const seen = new Set<string>()
  const queue = [entry]
  while (queue.length) {
    const file = queue.pop() as string
    if (seen.has(file)) continue
    seen.add(file)
    const src = readFileSync(join(root, file), 'utf8')
    for (const m of src.matchAll(/^import\s+(type\s)?(?:[\s\S]*?\s+from\s+)?'([^']+)'/gm)) {
      const [, typeOnly, spec] = m
      if (typeOnly || !spec?.startsWith('.')) continue
      queue.push(relative(root, normalize(join(root, dirname(file), spec))))
    }
  }
  return seen
}

const SCAN_UI_MODULES = ['src/content/scan-ui.ts', 'src/content/scan-panel.ts', 'src/content/region-picker.ts', 'src/content/drawn-by.ts']

describe('the content script and its on-demand scan UI', () => {
  it('the content script does not import the scan panel, the region picker or drawnBy', () => {
    const content = reached('src/content/index.ts')
    expect(content).toContain('src/content/scan-ui-hook.ts') // where the two meet
    expect(content).toContain('src/content/panel-host.ts') // lent to the scan UI
    for (const file of SCAN_UI_MODULES) expect(content, file).not.toContain(file)
  })

  it('the scan UI brings them, and not the content script’s panel host (it borrows that one, and toTopLayer)', () => {
    const scanUi = reached('src/content/scan-ui.ts')
    for (const file of SCAN_UI_MODULES) expect(scanUi, file).toContain(file)
    expect(scanUi).not.toContain('src/content/panel-host.ts')
    expect(scanUi).not.toContain('src/content/index.ts')
  })
})
