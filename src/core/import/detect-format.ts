/**
 * Recognises a backup by its content, in the order of backup-formats.md,
 * "Format sniffing": every format is identified positively, by its header or
 * its structure, never by elimination. A file Keyfob recognises but cannot read
 * (another app's database, a Proton Pass archive, a PGP file) is refused with
 * UNSUPPORTED_FORMAT naming the app and what to export from it instead; an
 * unknown file says so. The file name is used only where content cannot tell
 * (andOTP's old headerless layout, encrypted databases) and in messages.
 * INVALID_FILE for oversized or malformed input.
 */
import { KeyfobError } from '../errors.ts'
import type { FormatId } from './import-result.ts'
import { authenticatorProContainer } from './import-authenticator-pro.ts'
import { looksLikeTotpAuthenticator } from './import-totp-authenticator.ts'
import { looksLikeWinAuth } from './import-winauth.ts'
import { isJavaSerialized } from './java-serialized-map.ts'
import { field, isRecord, type JsonRecord } from './json-fields.ts'
import { MAX_PBKDF2_ITERATIONS } from './limits.ts'
import { checkFileSize, parseJson, tryDecodeText } from './read-json.ts'
import { isZip, listZipEntries } from './zip-archive.ts'

export interface SniffedFile {
  format: FormatId
  /** Parsed JSON, for JSON formats. */
  json?: unknown
  /** Decoded text, for text formats. */
  text?: string
}

/** andOTP's smallest possible encrypted file: nonce ‖ tag around a 2-byte `[]`. */
const MIN_ANDOTP_BYTES = 12 + 16 + 2

export function detectFormat(bytes: Uint8Array, fileName?: string): FormatId {
  return sniffFormat(bytes, fileName).format
}

/** "'name.ext' is" or "This file is", for messages about a file. */
const thisFile = (fileName?: string) => (fileName ? `'${fileName.slice(0, 80)}' is` : 'This file is')

function unreadable(message: string): KeyfobError {
  return new KeyfobError('UNSUPPORTED_FORMAT', message)
}

export function sniffFormat(bytes: Uint8Array, fileName?: string): SniffedFile {
  checkFileSize(bytes)
  if (isZip(bytes)) return { format: classifyZip(bytes, fileName) }
  if (isJavaSerialized(bytes)) return { format: 'freeotp' }
  if (authenticatorProContainer(bytes) !== null) return { format: 'authenticator-pro' }
  const text = tryDecodeText(bytes)
  if (text === null || hasControlCharacters(text.slice(0, 4096))) return { format: classifyBinary(bytes, fileName) }
  const start = text.trimStart()
  if (start.startsWith('{') || start.startsWith('[')) {
    const json = parseJson(text)
    return { format: classifyJson(json), json }
  }
  return { format: classifyText(text, fileName), text }
}

/**
 * Binary files carry no common marker: each format Keyfob reads is named by its
 * own header, and the few apps whose files are recognised but not readable get
 * a message saying what to export instead. andOTP's encrypted backups start
 * with their PBKDF2 iteration count (a big-endian number up to 10,000,000); its
 * old layout has no header at all, so it is recognised only by andOTP's
 * `.json.aes` file name.
 */
function classifyBinary(bytes: Uint8Array, fileName = ''): FormatId {
  if (startsWithAscii(bytes, 'SQLite format 3\0')) {
    throw unreadable(
      `${thisFile(fileName)} an app's database (SQLite), not a backup. Keyfob does not read app databases: export the accounts from the app ` +
        '(as a backup file, as otpauth:// links, or as Google Authenticator export QR codes) and import that.',
    )
  }
  if (/authplus|\.db$/i.test(fileName)) {
    throw unreadable(
      `${thisFile(fileName)} an encrypted database (Authenticator Plus keeps its accounts in one), which Keyfob cannot open. ` +
        'In Authenticator Plus, use Backup & Restore → Export as Text and HTML, unzip the result and import its Accounts.txt.',
    )
  }
  const iterations = bytes.length >= 4 ? new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) : 0
  if (bytes.length >= 4 + MIN_ANDOTP_BYTES && iterations >= 1 && iterations <= MAX_PBKDF2_ITERATIONS) return 'andotp'
  if (/\.aes$|andotp/i.test(fileName) && bytes.length >= MIN_ANDOTP_BYTES) return 'andotp'
  throw unreadable(
    `${thisFile(fileName)} binary and not a backup format Keyfob recognises. (An old andOTP backup has no header: import it under its .json.aes name.)`,
  )
}

/** ZIP archives: WinAuth's export is read; other apps' archives are named with what to do instead. */
function classifyZip(bytes: Uint8Array, fileName?: string): FormatId {
  const names = listZipEntries(bytes).map((e) => e.name)
  if (names.some((n) => n.startsWith('Proton Pass/'))) {
    throw unreadable(
      `${thisFile(fileName)} a Proton Pass export, which Keyfob does not read. Copy each account's otpauth:// link from Proton Pass ` +
        '(or move the codes to Proton Authenticator and export from there) and import those.',
    )
  }
  if (names.some((n) => /(^|\/)Accounts\.txt$/.test(n))) {
    throw unreadable(
      `${thisFile(fileName)} an Authenticator Plus export archive. Unzip it with its password and import the Accounts.txt inside.`,
    )
  }
  if (names.length > 0 && names.every((n) => /\.txt$/i.test(n))) return 'winauth'
  throw unreadable(
    `${thisFile(fileName)} a ZIP archive Keyfob does not recognise (Raivo exports are such archives). Unzip it and import the file inside.`,
  )
}

