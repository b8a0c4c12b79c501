/**
 * Base64 for the byte fields of the stored vault. Storage is untrusted, so only
 * the canonical spelling is accepted (RFC 4648 §4 standard alphabet, padded, no
 * spare bits, §3.5). The check is one regular expression and a look at the last
 * character, so a field is validated without decoding it and re-encoding it
 * (issue #15: the popup's status read used to do that to the whole ciphertext).
 */
import { base64Encode } from '../encoding/base64.ts'

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
/** Character code → 6-bit value ('=' counts as zero bits); only read after the shape is checked. */
const VALUE = new Uint8Array(128)
for (let i = 0; i < STANDARD.length; i++) VALUE[STANDARD.charCodeAt(i)] = i
/** Whole groups of four, the last one padded with at most two '=' (RFC 4648 §4). */
const CANONICAL_SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export function bytesToBase64(bytes: Uint8Array): string {
  return base64Encode(bytes)
}

/**
 * The number of bytes `text` encodes, or null when it is not canonical base64:
 * the shape, then the bits of the last character that carry no byte must be zero
 * (4 of them before '==', 2 before '=').
 */
export function canonicalBase64Length(text: string): number | null {
  if (!CANONICAL_SHAPE.test(text)) return null
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  if (pad > 0) {
    const last = VALUE[text.charCodeAt(text.length - pad - 1)]!
    if ((last & (pad === 2 ? 0b1111 : 0b11)) !== 0) return null
  }
  return (text.length / 4) * 3 - pad
}

/** Returns the decoded bytes, or null when `text` is not canonical base64. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  const length = canonicalBase64Length(text)
  if (length === null) return null
  const out = new Uint8Array(length)
  let o = 0
  // Every character is in the alphabet (checked above), so the table needs no test here.
  for (let i = 0; i < text.length; i += 4) {
    const n =
      (VALUE[text.charCodeAt(i)]! << 18) |
      (VALUE[text.charCodeAt(i + 1)]! << 12) |
      (VALUE[text.charCodeAt(i + 2)]! << 6) |
      VALUE[text.charCodeAt(i + 3)]!
    out[o++] = n >>> 16
    if (o < length) out[o++] = (n >>> 8) & 0xff
    if (o < length) out[o++] = n & 0xff
  }
  return out
}
