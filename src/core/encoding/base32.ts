import { KeyfobError } from '../errors.ts'
import { trimPadding } from './trim-padding.ts'

/** RFC 4648 §6 alphabet. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
/** Each upper-case alphabet character's value by char code, -1 for any other (the canonical spelling the vault stores). */
const VALUE = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i += 1) VALUE[ALPHABET.charCodeAt(i)] = i

/** Encodes bytes as upper-case base32 without padding (the otpauth convention). */
export function base32Encode(bytes: Uint8Array): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31]
  return out
}

/**
 * Normalises a base32 secret as people and apps write it: lower case, spaces,
 * dashes and trailing `=` padding are accepted (../shared/spec/otpauth-uri.md,
 * policy rule 7). Returns upper case without padding, or throws INVALID_SECRET.
 */
export function normalizeBase32(input: string): string {
  if (typeof input !== 'string') throw new KeyfobError('INVALID_SECRET', 'The secret is not text.')
  const unpadded = trimPadding(input.replace(/[\s-]/g, ''))
  if (unpadded.length === 0) throw new KeyfobError('INVALID_SECRET', 'The secret is empty.')
  if (unpadded.includes('=')) {
    throw new KeyfobError('INVALID_SECRET', "The secret has '=' inside the base32 data.")
  }
  // Check the characters *before* upper-casing: toUpperCase() maps some
  // non-ASCII letters onto the alphabet ('ſ' → 'S', 'ı' → 'I', 'ﬀ' → 'FF'),
  // which would silently accept, and even change the length of, a wrong key.
  const bad = /[^A-Za-z2-7]/u.exec(unpadded)
  if (bad) {
    throw new KeyfobError('INVALID_SECRET', `The secret has an invalid base32 character '${bad[0]}'.`)
  }
  const compact = unpadded.toUpperCase()
  // Lengths 1, 3 and 6 (mod 8) cannot come from whole bytes (RFC 4648 §6).
  if ([1, 3, 6].includes(compact.length % 8)) {
    throw new KeyfobError('INVALID_SECRET', `The secret has an impossible base32 length (${compact.length}).`)
  }
  return compact
}

/** Decodes base32 in any accepted spelling; trailing non-zero bits are ignored. */
export function base32Decode(input: string): Uint8Array {
  // The spelling normalizeBase32 returns (the vault's) is decoded as it is: a restarted worker decodes every secret for
  // its first list, where the normalising regular expressions cost ~2.5 ms per 1000 accounts (issue #15).
  return decodeCanonical(input) ?? decodeCanonical(normalizeBase32(input))!
}

/**
 * Whether `text` is base32 as normalizeBase32 returns it (upper case, no padding or separators, a possible length), checked
 * without its regular expressions: the vault checks every stored secret so when it opens (issue #15).
 */
export function isCanonicalBase32(text: string): boolean {
  if (typeof text !== 'string' || text.length === 0 || [1, 3, 6].includes(text.length % 8)) return false
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code >= 128 || (VALUE[code] as number) < 0) return false
  }
  return true
}

/** The bytes of upper-case, unpadded base32 of a possible length (isCanonicalBase32), or null for any other text. */
function decodeCanonical(s: string): Uint8Array | null {
  if (!isCanonicalBase32(s)) return null
  const out = new Uint8Array(Math.floor((s.length * 5) / 8))
  let buffer = 0
  let bits = 0
  let at = 0
  for (let i = 0; i < s.length; i += 1) {
    buffer = (buffer << 5) | (VALUE[s.charCodeAt(i)] as number)
    bits += 5
    if (bits >= 8) {
      out[at++] = (buffer >>> (bits - 8)) & 0xff
      bits -= 8
    }
    buffer &= (1 << bits) - 1
  }
  return out
}
