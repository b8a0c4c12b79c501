/**
 * andOTP encrypted backups (backup-formats.md, andOTP; Aegis `AndOtpImporter`).
 * New layout: iterations (uint32 BE) ‖ salt (12) ‖ nonce (12) ‖ ciphertext ‖
 * tag, key = PBKDF2-HMAC-SHA1(password, salt, iterations, 32). Old layout:
 * nonce (12) ‖ ciphertext ‖ tag, key = SHA-256(password). There is no marker,
 * so the new layout is tried first, then the old one.
 */
import { aesGcmDecrypt, sha256 } from './ciphers.ts'
import { pbkdf2, utf8Bytes } from './kdf.ts'
import { MAX_PBKDF2_ITERATIONS } from './limits.ts'
import { wrongPassword } from './password.ts'
import { decodeText, parseJson } from './read-json.ts'

const SALT = 12
const NONCE = 12
const TAG = 16

export async function decryptAndOtp(bytes: Uint8Array, password: string): Promise<unknown> {
  const plain = (await tryNewLayout(bytes, password)) ?? (await tryOldLayout(bytes, password))
  if (plain === null) throw wrongPassword('andotp')
  return parseJson(decodeText(plain, 'The decrypted andOTP backup'), 'The decrypted andOTP backup')
}

async function tryNewLayout(bytes: Uint8Array, password: string): Promise<Uint8Array | null> {
  if (bytes.length < 4 + SALT + NONCE + TAG) return null
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0)
  // Out of range, the first bytes are an old-layout nonce, not an iteration
  // count (or a hostile value): the PBKDF2 is never run for them.
  if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return null
  const salt = bytes.subarray(4, 4 + SALT)
  const nonce = bytes.subarray(4 + SALT, 4 + SALT + NONCE)
  const key = await pbkdf2(password, salt, iterations, 'SHA-1')
  return aesGcmDecrypt(key, nonce, bytes.subarray(4 + SALT + NONCE))
}

async function tryOldLayout(bytes: Uint8Array, password: string): Promise<Uint8Array | null> {
  if (bytes.length < NONCE + TAG) return null
  const key = await sha256(utf8Bytes(password))
  return aesGcmDecrypt(key, bytes.subarray(0, NONCE), bytes.subarray(NONCE))
}
