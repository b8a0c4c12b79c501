import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { ERROR_CODES, KeyfobError } from '../core/errors.ts'

/** The extension's English sentences, with $1…$9 filled in as i18n.getMessage does. */
const en = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<
  string,
  { message: string }
>
const getMessage = (key: string, subs?: string | string[]) => {
  const values = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs]
  return (en[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '')
}
vi.stubGlobal('browser', { runtime: { id: 'keyfob' }, i18n: { getMessage } })
afterAll(() => vi.unstubAllGlobals())
// Imported after the stub: browser-api.ts picks the extension API when it loads.
const { errorText } = await import('./error-text.ts')

describe('errorText', () => {
  it('gives every code a sentence of its own (never the key, never an empty one)', () => {
    const sentences = ERROR_CODES.map((code) => errorText(new KeyfobError(code, 'detail', { values: ['a', 'b'] })))
    for (const [i, s] of sentences.entries()) expect(s, ERROR_CODES[i]).toMatch(/^(?!error_)\S/)
    expect(new Set(sentences).size).toBe(ERROR_CODES.length)
  })

  it('does not say an account is gone when a scan, an undo, a fill or the previous vault copy is', () => {
    const gone = errorText(new KeyfobError('ACCOUNT_NOT_FOUND', 'x'))
    for (const code of ['SCAN_EXPIRED', 'UNDO_EXPIRED', 'FILL_EXPIRED', 'CHOICE_EXPIRED', 'NO_PREVIOUS_VAULT'] as const) {
      expect(errorText(new KeyfobError(code, 'x')), code).not.toBe(gone)
    }
  })

  it('fills in the values the sentence names', () => {
    expect(errorText(new KeyfobError('THROTTLED', 'Too many', { values: ['42'] }))).toBe(
      'Too many wrong passwords. Try again in 42 seconds.',
    )
    expect(errorText(new KeyfobError('SITE_MISMATCH', 'x', { values: ['Acme', 'phish.test'] }))).toContain(
      'Acme is not bound to phish.test.',
    )
  })

  it('keeps what a parse error names (the field or character at fault)', () => {
    expect(errorText(new KeyfobError('INVALID_PARAMETER', 'Codes have 6 to 10 digits.', { field: 'digits' }))).toContain(
      'Codes have 6 to 10 digits.',
    )
    expect(errorText(new KeyfobError('INVALID_SECRET', "Invalid base32 character '1'."))).toContain("Invalid base32 character '1'.")
  })

  it('shows other errors by their message', () => {
    expect(errorText(new Error('plain'))).toBe('plain')
    expect(errorText('text')).toBe('text')
  })
})
