import { KeyfobError } from '../errors.ts'
import { base32Encode } from '../encoding/base32.ts'

/** Keys this project generates are at least 160 bits (RFC 4226 §4 R6 recommends 160). */
const MIN_GENERATED_SECRET_BYTES = 20
/**
 * HMAC hashes keys longer than the hash's block size (RFC 2104 §3; 128 bytes
 * for SHA-512), so longer keys add nothing.
 */
const MAX_GENERATED_SECRET_BYTES = 128

/** A fresh random key as normalised base32, from the platform CSPRNG. */
export function generateSecret(bytes = MIN_GENERATED_SECRET_BYTES): string {
  if (!Number.isInteger(bytes) || bytes < MIN_GENERATED_SECRET_BYTES || bytes > MAX_GENERATED_SECRET_BYTES) {
    throw new KeyfobError(
      'INVALID_PARAMETER',
      `Generated secrets are ${MIN_GENERATED_SECRET_BYTES} to ${MAX_GENERATED_SECRET_BYTES} bytes, got ${String(bytes)}.`,
    )
  }
  return base32Encode(crypto.getRandomValues(new Uint8Array(bytes)))
}
