/**
 * TOTP Authenticator (BinaryBoxStudios) backups (backup-formats.md, "TOTP
 * Authenticator"; Aegis `TotpAuthenticatorImporter`, Stratum's converter):
 * base64 of AES-256-CBC with key = SHA-256(password) and a zero IV, no MAC.
 * The plaintext is a JSON object whose first key is the entries array as JSON
 * text. Every entry is TOTP/SHA1; the key is hex (base 16), base32 or base64.
 *
 * The spec marks digits/period as uncertain (Stratum honours them, Aegis forces
 * 6/30): non-empty values are honoured, and a warning names the accounts whose
 * values are not 6/30, so the person can check them against the app.
 */
import { KeyfobError } from '../errors.ts'
import type { SecretEncoding } from '../encoding/parse-secret.ts'
import { aesCbcDecrypt, sha256 } from './ciphers.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import { asArray, asRecord, decodeBase64Field, field, isRecord, optString, type JsonRecord } from './json-fields.ts'
import { utf8Bytes } from './kdf.ts'
import { entryName, makeEntry } from './make-entry.ts'
import { requirePassword, wrongPassword } from './password.ts'
import { parseJson, tryDecodeText } from './read-json.ts'

const FORMAT = 'totp-authenticator'
/** What the app encrypts with when the person set no password (Aegis offers it too). */
export const TOTP_AUTHENTICATOR_DEFAULT_PASSWORD = 'TotpAuthenticator'
const ENCODINGS: Readonly<Record<number, SecretEncoding>> = { 16: 'hex', 32: 'base32', 64: 'base64' }

/** The whole file is one base64 string whose bytes are whole AES blocks. */
export function looksLikeTotpAuthenticator(text: string): boolean {
  const t = text.trim()
  if (t.length < 24 || !/^[A-Za-z0-9+/]+={0,2}$/.test(t) || t.length % 4 !== 0) return false
  const bytes = (t.length / 4) * 3 - (t.endsWith('==') ? 2 : t.endsWith('=') ? 1 : 0)
  return bytes % 16 === 0
}

export async function importTotpAuthenticator(text: string, options: ImportOptions): Promise<ImportResult> {
  const sealed = decodeBase64Field(text, 'the file')
  const root = options.password ? await decrypt(sealed, options.password) : await decrypt(sealed, TOTP_AUTHENTICATOR_DEFAULT_PASSWORD)
  if (root === null && !options.password) {
    // The app's no-password default does not open it: the person set a password.
    requirePassword(FORMAT, options)
  }
  if (root === null) throw wrongPassword(FORMAT)
  const [listText] = Object.keys(root)
  const list = asArray(parseJson(listText ?? '', 'The list of accounts in the TOTP Authenticator backup'), 'the accounts')
  const collector = new ImportCollector(FORMAT)
  const unusual: string[] = []
  list.forEach((value, i) => {
    const path = `[${i}]`
    const entry = asRecord(value, path)
    const rawIssuer = optString(entry, 'issuer', path) ?? ''
    const label = optString(entry, 'name', path) ?? ''
    // "Unknown" is the app's placeholder: the name is then the issuer (Stratum).
    const [issuer, account] = rawIssuer === '' || rawIssuer === 'Unknown' ? [label, ''] : [rawIssuer, label]
    const name = entryName(issuer, account, i)
    collector.attempt(name, () => {
      const base = field(entry, 'base') ?? 16
      const encoding = typeof base === 'number' ? ENCODINGS[base] : undefined
      if (encoding === undefined)
        throw new KeyfobError('INVALID_SECRET', `Unknown key encoding 'base ${JSON.stringify(base)?.slice(0, 10) ?? ''}'.`)
      const digits = numberText(entry, 'digits', path)
      const period = numberText(entry, 'period', path)
      const made = makeEntry({
        type: 'totp',
        secret: optString(entry, 'key', path) ?? '',
        secretEncoding: encoding,
        digits,
        period,
        issuer,
        account,
      })
      if ((digits ?? 6) !== 6 || (period ?? 30) !== 30) unusual.push(name)
      return made
    })
  })
  if (unusual.length > 0) {
    collector.warn(
      `TOTP Authenticator stored digits or a period other than 6 and 30 for ${unusual.join(', ')}. Keyfob used them (as Stratum does; ` +
        'Aegis ignores them): if a code does not match the app, edit the account to 6 digits every 30 seconds.',
    )
  }
  return collector.result()
}

/** The decrypted outer object, or null when the password does not open the file. */
async function decrypt(sealed: Uint8Array, password: string): Promise<JsonRecord | null> {
  const key = await sha256(utf8Bytes(password))
  const plain = await aesCbcDecrypt(key, new Uint8Array(16), sealed)
  const text = plain === null ? null : tryDecodeText(plain)
  // No MAC: a wrong key usually breaks the padding, else the JSON.
  if (text === null || !text.trimStart().startsWith('{')) return null
  try {
    const json = parseJson(text, 'The decrypted TOTP Authenticator backup')
    return isRecord(json) && Object.keys(json).length > 0 ? json : null
  } catch {
    return null
  }
}

/** Digits and period are text: "6", "30", or "" for the default. */
function numberText(entry: JsonRecord, key: string, path: string): number | undefined {
  const v = field(entry, key)
  if (v === undefined || v === null || v === '') return undefined
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v
  if (typeof v === 'string' && /^\s*\d{1,9}\s*$/.test(v)) return Number(v)
  throw new KeyfobError('INVALID_PARAMETER', `'${path}.${key}' is not a number.`)
}
