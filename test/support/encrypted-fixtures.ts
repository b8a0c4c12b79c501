/**
 * Builders of synthetic *encrypted* backups, the inverse of each importer's
 * decryption (backup-formats.md), with cheap KDF parameters by default so
 * tests stay fast. Test support only: nothing in the extension imports this.
 */
import { chacha20 } from '@noble/ciphers/chacha.js'
import { expand } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'
import { argon2id, scrypt } from 'hash-wasm'
import { base64Encode } from '../../src/core/encoding/base64.ts'
import { hexEncode } from '../../src/core/encoding/hex.ts'
import { concatBytes } from '../../src/core/encoding/concat-bytes.ts'
import { evpBytesToKey } from '../../src/core/import/cryptojs-aes.ts'
import type { ImportedEntry } from '../../src/core/import/import-result.ts'
import { pbkdf2, utf8Bytes } from '../../src/core/import/kdf.ts'
import {
  aegisDb,
  andOtpEntries,
  authenticatorExtensionRecords,
  bitwardenVault,
  bytesOf,
  protonEntries,
  twoFasGroups,
  twoFasServices,
} from './plain-fixtures.ts'
import { secretstreamInit, secretstreamMac } from '../../src/core/import/secretstream-pull.ts'
import { TWO_FAS_REFERENCE } from '../../src/core/import/two-fas-decrypt.ts'

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n))
const b64 = (b: Uint8Array) => base64Encode(b)
const json = (v: unknown) => utf8Bytes(JSON.stringify(v))

async function gcm(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad?: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt'])
  const params: AesGcmParams = { name: 'AES-GCM', iv: new Uint8Array(iv) }
  if (aad) params.additionalData = new Uint8Array(aad)
  return new Uint8Array(await crypto.subtle.encrypt(params, k, new Uint8Array(plain)))
}

async function cbc(key: Uint8Array, iv: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-CBC', false, ['encrypt'])
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(iv) }, k, new Uint8Array(plain)))
}

export async function aegisEncryptedFile(
  entries: readonly ImportedEntry[],
  password: string,
  scryptParams = { n: 1024, r: 8, p: 1 },
): Promise<Uint8Array> {
  const master = random(32)
  const salt = random(32)
  const kek = await scrypt({
    password: utf8Bytes(password),
    salt,
    costFactor: scryptParams.n,
    blockSize: scryptParams.r,
    parallelism: scryptParams.p,
    hashLength: 32,
    outputType: 'binary',
  })
  const slotNonce = random(12)
  const wrapped = await gcm(kek, slotNonce, master)
  const nonce = random(12)
  const sealed = await gcm(master, nonce, json(aegisDb(entries)))
  return bytesOf({
    version: 1,
    header: {
      slots: [
        { type: 2, uuid: 'bio', key: hexEncode(random(32)), key_params: { nonce: hexEncode(random(12)), tag: hexEncode(random(16)) } },
        {
          type: 1,
          uuid: 'pw',
          key: hexEncode(wrapped.subarray(0, 32)),
          key_params: { nonce: hexEncode(slotNonce), tag: hexEncode(wrapped.subarray(32)) },
          ...scryptParams,
          salt: hexEncode(salt),
        },
      ],
      params: { nonce: hexEncode(nonce), tag: hexEncode(sealed.subarray(sealed.length - 16)) },
    },
    db: b64(sealed.subarray(0, sealed.length - 16)),
  })
}

export async function twoFasEncryptedFile(entries: readonly ImportedEntry[], password: string): Promise<Uint8Array> {
  const salt = random(256)
  const key = await pbkdf2(password, salt, 10_000, 'SHA-256')
  const seal = async (plain: Uint8Array) => {
    const iv = random(12)
    return `${b64(await gcm(key, iv, plain))}:${b64(salt)}:${b64(iv)}`
  }
  return bytesOf({
    services: [],
    groups: twoFasGroups(entries),
    updatedAt: 0,
    schemaVersion: 4,
    appVersionCode: 5000009,
    appVersionName: '5.1.0',
    appOrigin: 'android',
    servicesEncrypted: await seal(json(twoFasServices(entries))),
    reference: await seal(utf8Bytes(TWO_FAS_REFERENCE)),
  })
}

export async function andOtpEncryptedFile(entries: readonly ImportedEntry[], password: string, iterations = 1000): Promise<Uint8Array> {
  const salt = random(12)
  const nonce = random(12)
  const key = await pbkdf2(password, salt, iterations, 'SHA-1')
  const head = new Uint8Array(4)
  new DataView(head.buffer).setUint32(0, iterations)
  return concatBytes(head, salt, nonce, await gcm(key, nonce, json(andOtpEntries(entries))))
}

