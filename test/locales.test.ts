import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../src/core/errors.ts'
import { FILL_NOTICES, SCAN_HINTS, SCAN_MESSAGES, SCAN_NOTES } from '../src/shared/sentence.ts'

const root = resolve(import.meta.dirname, '..')
const load = (lang: string) =>
  JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>
const en = load('en')
const de = load('de')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })
}

/** Keys built at run time (`t(\`sort_${o}\`)`) and the values they take. */
const DYNAMIC: Record<string, string[]> = {
  strength_: ['empty', 'too_short', 'common', 'predictable', 'add_length', 'good', 'strong'],
  sort_: ['manual', 'issuer', 'account', 'recent'],
  theme_: ['system', 'light', 'dark'],
  export_: ['keyfob_backup', 'aegis_encrypted', 'aegis_plain', 'otpauth_uri_list', 'google_migration'],
  error_: [...ERROR_CODES],
}

const used = new Set<string>()
for (const file of [...sources(join(root, 'src/popup')), ...sources(join(root, 'src/options')), ...sources(join(root, 'src/shared'))]) {
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1] as string)
  for (const m of text.matchAll(/\bt\(`([A-Za-z0-9_]+)\$\{/g))
    for (const v of DYNAMIC[m[1] as string] ?? ['<unknown dynamic key>']) used.add(`${m[1]}${v}`)
}
// Keys that results and notices carry, translated where they are shown.
for (const key of [...SCAN_MESSAGES, ...SCAN_NOTES, ...SCAN_HINTS, ...FILL_NOTICES]) used.add(key)
for (const key of (JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { name: string }).name
  .match(/__MSG_(\w+)__/)
  ?.slice(1) ?? [])
  used.add(key)

describe('_locales', () => {
  it('finds the strings the code uses', () => {
    expect(used.size).toBeGreaterThan(100)
  })

  it.each([...used].sort())('has %s in English and German', (key) => {
    expect(en[key]?.message, `en: ${key}`).toBeTruthy()
    expect(de[key]?.message, `de: ${key}`).toBeTruthy()
  })

  it('has the same keys in every language, with the same $n placeholders', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort())
    for (const key of Object.keys(en)) {
      const holes = (m: string) => [...m.matchAll(/\$\d/g)].map((x) => x[0]).sort()
      expect(holes(de[key]!.message), key).toEqual(holes(en[key]!.message))
    }
  })
})

describe('error sentences', () => {
  it('has one for every error code, in every language', () => {
    const missing = ERROR_CODES.flatMap((code) =>
      Object.entries({ en, de })
        .filter(([, m]) => !m[`error_${code}`]?.message)
        .map(([lang]) => `${lang}: error_${code}`),
    )
    expect(missing).toEqual([])
  })

  it('has none for a code that no longer exists', () => {
    const codes = new Set<string>(ERROR_CODES)
    expect(Object.keys(en).filter((k) => k.startsWith('error_') && !codes.has(k.slice('error_'.length)))).toEqual([])
  })

  it('names the value a sentence needs: the seconds, the account and site, the detail of a parse error', () => {
    const holes = (code: string) => (en[`error_${code}`]?.message.match(/\$\d/g) ?? []).sort()
    expect(holes('THROTTLED')).toEqual(['$1'])
    expect(holes('SITE_MISMATCH')).toEqual(['$1', '$2'])
    expect(holes('SYNC_TOO_BIG')).toEqual(['$1', '$2'])
    for (const code of ['INVALID_SECRET', 'INVALID_PARAMETER', 'INVALID_URI', 'INVALID_FILE', 'UNSUPPORTED_FORMAT', 'INVALID_IMAGE']) {
      expect(holes(code), code).toEqual(['$1'])
    }
  })
})
