import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { ERROR_CODES } from '../core/errors.ts'

/** The extension's English and German sentences, with $1…$9 filled in as i18n.getMessage does. */
const load = (lang: string) =>
  JSON.parse(readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8')) as Record<
    string,
    { message: string }
  >
const locales = { en: load('en'), de: load('de') }
let lang: keyof typeof locales = 'en'
const getMessage = (key: string, subs?: string | string[]) => {
  const values = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs]
  return (locales[lang][key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '')
}
vi.stubGlobal('browser', { runtime: { id: 'keyfob' }, i18n: { getMessage } })
afterAll(() => vi.unstubAllGlobals())
const { syncErrorText } = await import('./sync-error-text.ts')

const SYNC_CODES = ERROR_CODES.filter((c) => c.startsWith('SYNC_') || c.includes('RECOVERY_KEY') || c === 'WRONG_SYNC_PASSPHRASE')

describe('syncErrorText', () => {
  it.each(['en', 'de'] as const)('gives every sync failure a whole sentence of its own, without a detail (%s)', (l) => {
    lang = l
    const sentences = SYNC_CODES.map((code) => syncErrorText(code))
    for (const [i, s] of sentences.entries()) {
      expect(s, SYNC_CODES[i]).toMatch(/^(?!error_|sync)\S.*[.!?]$/)
      expect(s, SYNC_CODES[i]).not.toMatch(/:\s*$|\$\d/)
    }
    expect(new Set(sentences).size).toBe(SYNC_CODES.length)
  })

  it('says what each failure the issue names means', () => {
    lang = 'en'
    expect(syncErrorText('WRONG_SYNC_PASSPHRASE')).toBe('Wrong sync passphrase. Try again.')
    expect(syncErrorText('SYNC_AUTH_REFUSED')).toContain('refused the user name or app password')
    expect(syncErrorText('SYNC_UNREACHABLE')).toContain('could not be reached')
    expect(syncErrorText('SYNC_STORAGE_FULL')).toContain('full')
    expect(syncErrorText('SYNC_RECORD_REJECTED')).toContain('integrity check')
  })
})
