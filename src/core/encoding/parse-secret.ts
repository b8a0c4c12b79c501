import { KeyfobError } from '../errors.ts'
import { base32Decode, base32Encode } from './base32.ts'
import { base64Decode } from './base64.ts'
import { hexDecode } from './hex.ts'

export type SecretEncoding = 'base32' | 'hex' | 'base64'

export interface ParsedSecret {
  /** Normalised base32 (upper case, unpadded): the form an `OtpConfig` stores. */
  secret: string
  bytes: Uint8Array
  /** Shorter than 128 bits: accepted, but the UI should flag it. */
  weak: boolean
}

/**
 * RFC 4226 §4 R6 requires at least 128 bits (and recommends 160). Real
 * services issue 80-bit keys, so shorter keys are accepted but flagged
 * (../shared/spec/otpauth-uri.md, "short keys").
 */
export const MIN_STRONG_KEY_BYTES = 16

export function isWeakKey(bytes: Uint8Array): boolean {
  return bytes.length < MIN_STRONG_KEY_BYTES
}

/**
 * Reads a key as people and formats supply it: base32 in any spelling (lower
 * case, spaces, dashes, padding), hex (some importers), or base64 (Steam's
 * `shared_secret` from maFiles). Whitespace around and inside hex/base64 is
 * dropped (pasted keys wrap); everything else is strict. The returned `secret`
 * is the canonical base32 of the bytes, so two spellings of one key compare
 * equal. Throws INVALID_SECRET (empty or malformed key) or INVALID_PARAMETER.
 */
export function parseSecret(input: string, encoding: SecretEncoding = 'base32'): ParsedSecret {
  if (typeof input !== 'string') throw new KeyfobError('INVALID_SECRET', 'The secret is not text.')
  let bytes: Uint8Array
  switch (encoding) {
    case 'base32':
      bytes = base32Decode(input)
      break
    case 'hex':
      bytes = hexDecode(input.replace(/\s/g, ''))
      break
    case 'base64':
      bytes = base64Decode(input.replace(/\s/g, ''))
      break
    default:
      throw new KeyfobError('INVALID_PARAMETER', `Unknown secret encoding '${String(encoding)}'.`)
  }
  if (bytes.length === 0) throw new KeyfobError('INVALID_SECRET', 'The secret is empty.')
  return { secret: base32Encode(bytes), bytes, weak: isWeakKey(bytes) }
}
