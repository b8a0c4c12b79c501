/**
 * Key handling of the Authenticator extension's encrypted backups
 * (backup-formats.md, Authenticator-Extension; its `argon.ts`, `encryption.ts`):
 *
 * - v8+: passphrase = last `$` field of argon2id(password, UTF-8(Key.salt),
 *   t=2, m=19456 KiB, p=1, 32 B) in PHC form, used verbatim as text; it is
 *   checked against `Key.hash`, an Argon2id PHC hash of that passphrase.
 * - ≤ v7: data key = hex(CryptoJS-decrypt(key.enc, password)), checked
 *   against `key.hash`; without a key record (v1) the password itself is the
 *   CryptoJS passphrase of every secret.
 */
import { base64Encode } from '../encoding/base64.ts'
import { hexEncode } from '../encoding/hex.ts'
import { cryptoJsDecrypt } from './cryptojs-aes.ts'
import { argon2idKey, checkArgon2idPhc, utf8Bytes, verifyArgon2idPhc } from './kdf.ts'
import { argon2Work } from './kdf-work.ts'
import { wrongPassword } from './password.ts'

const V8_ARGON2 = { memoryKiB: 19456, iterations: 2, parallelism: 1 }

export interface KeyRecord {
  salt: string
  hash: string
}

/** The Argon2 work opening a v8 Key record costs: the passphrase, then the check of its hash. */
export function v8Work(record: KeyRecord): number {
  return argon2Work(V8_ARGON2) + argon2Work(checkArgon2idPhc(record.hash))
}

export async function v8Passphrase(record: KeyRecord, password: string): Promise<string> {
  checkArgon2idPhc(record.hash) // before any derivation: the file chooses these parameters
  const salt = utf8Bytes(record.salt)
  // argon2-browser's `encoded` output ends in the unpadded standard base64 of the hash.
  const passphrase = base64Encode(await argon2idKey(password, salt, V8_ARGON2), { padding: false })
  if (!(await verifyArgon2idPhc(record.hash, passphrase))) throw wrongPassword('authenticator-extension')
  return passphrase
}

export async function v7DataKey(record: { enc: string; hash: string | undefined }, password: string): Promise<string> {
  if (record.hash !== undefined) checkArgon2idPhc(record.hash)
  const raw = await cryptoJsDecrypt(record.enc, password)
  if (raw === null) throw wrongPassword('authenticator-extension')
  const dataKey = hexEncode(raw)
  if (record.hash !== undefined && !(await verifyArgon2idPhc(record.hash, dataKey))) {
    throw wrongPassword('authenticator-extension')
  }
  return dataKey
}

/** What a decrypted legacy secret looks like; there is no MAC, so this is the only check (v1). */
export function looksLikeSecret(text: string): boolean {
  return /^(blz-|bliz-|stm-)?[A-Za-z2-7]+=*$/.test(text) || /^[0-9A-Fa-f]+$/.test(text)
}

export async function decryptText(ciphertext: string, passphrase: string): Promise<string | null> {
  const bytes = await cryptoJsDecrypt(ciphertext, passphrase)
  if (bytes === null) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}