function startsWithAscii(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false
  return true
}

/** C0 controls other than tab, line feed, vertical tab, form feed and carriage return: binary data. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 && (c < 0x09 || c > 0x0d)) return true
  }
  return false
}

function classifyText(text: string, fileName?: string): FormatId {
  const firstLine = /^\s*(.*)/.exec(text)?.[1]?.trim() ?? ''
  if (/^otpauth-migration:/i.test(firstLine)) return 'google-migration'
  if (looksLikeWinAuth(text)) return 'winauth'
  if (looksLikeTotpAuthenticator(text)) return 'totp-authenticator'
  if (firstLine.startsWith('-----BEGIN PGP MESSAGE-----')) {
    throw unreadable(
      `${thisFile(fileName)} OpenPGP-encrypted (WinAuth's .pgp export or Proton Pass's data.pgp), which Keyfob does not open. ` +
        'Export again without PGP: WinAuth as a .txt or password-protected .zip file.',
    )
  }
  if (/^<\?xml|^<map>/i.test(firstLine) && /freeotp|tokenOrder/i.test(text.slice(0, 4096))) {
    throw unreadable(
      `${thisFile(fileName)} FreeOTP's old token list (tokens.xml), which Keyfob does not read. In FreeOTP 2, make a backup and import that file.`,
    )
  }
  if (/^(otpauth|steam):\/\//i.test(firstLine)) return 'otpauth-uri-list'
  if (/(^|,)"?login_totp"?(,|$)/.test(firstLine)) return 'bitwarden-csv'
  // Leading blanks of one line only: with \s*, each of n blank lines would scan all the
  // following ones (quadratic). A match after blank lines starts on its own line anyway.
  if (/^[^\S\n\r\u2028\u2029]*(otpauth|otpauth-migration):/im.test(text)) return 'otpauth-uri-list'
  throw new KeyfobError('UNSUPPORTED_FORMAT', 'The text file holds no otpauth:// URIs and is not a backup format Keyfob recognises.')
}

function classifyJson(json: unknown): FormatId {
  if (Array.isArray(json)) {
    const first = json.find(isRecord)
    if (first && has(first, 'kind') && has(first, 'timer')) return 'raivo'
    if (first && has(first, 'secret') && (has(first, 'label') || has(first, 'type'))) return 'andotp'
    throw new KeyfobError('UNSUPPORTED_FORMAT', 'The JSON list is not an andOTP or Raivo backup.')
  }
  if (!isRecord(json)) throw new KeyfobError('UNSUPPORTED_FORMAT', 'The JSON file is not a backup format Keyfob recognises.')
  const o = json
  if (has(o, 'header') && has(o, 'db')) return 'aegis'
  if (has(o, 'Authenticators') && field(o, 'Authenticators') !== null) return 'authenticator-pro'
  if (has(o, 'schemaVersion') && (has(o, 'services') || has(o, 'servicesEncrypted'))) return 'two-fas'
  if (has(o, 'kdfParams') && has(o, 'encryptedData') && has(o, 'encryptionNonce')) return 'ente-encrypted'
  if (has(o, 'version') && isProtonEntries(field(o, 'entries'))) return 'proton-authenticator'
  if (has(o, 'version') && has(o, 'salt') && typeof field(o, 'content') === 'string' && !has(o, 'entries')) {
    return 'proton-authenticator'
  }
  if (has(o, 'items') || (has(o, 'encrypted') && (has(o, 'passwordProtected') || has(o, 'encKeyValidation_DO_NOT_EDIT')))) {
    return 'bitwarden-json'
  }
  if (has(o, 'tokenOrder') || (has(o, 'tokens') && Array.isArray(field(o, 'tokens')))) return 'freeotp-plus'
  const accounts = field(o, 'accounts')
  if (Array.isArray(accounts) && accounts.some((a) => isRecord(a) && (has(a, 'issuerName') || has(a, 'timeStep')))) return 'lastpass'
  if (has(o, 'shared_secret') || (isRecord(accounts) && Object.values(accounts).some((a) => isRecord(a) && has(a, 'shared_secret')))) {
    return 'steam'
  }
  if (isAuthenticatorExtension(o)) return 'authenticator-extension'
  throw new KeyfobError('UNSUPPORTED_FORMAT', 'The JSON file is not a backup format Keyfob recognises.')
}

function has(o: JsonRecord, key: string): boolean {
  return Object.hasOwn(o, key)
}

function isProtonEntries(entries: unknown): boolean {
  return Array.isArray(entries) && (entries.length === 0 || entries.some((e) => isRecord(e) && isRecord(field(e, 'content'))))
}

/** Values keyed by entry id carrying `dataType` or `secret`+`type`/`encrypted`, or a v7 `key` record. */
function isAuthenticatorExtension(o: JsonRecord): boolean {
  const key = field(o, 'key')
  if (isRecord(key) && has(key, 'enc') && has(key, 'hash')) return true
  return Object.values(o).some((v) => isRecord(v) && (has(v, 'dataType') || (has(v, 'secret') && (has(v, 'type') || has(v, 'encrypted')))))
}
