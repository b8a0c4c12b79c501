/**
 * Node module hooks that load the project's TypeScript (.ts) files, so that
 * `npm run fuzz` runs in plain Node 20 without a build step or tsx. Types are
 * only stripped: `tsc --noEmit` is what checks them.
 */
import { readFile } from 'node:fs/promises'
import ts from 'typescript'

const OPTIONS = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  verbatimModuleSyntax: true,
  sourceMap: false,
  inlineSourceMap: true,
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context)
  const source = await readFile(new URL(url), 'utf8')
  const { outputText } = ts.transpileModule(source, { compilerOptions: OPTIONS, fileName: url })
  return { format: 'module', source: outputText, shortCircuit: true }
}
