/**
 * Recognises a backup by its content, in the order of backup-formats.md,
 * "Format sniffing". The file name is only used to explain what cannot be
 * read (ZIP archives). Throws UNSUPPORTED_FORMAT for anything else, and
 * INVALID_FILE for oversized or malformed input.
 */
import { KeyfobError } from '../errors.ts'
import type { FormatId } from './import-result.ts'
import { field, isRecord, type JsonRecord } from './json-fields.ts'
import { checkFileSize, parseJson, tryDecodeText } from './read-json.ts'

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

export function sniffFormat(bytes: Uint8Array, fileName?: string): SniffedFile {
  checkFileSize(bytes)
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new KeyfobError(
      'UNSUPPORTED_FORMAT',
      `${fileName ? `'${fileName.slice(0, 80)}' is` : 'This is'} a ZIP archive (Proton Pass, Raivo or WinAuth export). Unzip it and import the file inside.`,
    )
  }
  const text = tryDecodeText(bytes)
  if (text === null || hasControlCharacters(text.slice(0, 4096))) {
    if (bytes.length >= MIN_ANDOTP_BYTES) return { format: 'andotp' }
    throw new KeyfobError('UNSUPPORTED_FORMAT', 'The file is neither text nor a backup format Keyfob recognises.')
  }
  const start = text.trimStart()
  if (start.startsWith('{') || start.startsWith('[')) {
    const json = parseJson(text)
    return { format: classifyJson(json), json }
  }
  return { format: classifyText(text), text }
}

/** C0 controls other than tab, line feed, vertical tab, form feed and carriage return: binary data. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 && (c < 0x09 || c > 0x0d)) return true
  }
  return false
}

function classifyText(text: string): FormatId {
  const firstLine = /^\s*(.*)/.exec(text)?.[1]?.trim() ?? ''
  if (/^otpauth-migration:/i.test(firstLine)) return 'google-migration'
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
  return Object.values(o).some(
    (v) => isRecord(v) && (has(v, 'dataType') || (has(v, 'secret') && (has(v, 'type') || has(v, 'encrypted')))),
  )
}
