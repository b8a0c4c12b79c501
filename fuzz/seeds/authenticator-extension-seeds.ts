/**
 * Encrypted Authenticator-extension backups (v8 Key record, v7 wrapped data
 * key, v1 password-encrypted secrets) whose Argon2id *check hashes* use the
 * cheapest parameters the importer accepts. The v8 passphrase derivation
 * itself is fixed by the format (19 MiB, t=2), so each v8 input that gets that
 * far costs one such derivation; encrypted-fixtures.ts' builder would cost two.
 */
import { argon2id } from 'hash-wasm'
import { base64Encode } from '../../src/core/encoding/base64.ts'
import { hexEncode } from '../../src/core/encoding/hex.ts'
import { cryptoJsEncrypt } from '../../test/support/encrypted-fixtures.ts'
import type { ImportedEntry } from '../../src/core/import/import-result.ts'
import { utf8Bytes } from '../../src/core/import/kdf.ts'
import { authenticatorExtensionRecords, bytesOf } from '../../test/support/plain-fixtures.ts'

const CHEAP_CHECK = { iterations: 1, memorySize: 8, parallelism: 1, hashLength: 32 }
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n))

const checkHash = (text: string) => argon2id({ password: utf8Bytes(text), salt: random(16), ...CHEAP_CHECK, outputType: 'encoded' })

export async function authenticatorExtensionV8Seed(entries: readonly ImportedEntry[], password: string): Promise<Uint8Array> {
  const keyId = '11111111-1111-4111-8111-111111111111'
  const salt = hexEncode(random(16))
  const derived = await argon2id({
    password: utf8Bytes(password),
    salt: utf8Bytes(salt),
    iterations: 2,
    memorySize: 19456,
    parallelism: 1,
    hashLength: 32,
    outputType: 'binary',
  })
  const passphrase = base64Encode(derived, { padding: false })
  const file: Record<string, unknown> = { [keyId]: { dataType: 'Key', id: keyId, salt, hash: await checkHash(passphrase), version: 3 } }
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

/** ≤ v7 with a `key` record (`withKey`), or v1 where the password encrypts each secret. */
export async function authenticatorExtensionLegacySeed(
  entries: readonly ImportedEntry[],
  password: string,
  withKey: boolean,
): Promise<Uint8Array> {
  const dataKeyText = hexEncode(random(16))
  const dataKey = hexEncode(utf8Bytes(dataKeyText))
  const passphrase = withKey ? dataKey : password
  const file: Record<string, unknown> = {}
  if (withKey) file['key'] = { enc: await cryptoJsEncrypt(dataKeyText, password), hash: await checkHash(dataKey) }
  for (const record of authenticatorExtensionRecords(entries)) {
    file[String(record['hash'])] = { ...record, encrypted: true, secret: await cryptoJsEncrypt(String(record['secret']), passphrase) }
  }
  return bytesOf(file)
}
