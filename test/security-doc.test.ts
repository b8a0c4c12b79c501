/**
 * docs/security.md names, beside each claim, the tests that prove it (`file` › "title"). A renamed
 * or deleted test, or a title that never existed, would leave a claim that only looks tested: every
 * reference must name a file that exists and a test or describe title written in it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
// One line: the document wraps long references over several lines.
const doc = readFileSync(join(root, 'docs/security.md'), 'utf8').replace(/\s+/g, ' ')

/** `path` › "title": the title ends at a closing quote followed by punctuation, a space and a word, or the end of a cell. */
const references = [...doc.matchAll(/`([\w./-]+\.(?:ts|tsx|mjs))` › "(.+?)"(?=\s*(?:[;.,:)|]|and |<!--|\(|Not|or |$))/g)].map((m) => ({
  file: m[1] as string,
  title: m[2] as string,
}))

const flat = (s: string) => s.replace(/\s+/g, ' ').replace(/\\(['"`])/g, '$1')

/** Whether `source` has a title `title`, literally or as one value of a template title (`shown as ${kind}`). */
function hasTitle(source: string, title: string): boolean {
  if (source.includes(title)) return true
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return [...source.matchAll(/`([^`]*\$\{[^`]*)`/g)].some((m) => {
    const parts = (m[1] as string).split(/\$\{[^}]*\}/)
    return new RegExp(`^${parts.map(escape).join('.+?')}$`).test(title)
  })
}

describe('docs/security.md test references', () => {
  it('finds the references (the pattern still matches the document)', () => {
    expect(references.length).toBeGreaterThan(100)
  })

  it.each(references)('$file › "$title" exists', ({ file, title }) => {
    expect(existsSync(join(root, file)), `${file} exists`).toBe(true)
    expect(hasTitle(flat(readFileSync(join(root, file), 'utf8')), title), `a test or describe titled "${title}" in ${file}`).toBe(true)
  })

  it('has no reference left for the lead to confirm', () => {
    expect(doc.includes('lead: confirm'), 'a "lead: confirm" marker in docs/security.md').toBe(false)
  })
})
