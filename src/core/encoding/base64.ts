import { KeyfobError } from '../errors.ts'

// RFC 4648 §4 (standard) and §5 (URL- and filename-safe) alphabets. Written by
// hand rather than with atob()/Buffer: atob() skips whitespace and Buffer
// ignores invalid characters, and neither is strict about padding.
const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LOOKUP = new Map<string, number>([...[...STANDARD].map((c, i): [string, number] => [c, i]), ['-', 62], ['_', 63]])

export interface Base64EncodeOptions {
  /** Use the RFC 4648 §5 alphabet (`-`, `_`) instead of `+`, `/`. Default false. */
  urlSafe?: boolean
  /** Append `=` padding. Default: true for standard, false for URL-safe (the usual conventions). */
  padding?: boolean
}

/** Encodes bytes as base64; standard alphabet with padding unless told otherwise. */
export function base64Encode(bytes: Uint8Array, options: Base64EncodeOptions = {}): string {
  const urlSafe = options.urlSafe ?? false
  const padding = options.padding ?? !urlSafe
  const alphabet = urlSafe ? URL_SAFE : STANDARD
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += alphabet[(n >>> 18) & 63]! + alphabet[(n >>> 12) & 63]!
    out += rest > 1 ? alphabet[(n >>> 6) & 63]! : padding ? '=' : ''
    out += rest > 2 ? alphabet[n & 63]! : padding ? '=' : ''
  }
  return out
}

/**
 * Decodes base64 in the standard or the URL-safe alphabet, with or without
 * `=` padding. Strict otherwise (RFC 4648 §3.3, §3.5): no whitespace, no mixed
 * alphabets, padding only at the end and only as much as the length needs,
 * and the unused bits of the last character must be zero, so every accepted
 * string is the one canonical spelling of its bytes. Throws INVALID_SECRET.
 */
export function base64Decode(input: string): Uint8Array {
  if (typeof input !== 'string') throw new KeyfobError('INVALID_SECRET', 'The base64 data is not text.')
  const data = input.replace(/={1,2}$/, '')
  const padded = data.length !== input.length
  const bad = /[^A-Za-z0-9+/\-_]/u.exec(data)
  if (bad) {
    const what = bad[0] === '=' ? "'=' in the wrong place" : `an invalid character '${bad[0]}'`
    throw new KeyfobError('INVALID_SECRET', `The base64 data has ${what}.`)
  }
  if (/[+/]/.test(data) && /[-_]/.test(data)) {
    throw new KeyfobError('INVALID_SECRET', 'The base64 data mixes the standard and URL-safe alphabets.')
  }
  // 4 characters carry 3 bytes; a final group of 1 character cannot carry a whole byte.
  if (data.length % 4 === 1 || (padded && input.length % 4 !== 0)) {
    throw new KeyfobError('INVALID_SECRET', `The base64 data has an impossible length (${input.length}).`)
  }
  const out = new Uint8Array(Math.floor((data.length * 6) / 8))
  let buffer = 0
  let bits = 0
  let i = 0
  for (const c of data) {
    buffer = (buffer << 6) | LOOKUP.get(c)!
    bits += 6
    if (bits >= 8) {
      out[i++] = (buffer >>> (bits - 8)) & 0xff
      bits -= 8
    }
    buffer &= (1 << bits) - 1
  }
  if (buffer !== 0) {
    throw new KeyfobError('INVALID_SECRET', 'The base64 data has non-zero bits after its last byte.')
  }
  return out
}
