/**
 * The lint rule that keeps test support out of the extension: production code under src/
 * (tests left out) must not import from test/ or Node's built-ins. Runs the project's own
 * ESLint config on snippets, so a pattern that silently stops matching fails here.
 */
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '..')
const RULE = '@typescript-eslint/no-restricted-imports'
const eslint = new ESLint({
  cwd: ROOT,
  // Only the rule under test: the snippets are not files of the TypeScript project, so
  // type-aware rules (and the project service) are left out.
  ruleFilter: ({ ruleId }) => ruleId === RULE,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
})

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`)
}

const cases = [
  "import { PASSWORD } from '../../../test/support/vault-fixtures.ts'\nexport const p = PASSWORD\n",
  "export { loadFixture } from '../../../test/support/load-fixture.ts'\n",
  "import { readFileSync } from 'node:fs'\nexport const r = readFileSync\n",
  "import path from 'path'\nexport const j = path.join\n",
]

describe('production code imports no test support and no Node built-ins', () => {
  it.each(cases)('src/core/vault/x.ts: %s', async (code) => {
    const messages = await restricted('src/core/vault/x.ts', code)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(new RegExp(`^${RULE}: `))
  })

  it.each(['src/content/detect/x.tsx', 'src/offscreen/x.ts'])('applies in every folder (%s)', async (file) => {
    expect(await restricted(file, cases[0]!)).toHaveLength(1)
  })

  it.each(cases)('a test under src may: %s', async (code) => {
    expect(await restricted('src/core/vault/x.test.ts', code)).toEqual([])
  })
})
