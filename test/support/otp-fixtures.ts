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

/**
 * Aegis's own test vectors for the PIN-based types (beemdevelopment/Aegis,
 * app/src/test/java/com/beemdevelopment/aegis/crypto/otp/MOTPTest.java @ 3441deee
 * and YAOTPTest.java @ 161b79f0): time in Unix seconds, the expected code.
 * mOTP: hex secret, 4-digit PIN, 10 s steps, 6 characters. Yandex Key: base32
 * secret of 26 bytes (key ‖ checksum), PIN, 30 s, HMAC-SHA256, 8 letters.
 */
export const MOTP_VECTORS: readonly { time: number; code: string; pin: string; secret: string }[] = [
  { time: 165892298, code: 'e7d8b6', pin: '1234', secret: 'e3152afee62599c8' },
  { time: 123456789, code: '4ebfb2', pin: '1234', secret: 'e3152afee62599c8' },
  { time: 165954002 * 10, code: 'ced7b1', pin: '9999', secret: 'bbb1912bb5c515be' },
  { time: 165954002 * 10 + 2, code: 'ced7b1', pin: '9999', secret: 'bbb1912bb5c515be' },
  { time: 165953987 * 10, code: '1a14f8', pin: '9999', secret: 'bbb1912bb5c515be' },
  { time: 165953987 * 10 + 8, code: '1a14f8', pin: '9999', secret: 'bbb1912bb5c515be' }, // rounds down
]

export const YANDEX_VECTORS: readonly { pin: string; secret: string; time: number; code: string }[] = [
  { pin: '5239', secret: '6SB2IKNM6OBZPAVBVTOHDKS4FAAAAAAADFUTQMBTRY', time: 1641559648, code: 'umozdicq' },
  { pin: '7586', secret: 'LA2V6KMCGYMWWVEW64RNP3JA3IAAAAAAHTSG4HRZPI', time: 1581064020, code: 'oactmacq' },
  { pin: '7586', secret: 'LA2V6KMCGYMWWVEW64RNP3JA3IAAAAAAHTSG4HRZPI', time: 1581090810, code: 'wemdwrix' },
  { pin: '5210481216086702', secret: 'JBGSAU4G7IEZG6OY4UAXX62JU4AAAAAAHTSG4HXU3M', time: 1581091469, code: 'dfrpywob' },
  { pin: '5210481216086702', secret: 'JBGSAU4G7IEZG6OY4UAXX62JU4AAAAAAHTSG4HXU3M', time: 1581093059, code: 'vunyprpd' },
]
