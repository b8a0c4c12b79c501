/**
 * Bitwarden password-protected exports (backup-formats.md, Bitwarden;
 * bitwarden_backup_decryptor): the key is PBKDF2-SHA256 or Argon2id over the
 * UTF-8 bytes of the `salt` *text*, stretched with HKDF-Expand into an AES key
 * and a MAC key; EncStrings are `2.iv|ct|mac` (AES-256-CBC + HMAC-SHA256,
 * encrypt-then-MAC).
 */
import { expand } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'
import { KeyfobError } from '../errors.ts'
import { aesCbcDecrypt, bytesEqual, sha256 } from './ciphers.ts'
import { decodeBase64Field, optInteger, reqInteger, reqString, type JsonRecord } from './json-fields.ts'
import { argon2idKey, checkArgon2, checkPbkdf2, pbkdf2, utf8Bytes } from './kdf.ts'
import { wrongPassword } from './password.ts'
import { decodeText, parseJson } from './read-json.ts'

interface EncString {
  iv: Uint8Array
  ciphertext: Uint8Array
  mac: Uint8Array
}
interface Keys {
  enc: Uint8Array
  mac: Uint8Array
}

export async function decryptBitwardenExport(file: JsonRecord, password: string): Promise<unknown> {
  const validation = readEncString(reqString(file, 'encKeyValidation_DO_NOT_EDIT', 'the file'), 'encKeyValidation_DO_NOT_EDIT')
  const data = readEncString(reqString(file, 'data', 'the file'), 'data')
  const keys = await deriveKeys(file, password)
  if ((await open(validation, keys)) === null) throw wrongPassword('bitwarden-json')
  const plain = await open(data, keys)
  if (plain === null) {
    throw new KeyfobError(
      'INVALID_FILE',
      "The password is right, but the Bitwarden export's data fails authentication: the file is damaged.",
    )
  }
  return parseJson(decodeText(plain, 'The decrypted Bitwarden export'), 'The decrypted Bitwarden export')
}

async function deriveKeys(file: JsonRecord, password: string): Promise<Keys> {
  const salt = utf8Bytes(reqString(file, 'salt', 'the file'))
  const kdfType = reqInteger(file, 'kdfType', 'the file')
  const iterations = reqInteger(file, 'kdfIterations', 'the file')
  let key: Uint8Array
  if (kdfType === 0) {
    checkPbkdf2(iterations)
    key = await pbkdf2(password, salt, iterations, 'SHA-256')
  } else if (kdfType === 1) {
    const memoryMiB = optInteger(file, 'kdfMemory', 'the file') ?? 64
    const parallelism = optInteger(file, 'kdfParallelism', 'the file') ?? 4
    const params = { memoryKiB: memoryMiB * 1024, iterations, parallelism }
    checkArgon2(params)
    key = await argon2idKey(password, await sha256(salt), params)
  } else {
    throw new KeyfobError('UNSUPPORTED_FORMAT', `Unsupported Bitwarden key derivation (kdfType ${kdfType}).`)
  }
  // HKDF-Expand only, no extract (Bitwarden `stretchKey`).
  return { enc: expand(nobleSha256, key, utf8Bytes('enc'), 32), mac: expand(nobleSha256, key, utf8Bytes('mac'), 32) }
}

function readEncString(text: string, path: string): EncString {
  const m = /^2\.([^|]*)\|([^|]*)\|([^|]*)$/.exec(text)
  if (!m) throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}' is not a type-2 Bitwarden EncString ("2.iv|data|mac").`)
  return {
    iv: decodeBase64Field(m[1]!, `${path} (IV)`, 16),
    ciphertext: decodeBase64Field(m[2]!, `${path} (data)`),
    mac: decodeBase64Field(m[3]!, `${path} (MAC)`, 32),
  }
}

/** MAC first (constant time), then decrypt: null when either fails. */
async function open(s: EncString, keys: Keys): Promise<Uint8Array | null> {
  const message = new Uint8Array(s.iv.length + s.ciphertext.length)
  message.set(s.iv)
  message.set(s.ciphertext, s.iv.length)
  if (!bytesEqual(hmac(nobleSha256, keys.mac, message), s.mac)) return null
  return aesCbcDecrypt(keys.enc, s.iv, s.ciphertext)
}
