/**
 * Authenticator Pro / Stratum backups (`.authpro`; backup-formats.md,
 * "Authenticator Pro / Stratum"): plain JSON, or one of two encrypted
 * containers told apart by their 16-byte, case-sensitive header:
 * `AUTHENTICATORPRO` (strong: Argon2id t=3 m=64 MiB p=4, AES-256-GCM) and
 * `AuthenticatorPro` (legacy: PBKDF2-HMAC-SHA1 64000, AES-256-CBC, no MAC).
 * Categories become tags (linked to accounts by secret). Yandex Key entries
 * keep their PIN; mOTP entries are skipped with their reason.
 */
import { KeyfobError } from '../errors.ts'
import type { OtpType } from '../types.ts'
import { aesCbcDecrypt, aesGcmDecrypt } from './ciphers.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import { asRecord, field, isRecord, optArray, optInteger, optString, type JsonRecord } from './json-fields.ts'
import { argon2idKey, pbkdf2 } from './kdf.ts'
import { entryName, makeEntry } from './make-entry.ts'
import { requirePassword, wrongPassword } from './password.ts'
import { parseJson, tryDecodeText } from './read-json.ts'

const FORMAT = 'authenticator-pro'
const AUTHPRO_STRONG_MAGIC = 'AUTHENTICATORPRO'
const AUTHPRO_LEGACY_MAGIC = 'AuthenticatorPro'
const MAGIC_BYTES = 16
const STRONG = { saltBytes: 16, ivBytes: 12, argon2: { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 } }
const LEGACY = { saltBytes: 20, ivBytes: 16, iterations: 64_000 }

/** Which container `bytes` is by its header: 'strong', 'legacy', or null (plain JSON or not this format). */
export function authenticatorProContainer(bytes: Uint8Array): 'strong' | 'legacy' | null {
  if (bytes.length < MAGIC_BYTES) return null
  let head = ''
  for (let i = 0; i < MAGIC_BYTES; i++) head += String.fromCharCode(bytes[i]!)
  if (head === AUTHPRO_STRONG_MAGIC) return 'strong'
  if (head === AUTHPRO_LEGACY_MAGIC) return 'legacy'
  return null
}

const TYPES: Readonly<Record<number, OtpType>> = { 1: 'hotp', 2: 'totp', 4: 'steam', 5: 'yandex' }
const UNSUPPORTED: Readonly<Record<number, string>> = {
  // backup-formats.md: Stratum hashes the secret *text* and first truncates the time to its
  // 30 s period, where mOTP (and Aegis) uses hex of the key and 10 s steps. Refused, not guessed.
  3: 'Authenticator Pro computes mOTP codes its own way (its secret text, 30-second truncation), which Keyfob does not reproduce: add this account by hand from its original setup.',
}
const ALGORITHMS: Readonly<Record<number, string>> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' }

/** `json` is the parsed plain backup, or undefined for an encrypted container. */
export async function importAuthenticatorPro(json: unknown, bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const root = asRecord(json === undefined ? await decrypt(bytes, options) : json, 'the file')
  const collector = new ImportCollector(FORMAT)
  const tagsBySecret = categoryTags(root)
  ;(optArray(root, 'Authenticators', 'the file') ?? []).forEach((value, i) => {
    const path = `Authenticators[${i}]`
    const a = asRecord(value, path)
    const issuer = optString(a, 'Issuer', path)
    const account = optString(a, 'Username', path)
    const name = entryName(issuer, account, i)
    const typeCode = optInteger(a, 'Type', path)
    const type = typeCode === undefined ? undefined : TYPES[typeCode]
    if (type === undefined) {
      collector.skip(name, (typeCode !== undefined && UNSUPPORTED[typeCode]) || `Unsupported entry type ${String(typeCode ?? 'none')}.`)
      return
    }
    const secret = optString(a, 'Secret', path) ?? ''
    collector.attempt(name, () => {
      const algorithmCode = optInteger(a, 'Algorithm', path) ?? 0
      return makeEntry({
        type,
        secret,
        algorithm: ALGORITHMS[algorithmCode] ?? `algorithm #${algorithmCode}`,
        digits: optInteger(a, 'Digits', path),
        period: optInteger(a, 'Period', path),
        counter: optInteger(a, 'Counter', path),
        pin: optString(a, 'Pin', path),
        issuer,
        account,
        tags: tagsBySecret.get(secret) ?? [],
      })
    })
  })
  return collector.result()
}

/** Category names per authenticator secret (AuthenticatorCategories link by secret, in category order). */
function categoryTags(root: JsonRecord): Map<string, string[]> {
  const names = new Map<string, string>()
  for (const [i, c] of (optArray(root, 'Categories', 'the file') ?? []).entries()) {
    const cat = asRecord(c, `Categories[${i}]`)
    const id = optString(cat, 'Id', `Categories[${i}]`)
    const name = optString(cat, 'Name', `Categories[${i}]`)
    if (id !== undefined && name !== undefined) names.set(id, name)
  }
  const tags = new Map<string, string[]>()
  for (const [i, link] of (optArray(root, 'AuthenticatorCategories', 'the file') ?? []).entries()) {
    const l = asRecord(link, `AuthenticatorCategories[${i}]`)
    const secret = optString(l, 'AuthenticatorSecret', `AuthenticatorCategories[${i}]`)
    const name = names.get(optString(l, 'CategoryId', `AuthenticatorCategories[${i}]`) ?? '')
    if (secret !== undefined && name !== undefined) tags.set(secret, [...(tags.get(secret) ?? []), name])
  }
  return tags
}

async function decrypt(bytes: Uint8Array, options: ImportOptions): Promise<unknown> {
  const container = authenticatorProContainer(bytes)
  if (container === null) throw new KeyfobError('INVALID_FILE', 'The file is neither JSON nor an encrypted Authenticator Pro backup.')
  const password = requirePassword(FORMAT, options)
  const body = bytes.subarray(MAGIC_BYTES)
  let plain: Uint8Array | null = null
  if (container === 'strong') {
    const { saltBytes, ivBytes, argon2 } = STRONG
    if (body.length < saltBytes + ivBytes + 16) throw wrongPassword(FORMAT)
    const key = await argon2idKey(password, body.subarray(0, saltBytes), argon2)
    plain = await aesGcmDecrypt(key, body.subarray(saltBytes, saltBytes + ivBytes), body.subarray(saltBytes + ivBytes))
  } else {
    const { saltBytes, ivBytes, iterations } = LEGACY
    if (body.length < saltBytes + ivBytes + 16) throw wrongPassword(FORMAT)
    const key = await pbkdf2(password, body.subarray(0, saltBytes), iterations, 'SHA-1')
    plain = await aesCbcDecrypt(key, body.subarray(saltBytes, saltBytes + ivBytes), body.subarray(saltBytes + ivBytes))
  }
  // Legacy has no MAC: a wrong key passes the padding check about once in 256
  // tries, and then the plaintext is not JSON (backup-formats.md).
  const text = plain === null ? null : tryDecodeText(plain)
  if (text === null || !text.trimStart().startsWith('{')) throw wrongPassword(FORMAT)
  const json = parseJson(text, 'The decrypted Authenticator Pro backup')
  if (!isRecord(json) || field(json, 'Authenticators') === undefined) throw wrongPassword(FORMAT)
  return json
}
