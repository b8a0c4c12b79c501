import type { OtpConfig } from '../../src/core/types.ts'

/**
 * RFC 4226 Appendix D's key ("12345678901234567890", the SHA-1 key of RFC 6238
 * Appendix B) as a 6-digit, 30-second TOTP account: its codes per counter are
 * the RFC's, so tests can check steps against published values.
 */
export const RFC_TOTP: Readonly<OtpConfig> = {
  type: 'totp',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0n,
}
