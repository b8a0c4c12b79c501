/**
 * CryptoJS `AES.decrypt(text, passphrase)`: the OpenSSL "Salted__" format,
 * b64("Salted__" ‖ salt(8) ‖ AES-256-CBC/PKCS#7 ciphertext), key ‖ iv =
 * EVP_BytesToKey(MD5, 1 iteration, passphrase, salt) (backup-formats.md,
 * Authenticator-Extension). MD5 is only used here, as the format's KDF; this
 * is unauthenticated encryption, so callers verify the result another way.
 */
import { md5 } from '@noble/hashes/legacy.js'
import { base64Decode } from '../encoding/base64.ts'
import { isKeyfobError } from '../errors.ts'
import { aesCbcDecrypt } from './ciphers.ts'
import { utf8Bytes } from './kdf.ts'

const MAGIC = [0x53, 0x61, 0x6c, 0x74, 0x65, 0x64, 0x5f, 0x5f] // "Salted__"

/** EVP_BytesToKey with MD5, one iteration: D_i = MD5(D_{i-1} ‖ pass ‖ salt). */
export function evpBytesToKey(pass: Uint8Array, salt: Uint8Array, length = 48): Uint8Array {
  const out = new Uint8Array(length)
  let prev = new Uint8Array(0)
  for (let at = 0; at < length; at += 16) {
    const input = new Uint8Array(prev.length + pass.length + salt.length)
    input.set(prev)
    input.set(pass, prev.length)
    input.set(salt, prev.length + pass.length)
    prev = md5(input)
    out.set(prev.subarray(0, Math.min(16, length - at)), at)
  }
  return out
}

/** The decrypted bytes, or null when the text is not the format or the padding is wrong. */
export async function cryptoJsDecrypt(text: string, passphrase: string): Promise<Uint8Array | null> {
  let raw: Uint8Array
  try {
    raw = base64Decode(text.trim())
  } catch (e) {
    if (isKeyfobError(e)) return null
    throw e
  }
  if (raw.length < 32 || !MAGIC.every((b, i) => raw[i] === b)) return null
  const keyIv = evpBytesToKey(utf8Bytes(passphrase), raw.subarray(8, 16))
  return aesCbcDecrypt(keyIv.subarray(0, 32), keyIv.subarray(32, 48), raw.subarray(16))
}
