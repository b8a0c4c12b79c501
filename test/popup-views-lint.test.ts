/**
 * Views never write a model's signals (the models' signals are typed ReadonlySignal too):
 * ESLint, with the project's own config, refuses the assignment in a view file and allows a
 * view's own state and a model's action.
 */
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({
  cwd: path.resolve(import.meta.dirname, '..'),
  // Only the rule under test: the snippets are not files of the TypeScript project, so the type-aware
  // rules (and the project service, which takes half a minute to start on a busy machine) are left out.
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-syntax',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
})
const ruleHits = async (code: string, file: string) =>
  (await eslint.lintText(code, { filePath: file }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message)

describe("lint: views do not write models' signals", () => {
  it.each([
    ['accounts.query.value = text', 'src/popup/views/accounts-view.tsx'],
    ['model.accounts.query.value = text', 'src/popup/app.tsx'],
    ['model.page.value++', 'src/options/export-app.tsx'],
  ])('refuses %s in %s', async (line, file) => {
    expect(await ruleHits(`export function f(model, accounts, text) { ${line} }\n`, file)).toEqual([
      "Views do not write a model's signals: call one of the model's actions.",
    ])
  })

  it("allows a view's own state, a model's action, and models writing their own signals", async () => {
    expect(
      await ruleHits(
        'export function f(open, accounts, text) { open.value = !open.value; accounts.search(text) }\n',
        'src/popup/views/x.tsx',
      ),
    ).toEqual([])
    expect(await ruleHits('export function f(m) { m.query.value = "" }\n', 'src/popup/models/x.ts')).toEqual([])
    expect(await ruleHits('export function f(e) { e.currentTarget.value = "" }\n', 'src/options/import-app.tsx')).toEqual([])
  })
})
