/**
 * Base64 for the byte fields of the stored vault. Storage is untrusted, so only
 * the canonical spelling is accepted (standard alphabet, padded, no spare bits):
 * the shared decoder is lenient about padding and alphabet, so the text must
 * also re-encode to itself.
 */
import { base64Decode, base64Encode } from '../encoding/base64.ts'
import { isKeyfobError } from '../errors.ts'

export function bytesToBase64(bytes: Uint8Array): string {
  return base64Encode(bytes)
}

/** Returns the decoded bytes, or null when `text` is not canonical base64. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const bytes = new Uint8Array(base64Decode(text))
    return base64Encode(bytes) === text ? bytes : null
  } catch (e) {
    if (isKeyfobError(e)) return null
    throw e
  }
}
