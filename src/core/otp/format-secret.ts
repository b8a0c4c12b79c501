import { normalizeBase32 } from '../encoding/base32.ts'

/**
 * Groups a base32 secret in fours for reading aloud or typing by hand
 * (`HXTR YI7E …`), the way Google Authenticator and most services show it.
 * Accepts any spelling; throws INVALID_SECRET like normalizeBase32.
 */
export function formatSecret(secret: string): string {
  return normalizeBase32(secret).replace(/(.{4})(?=.)/g, '$1 ')
}
