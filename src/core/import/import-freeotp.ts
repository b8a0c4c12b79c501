/**
 * FreeOTP 2.x backups (`externalBackup.xml`, binary despite the name;
 * backup-formats.md, "FreeOTP 2.x backup"): a Java-serialized HashMap whose
 * `masterKey` wraps a 32-byte AES key under PBKDF2-HMAC-SHA512|SHA1(password),
 * and per token `<uuid>` (its key, AES-GCM under the master key, AAD = the
 * record's `mToken`) and `<uuid>-token` (its metadata JSON). HOTP counters are
 * imported verbatim (FreeOTP 2 stores the next code's counter). A token whose
 * key does not decrypt is skipped on its own, not the whole file.
 */
import { KeyfobError } from '../errors.ts'
import type { OtpType } from '../types.ts'
import { aesGcmDecrypt } from './ciphers.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import { readJavaStringMap } from './java-serialized-map.ts'
import { asArray, asRecord, field, optInteger, optString, reqInteger, reqString } from './json-fields.ts'
import { pbkdf2 } from './kdf.ts'
import { entryName, makeEntry } from './make-entry.ts'
import { requirePassword, wrongPassword } from './password.ts'
import { parseJson } from './read-json.ts'

const FORMAT = 'freeotp'
const KDF_HASHES: Readonly<Record<string, 'SHA-1' | 'SHA-512'>> = { PBKDF2withHmacSHA512: 'SHA-512', PBKDF2withHmacSHA1: 'SHA-1' }
const TYPES: Readonly<Record<string, OtpType>> = { TOTP: 'totp', HOTP: 'hotp' }

export async function importFreeOtp(bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const map = readJavaStringMap(bytes)
  const masterText = map.get('masterKey')
  if (masterText === undefined) throw new KeyfobError('INVALID_FILE', 'Invalid file: the FreeOTP backup has no masterKey.')
  const masterRecord = asRecord(parseJson(masterText, 'The FreeOTP master key'), 'masterKey')
  const algorithm = reqString(masterRecord, 'mAlgorithm', 'masterKey')
  const hash = Object.hasOwn(KDF_HASHES, algorithm) ? KDF_HASHES[algorithm] : undefined
  if (hash === undefined) throw new KeyfobError('INVALID_FILE', `Invalid file: unknown FreeOTP key derivation '${algorithm.slice(0, 40)}'.`)
  const salt = signedBytes(field(masterRecord, 'mSalt'), 'masterKey.mSalt')
  const iterations = reqInteger(masterRecord, 'mIterations', 'masterKey')
  const wrapped = encryptedKey(field(masterRecord, 'mEncryptedKey'), 'masterKey.mEncryptedKey')

  const password = requirePassword(FORMAT, options)
  // FreeOTP derives as many key bytes as the salt has; it writes 32 (AES-256).
  if (salt.length !== 32)
    throw new KeyfobError('INVALID_FILE', `Invalid file: the FreeOTP master key has a ${salt.length}-byte salt (expected 32).`)
  const kek = await pbkdf2(password, salt, iterations, hash, salt.length)
  const master = await decryptKey(kek, wrapped)
  if (master === null) throw wrongPassword(FORMAT)

  const collector = new ImportCollector(FORMAT)
  const ids = [...map.keys()].filter((k) => k !== 'masterKey' && !k.endsWith('-token') && map.has(`${k}-token`)).sort()
  for (const [i, id] of ids.entries()) {
    const path = `${id.slice(0, 40)}-token`
    const token = asRecord(parseJson(map.get(`${id}-token`)!, 'A FreeOTP token'), path)
    const issuerExt = optString(token, 'issuerAlt', path) ?? optString(token, 'issuerExt', path)
    const label = optString(token, 'labelAlt', path) ?? optString(token, 'label', path) ?? ''
    // Without issuerExt, Stratum shows the label as the issuer and no account.
    const [issuer, account] = issuerExt === undefined ? [label, ''] : [issuerExt, label]
    const name = entryName(issuer, account, i)
    await collector.attemptAsync(name, async () => {
      const typeText = optString(token, 'type', path) ?? 'TOTP'
      let type = Object.hasOwn(TYPES, typeText) ? TYPES[typeText] : undefined
      if (type === undefined) throw new KeyfobError('UNSUPPORTED_TYPE', `Unsupported FreeOTP token type '${typeText.slice(0, 20)}'.`)
      // FreeOTP shows Steam Guard codes for the issuer "Steam" (as Aegis reads it).
      if (type === 'totp' && issuerExt === 'Steam') type = 'steam'
      const secretRecord = asRecord(parseJson(map.get(id)!, 'A FreeOTP token key'), id.slice(0, 40))
      const key = encryptedKey(parseJson(reqString(secretRecord, 'key', id.slice(0, 40)), 'A FreeOTP token key'), `${id.slice(0, 40)}.key`)
      const secret = await decryptKey(master, key)
      if (secret === null)
        throw new KeyfobError('INVALID_SECRET', "The token's key does not decrypt (FreeOTP can write partly damaged backups).")
      return makeEntry({
        type,
        secret,
        algorithm: optString(token, 'algo', path) ?? 'SHA1',
        digits: optInteger(token, 'digits', path),
        period: optInteger(token, 'period', path),
        counter: optInteger(token, 'counter', path),
        issuer,
        account,
      })
    })
  }
  return collector.result()
}

