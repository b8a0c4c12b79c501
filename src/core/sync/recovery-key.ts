/**
 * The recovery key: 256 random bits, shown once when sync is set up, for when the passphrase is
 * forgotten. It is written as base32 (RFC 4648 §6, the alphabet of OTP secrets: no 0, 1, 8 or 9 to
 * confuse with O, I, B) in groups of four, with a checksum so that a typo is reported as a typo
 * (INVALID_RECOVERY_KEY), never as a key that does not open the sync data (WRONG_RECOVERY_KEY):
 *
 *   key (32 bytes) ‖ CRC-24/OPENPGP(key) (3 bytes) = 280 bits = 56 characters = 14 groups of 4
 *
 * The 24-bit check detects every single wrong character and every swap of neighbours for certain
 * (crc24.ts), and anything else but one time in 16.7 million. A missing or extra character is a
 * length error. Typing it back is tolerant of case, spaces and dashes.
 */
import { base32Decode, base32Encode } from '../encoding/base32.ts'
import { KeyfobError } from '../errors.ts'
import { crc24 } from './crc24.ts'

export const RECOVERY_KEY_BYTES = 32
const CHECK_BYTES = 3
const GROUP = 4
/** (32 + 3) bytes × 8 / 5 bits: a whole number of characters, so no spare bits to check. */
const LENGTH = ((RECOVERY_KEY_BYTES + CHECK_BYTES) * 8) / 5

/** Spaces, and the dashes people and word processors write between groups. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/gu
/** What the characters outside the alphabet were probably meant to be. */
const LOOKALIKES: Record<string, string> = { '0': 'O', '1': 'I or L', '8': 'B', '9': 'g' }

/** `ABCD-EFGH-…`: 14 groups of 4 characters, upper case. */
export function encodeRecoveryKey(key: Uint8Array): string {
  if (key.length !== RECOVERY_KEY_BYTES) {
    throw new KeyfobError('INVALID_PARAMETER', `A recovery key is ${RECOVERY_KEY_BYTES} bytes, not ${key.length}.`)
  }
  const check = crc24(key)
  const bytes = new Uint8Array(RECOVERY_KEY_BYTES + CHECK_BYTES)
  bytes.set(key)
  bytes.set([check >>> 16, (check >>> 8) & 0xff, check & 0xff], RECOVERY_KEY_BYTES)
  const text = base32Encode(bytes)
  bytes.fill(0)
  return text.match(/.{4}/g)?.join('-') ?? text
}

/**
 * The 32 key bytes of a typed recovery key, in any case, with or without spaces and dashes.
 * INVALID_RECOVERY_KEY, saying what is wrong and where, for anything that is not one.
 */
export function parseRecoveryKey(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string') throw typo('The recovery key is not text.')
  const compact = text.replace(SEPARATORS, '')
  // Characters are checked before upper-casing, which maps some non-ASCII letters onto the alphabet ('ſ' → 'S').
  const bad = /[^A-Za-z2-7]/u.exec(compact)
  if (bad) {
    const char = bad[0]
    const hint = LOOKALIKES[char] === undefined ? '' : ` (did you mean ${LOOKALIKES[char]}?)`
    throw typo(`'${char}' in group ${Math.floor(bad.index / GROUP) + 1} is not used in recovery keys${hint}.`)
  }
  if (compact.length !== LENGTH) {
    throw typo(`It has ${compact.length} characters; a recovery key has ${LENGTH} (${LENGTH / GROUP} groups of ${GROUP}).`)
  }
  const bytes = new Uint8Array(base32Decode(compact))
  const key = bytes.slice(0, RECOVERY_KEY_BYTES)
  const stored = ((bytes[32] ?? 0) << 16) | ((bytes[33] ?? 0) << 8) | (bytes[34] ?? 0)
  bytes.fill(0)
  if (crc24(key) !== stored) {
    key.fill(0)
    throw typo('Its check does not match: a character is wrong, or two are swapped.')
  }
  return key
}

function typo(message: string): KeyfobError {
  return new KeyfobError('INVALID_RECOVERY_KEY', message)
}
