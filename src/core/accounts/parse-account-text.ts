/**
 * Reads what a person pastes into "Add account": one or many `otpauth://`,
 * `otpauth-migration://` or `steam://` URIs, one per line or separated by spaces.
 * Every URI must parse; the first bad one is reported with its position, and
 * nothing is added (bad input changes nothing).
 */
import { KeyfobError, isKeyfobError } from '../errors.ts'
import type { AccountFields } from '../types.ts'
import { decodeMigrationUri } from '../uri/decode-migration-uri.ts'
import { parseOtpauthUri } from '../uri/parse-otpauth-uri.ts'

const MAX_URIS = 1000

export function parseAccountText(text: string): AccountFields[] {
  const uris = text.split(/\s+/).filter((t) => t.length > 0)
  if (uris.length === 0) throw new KeyfobError('INVALID_URI', 'Paste an otpauth:// link or a Google Authenticator export link.')
  if (uris.length > MAX_URIS) throw new KeyfobError('INVALID_URI', `Paste at most ${MAX_URIS} links at a time.`)
  const accounts: AccountFields[] = []
  uris.forEach((uri, i) => {
    try {
      if (/^otpauth-migration:/i.test(uri)) accounts.push(...decodeMigrationUri(uri).accounts.map(({ name: _name, ...a }) => a))
      else {
        const { issuerMismatch: _m, weak: _w, ...fields } = parseOtpauthUri(uri)
        accounts.push(fields)
      }
    } catch (e) {
      if (!isKeyfobError(e)) throw e
      const where = uris.length > 1 ? `Link ${i + 1} of ${uris.length}: ` : ''
      throw new KeyfobError(e.code, `${where}${e.message}`, { cause: e })
    }
  })
  return accounts
}