interface EncryptedKey {
  cipherText: Uint8Array
  iv: Uint8Array
  tagBytes: number
  aad: Uint8Array
}

function encryptedKey(value: unknown, path: string): EncryptedKey {
  const r = asRecord(value, path)
  const cipher = reqString(r, 'mCipher', path)
  if (cipher !== 'AES/GCM/NoPadding')
    throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}' uses the cipher '${cipher.slice(0, 40)}', not AES/GCM.`)
  const { iv, tagBytes } = gcmParameters(signedBytes(field(r, 'mParameters'), `${path}.mParameters`), path)
  return {
    cipherText: signedBytes(field(r, 'mCipherText'), `${path}.mCipherText`),
    iv,
    tagBytes,
    aad: new TextEncoder().encode(reqString(r, 'mToken', path)),
  }
}

async function decryptKey(key: Uint8Array, k: EncryptedKey): Promise<Uint8Array | null> {
  if (k.tagBytes !== 16) throw new KeyfobError('INVALID_FILE', `Invalid file: a ${k.tagBytes}-byte GCM tag (Keyfob reads 16-byte tags).`)
  return aesGcmDecrypt(key, k.iv, k.cipherText, k.aad)
}

/** DER GCMParameters (RFC 5084 §3.2): SEQUENCE { OCTET STRING iv, INTEGER tag length DEFAULT 12 }. */
function gcmParameters(der: Uint8Array, path: string): { iv: Uint8Array; tagBytes: number } {
  const bad = () => new KeyfobError('INVALID_FILE', `Invalid file: '${path}.mParameters' are not GCM parameters.`)
  if (der[0] !== 0x30 || der[1] !== der.length - 2 || der[2] !== 0x04) throw bad()
  const ivLength = der[3] ?? 0
  if (ivLength === 0 || ivLength > 64 || 4 + ivLength > der.length) throw bad()
  const iv = der.subarray(4, 4 + ivLength)
  const rest = der.subarray(4 + ivLength)
  if (rest.length === 0) return { iv, tagBytes: 12 }
  if (rest.length !== 3 || rest[0] !== 0x02 || rest[1] !== 1) throw bad()
  return { iv, tagBytes: rest[2]! }
}

/** Java's signed bytes (-128…127) as unsigned bytes. */
function signedBytes(value: unknown, path: string): Uint8Array {
  const list = asArray(value, path, 1 << 16)
  return Uint8Array.from(list, (b, i) => {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 255) {
      throw new KeyfobError('INVALID_FILE', `Invalid file: '${path}[${i}]' is not a byte.`)
    }
    return b & 0xff
  })
}