export async function andOtpEncryptedOldFile(entries: readonly ImportedEntry[], password: string): Promise<Uint8Array> {
  const nonce = random(12)
  const key = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8Bytes(password)))
  return concatBytes(nonce, await gcm(key, nonce, json(andOtpEntries(entries))))
}

export async function bitwardenEncryptedFile(entries: readonly ImportedEntry[], password: string, iterations = 1000): Promise<Uint8Array> {
  const salt = b64(random(16))
  const key = await pbkdf2(password, utf8Bytes(salt), iterations, 'SHA-256')
  const enc = expand(nobleSha256, key, utf8Bytes('enc'), 32)
  const mac = expand(nobleSha256, key, utf8Bytes('mac'), 32)
  const encString = async (plain: Uint8Array) => {
    const iv = random(16)
    const ct = await cbc(enc, iv, plain)
    return `2.${b64(iv)}|${b64(ct)}|${b64(hmac(nobleSha256, mac, concatBytes(iv, ct)))}`
  }
  return bytesOf({
    encrypted: true,
    passwordProtected: true,
    salt,
    kdfType: 0,
    kdfIterations: iterations,
    encKeyValidation_DO_NOT_EDIT: await encString(utf8Bytes(crypto.randomUUID())),
    data: await encString(json(bitwardenVault(entries))),
  })
}

export async function protonEncryptedFile(entries: readonly ImportedEntry[], password: string): Promise<Uint8Array> {
  const salt = random(16)
  const key = await argon2id({
    password: utf8Bytes(password),
    salt,
    iterations: 2,
    memorySize: 19 * 1024,
    parallelism: 1,
    hashLength: 32,
    outputType: 'binary',
  })
  const nonce = random(12)
  return bytesOf({
    version: 1,
    salt: b64(salt),
    content: b64(concatBytes(nonce, await gcm(key, nonce, json(protonEntries(entries)), utf8Bytes('proton.authenticator.export.v1')))),
  })
}

/** libsodium secretstream push of one message (the inverse of secretstreamPullFirst). */
export function secretstreamPushFirst(key: Uint8Array, header: Uint8Array, message: Uint8Array, tag = 0): Uint8Array {
  const { k, nonce } = secretstreamInit(key, header)
  const block = new Uint8Array(64)
  block[0] = tag
  chacha20(k, nonce, block, block, 1)
  const c = chacha20(k, nonce, message, undefined, 2)
  return concatBytes(block.subarray(0, 1), c, secretstreamMac(k, nonce, block, c))
}

export async function enteEncryptedFile(
  text: string,
  password: string,
  kdf: { memLimit: number; opsLimit: number } = { memLimit: 1024 * 1024, opsLimit: 1 },
): Promise<Uint8Array> {
  const salt = random(16)
  const key = await argon2id({
    password: utf8Bytes(password),
    salt,
    iterations: kdf.opsLimit,
    memorySize: kdf.memLimit / 1024,
    parallelism: 1,
    hashLength: 32,
    outputType: 'binary',
  })
  const header = random(24)
  return bytesOf({
    version: 1,
    kdfParams: { ...kdf, salt: b64(salt) },
    encryptedData: b64(secretstreamPushFirst(key, header, utf8Bytes(text))),
    encryptionNonce: b64(header),
  })
}

/** CryptoJS `AES.encrypt(text, passphrase)`: OpenSSL "Salted__" format. */
export async function cryptoJsEncrypt(text: string, passphrase: string): Promise<string> {
  const salt = random(8)
  const keyIv = evpBytesToKey(utf8Bytes(passphrase), salt)
  return b64(concatBytes(utf8Bytes('Salted__'), salt, await cbc(keyIv.subarray(0, 32), keyIv.subarray(32), utf8Bytes(text))))
}

/** Authenticator extension v8: a Key record and CryptoJS-encrypted entries. */
export async function authenticatorExtensionV8File(entries: readonly ImportedEntry[], password: string): Promise<Uint8Array> {
  const keyId = '11111111-1111-4111-8111-111111111111'
  const salt = hexEncode(random(16))
  const params = { iterations: 2, memorySize: 19456, parallelism: 1, hashLength: 32 }
  const encoded = await argon2id({ password: utf8Bytes(password), salt: utf8Bytes(salt), ...params, outputType: 'encoded' })
  const passphrase = encoded.split('$').pop()!
  const hash = await argon2id({ password: utf8Bytes(passphrase), salt: random(16), ...params, outputType: 'encoded' })
  const file: Record<string, unknown> = { [keyId]: { dataType: 'Key', id: keyId, salt, hash, version: 3 } }
  for (const record of authenticatorExtensionRecords(entries)) {
    const id = String(record['hash'])
    file[id] = {
      dataType: 'EncOTPStorage',
      keyId,
      index: record['index'],
      data: await cryptoJsEncrypt(JSON.stringify({ ...record, encrypted: true, keyId }), passphrase),
    }
  }
  return bytesOf(file)
}
