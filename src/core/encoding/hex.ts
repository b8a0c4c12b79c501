import { KeyfobError } from '../errors.ts'

const DIGITS = '0123456789abcdef'

/** Encodes bytes as lower-case hexadecimal (RFC 4648 §8, base16). */
export function hexEncode(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += DIGITS[byte >>> 4]! + DIGITS[byte & 15]!
  return out
}

/**
 * Decodes hexadecimal strictly: an even number of `0-9a-fA-F` characters and
 * nothing else (no `0x`, no spaces), so a mistyped key fails loudly instead of
 * turning into a different key. Throws INVALID_SECRET.
 */
export function hexDecode(input: string): Uint8Array {
  if (typeof input !== 'string') throw new KeyfobError('INVALID_SECRET', 'The hex data is not text.')
  const bad = /[^0-9A-Fa-f]/u.exec(input)
  if (bad) throw new KeyfobError('INVALID_SECRET', `The hex data has an invalid character '${bad[0]}'.`)
  if (input.length % 2 !== 0) {
    throw new KeyfobError('INVALID_SECRET', `The hex data has an odd length (${input.length}).`)
  }
  const out = new Uint8Array(input.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(input.slice(2 * i, 2 * i + 2), 16)
  return out
}
