/**
 * Builders of synthetic Authenticator Pro, FreeOTP 2, TOTP Authenticator and
 * WinAuth files (backup-formats.md), the inverse of each importer, so their
 * tests and fuzz seeds do not depend on ../shared/samples. Test support only.
 */
import { argon2id } from 'hash-wasm'
import { base32Decode } from '../../src/core/encoding/base32.ts'
import { base64Encode } from '../../src/core/encoding/base64.ts'
import { concatBytes } from '../../src/core/encoding/concat-bytes.ts'
import { hexEncode } from '../../src/core/encoding/hex.ts'
import type { ImportedEntry } from '../../src/core/import/import-result.ts'
import { pbkdf2, utf8Bytes } from '../../src/core/import/kdf.ts'
import { crc32 } from '../../src/core/import/zip-archive.ts'
import { buildOtpauthUri } from '../../src/core/uri/build-otpauth-uri.ts'
import { bytesOf } from './plain-fixtures.ts'

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n))
const json = (v: unknown) => utf8Bytes(JSON.stringify(v))
const signed = (bytes: Uint8Array) => Array.from(bytes, (b) => (b << 24) >> 24)

async function aes(name: 'AES-GCM' | 'AES-CBC', key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad?: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), name, false, ['encrypt'])
  const params: AesGcmParams | AesCbcParams = { name, iv: new Uint8Array(iv), ...(aad ? { additionalData: new Uint8Array(aad) } : {}) }
  return new Uint8Array(await crypto.subtle.encrypt(params, k, new Uint8Array(plain)))
}

// ── Authenticator Pro ────────────────────────────────────────────────────────

const AUTHPRO_TYPES = { hotp: 1, totp: 2, motp: 3, steam: 4, yandex: 5 } as const
const AUTHPRO_ALGORITHMS = { SHA1: 0, SHA256: 1, SHA512: 2 } as const

/** The JSON backup, with Newtonsoft's shape (every property, nulls included); tags become categories. */
export function authProJson(entries: readonly ImportedEntry[], extra: Record<string, unknown>[] = []): Record<string, unknown> {
  const categories = [...new Set(entries.flatMap((e) => e.tags))]
  return {
    Authenticators: [
      ...entries.map((e, i) => ({
        Type: AUTHPRO_TYPES[e.type],
        Icon: null,
        Issuer: e.issuer,
        Username: e.account || null,
        Secret: e.secret,
        Pin: null,
        Algorithm: AUTHPRO_ALGORITHMS[e.algorithm],
        Digits: e.digits,
        Period: e.period,
        Counter: Number(e.counter),
        CopyCount: 0,
        Ranking: i,
      })),
      ...extra,
    ],
    Categories: categories.map((name, i) => ({ Id: `cat${i}`, Name: name, Ranking: i })),
    AuthenticatorCategories: entries.flatMap((e) =>
      e.tags.map((t, i) => ({ CategoryId: `cat${categories.indexOf(t)}`, AuthenticatorSecret: e.secret, Ranking: i })),
    ),
    CustomIcons: null,
  }
}

export const authProPlainFile = (entries: readonly ImportedEntry[]): Uint8Array => bytesOf(authProJson(entries))

/** "AUTHENTICATORPRO" ‖ salt 16 ‖ iv 12 ‖ AES-GCM; Argon2id t=3 m=64 MiB p=4 (fixed by the format: slow). */
export async function authProStrongFile(entries: readonly ImportedEntry[], password: string): Promise<Uint8Array> {
  const salt = random(16)
  const iv = random(12)
  const key = await argon2id({
    password: utf8Bytes(password),
    salt,
    iterations: 3,
    memorySize: 65536,
    parallelism: 4,
    hashLength: 32,
    outputType: 'binary',
  })
  return concatBytes(utf8Bytes('AUTHENTICATORPRO'), salt, iv, await aes('AES-GCM', key, iv, json(authProJson(entries))))
}

/** "AuthenticatorPro" ‖ salt 20 ‖ iv 16 ‖ AES-CBC; PBKDF2-SHA1 64000. `plain` replaces the JSON (for wrong-content tests). */
export async function authProLegacyFile(entries: readonly ImportedEntry[], password: string, plain?: Uint8Array): Promise<Uint8Array> {
  const salt = random(20)
  const iv = random(16)
  const key = await pbkdf2(password, salt, 64_000, 'SHA-1')
  return concatBytes(utf8Bytes('AuthenticatorPro'), salt, iv, await aes('AES-CBC', key, iv, plain ?? json(authProJson(entries))))
}

// ── FreeOTP 2 ────────────────────────────────────────────────────────────────

/** java.io.ObjectOutputStream.writeObject of a HashMap<String, String> (backup-formats.md). */
export function javaStringMap(map: ReadonlyMap<string, string>): Uint8Array {
  const parts: number[] = [0xac, 0xed, 0x00, 0x05, 0x73, 0x72]
  const u16 = (n: number) => parts.push(n >>> 8, n & 0xff)
  const u32 = (n: number) => parts.push(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff)
  const utf = (s: string) => {
    const b = utf8Bytes(s)
    u16(b.length)
    parts.push(...b)
  }
  utf('java.util.HashMap')
  parts.push(0x05, 0x07, 0xda, 0xc1, 0xc3, 0x16, 0x60, 0xd1, 0x03)
  u16(2)
  parts.push(0x46)
  utf('loadFactor')
  parts.push(0x49)
  utf('threshold')
  parts.push(0x78, 0x70, 0x3f, 0x40, 0x00, 0x00)
  u32(24)
  parts.push(0x77, 0x08)
  u32(32)
  u32(map.size)
  for (const [k, v] of map) {
    for (const s of [k, v]) {
      const b = utf8Bytes(s)
      if (b.length > 0xffff) {
        parts.push(0x7c)
        u32(0)
        u32(b.length)
        parts.push(...b)
      } else {
        parts.push(0x74)
        utf(s)
      }
    }
  }
  parts.push(0x78)
  return new Uint8Array(parts)
}

async function freeOtpEncryptedKey(key: Uint8Array, plain: Uint8Array, token: string) {
  const iv = random(12)
  return {
    mCipher: 'AES/GCM/NoPadding',
    mCipherText: signed(await aes('AES-GCM', key, iv, plain, utf8Bytes(token))),
    mParameters: signed(concatBytes(new Uint8Array([0x30, 0x11, 0x04, 0x0c]), iv, new Uint8Array([0x02, 0x01, 0x10]))),
    mToken: token,
  }
}

/** A FreeOTP 2 backup (TOTP/HOTP only; counters stored unchanged). */
export async function freeOtpBackupFile(
  entries: readonly ImportedEntry[],
  password: string,
  iterations = 1,
  hash: 'SHA-512' | 'SHA-1' = 'SHA-512',
): Promise<Uint8Array> {
  const salt = random(32)
  const master = random(32)
  const kek = await pbkdf2(password, salt, iterations, hash, 32)
  const map = new Map<string, string>()
  map.set(
    'masterKey',
    JSON.stringify({
      mAlgorithm: hash === 'SHA-512' ? 'PBKDF2withHmacSHA512' : 'PBKDF2withHmacSHA1',
      mEncryptedKey: await freeOtpEncryptedKey(kek, master, 'AES'),
      mIterations: iterations,
      mSalt: signed(salt),
    }),
  )
  for (const [i, e] of entries.entries()) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
    map.set(id, JSON.stringify({ key: JSON.stringify(await freeOtpEncryptedKey(master, base32Decode(e.secret), `Hmac${e.algorithm}`)) }))
    map.set(
      `${id}-token`,
      JSON.stringify({
        algo: e.algorithm,
        digits: e.digits,
        issuerExt: e.issuer,
        issuerInt: e.issuer,
        label: e.account,
        ...(e.type === 'hotp' ? { type: 'HOTP', counter: Number(e.counter) } : { type: 'TOTP', period: e.period }),
      }),
    )
  }
  return javaStringMap(map)
}

// ── TOTP Authenticator ───────────────────────────────────────────────────────

/** TOTP only: hex keys, digits/period as text ("" for 6/30). */
export async function totpAuthenticatorFile(entries: readonly ImportedEntry[], password: string): Promise<Uint8Array> {
  const list = entries.map((e) => ({
    issuer: e.issuer || 'Unknown',
    name: e.account,
    key: hexEncode(base32Decode(e.secret)).toUpperCase(),
    base: 16,
    digits: e.digits === 6 ? '' : String(e.digits),
    period: e.period === 30 ? '' : String(e.period),
    accountHeaderLabel: '',
    isFavorite: false,
    iconLabel: '',
    timeRemaining: 0,
  }))
  const key = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8Bytes(password)))
  const sealed = await aes('AES-CBC', key, new Uint8Array(16), json({ [JSON.stringify(list)]: '1700000000' }))
  return utf8Bytes(base64Encode(sealed))
}

// ── WinAuth ──────────────────────────────────────────────────────────────────

/** WinAuth's text export: CRLF, `&icon=`, HOTP counters written as the last one used (next − 1). */
export function winAuthText(entries: readonly ImportedEntry[]): string {
  return (
    entries
      .map((e) => {
        const line = buildOtpauthUri(e.type === 'hotp' ? { ...e, counter: e.counter - 1n } : e)
        return `${line}&icon=WinAuth`
      })
      .join('\r\n') + '\r\n'
  )
}

/** A ZIP with one stored entry, ZipCrypto-encrypted when `password` is given (flag bit 3: streamed, zero sizes in the local header). */
export function zipFile(name: string, content: Uint8Array, password?: string): Uint8Array {
  const crc = crc32(content)
  const time = 0x5a00
  let data = content
  let flags = 0
  if (password !== undefined) {
    flags = 0x0009
    const header = random(12)
    header[11] = (time >>> 8) & 0xff
    data = zipCryptoEncrypt(concatBytes(header, content), password)
  }
  const nameBytes = utf8Bytes(name)
  const local = new DataView(new ArrayBuffer(30))
  local.setUint32(0, 0x04034b50, true)
  local.setUint16(4, 20, true)
  local.setUint16(6, flags, true)
  local.setUint16(10, time, true)
  if (!(flags & 8)) {
    local.setUint32(14, crc, true)
    local.setUint32(18, data.length, true)
    local.setUint32(22, content.length, true)
  }
  local.setUint16(26, nameBytes.length, true)
  const descriptor = new DataView(new ArrayBuffer(flags & 8 ? 16 : 0))
  if (flags & 8) {
    descriptor.setUint32(0, 0x08074b50, true)
    descriptor.setUint32(4, crc, true)
    descriptor.setUint32(8, data.length, true)
    descriptor.setUint32(12, content.length, true)
  }
  const central = new DataView(new ArrayBuffer(46))
  central.setUint32(0, 0x02014b50, true)
  central.setUint16(4, 20, true)
  central.setUint16(6, 20, true)
  central.setUint16(8, flags, true)
  central.setUint16(12, time, true)
  central.setUint32(16, crc, true)
  central.setUint32(20, data.length, true)
  central.setUint32(24, content.length, true)
  central.setUint16(28, nameBytes.length, true)
  const localPart = concatBytes(new Uint8Array(local.buffer), nameBytes, data, new Uint8Array(descriptor.buffer))
  const centralPart = concatBytes(new Uint8Array(central.buffer), nameBytes)
  const end = new DataView(new ArrayBuffer(22))
  end.setUint32(0, 0x06054b50, true)
  end.setUint16(8, 1, true)
  end.setUint16(10, 1, true)
  end.setUint32(12, centralPart.length, true)
  end.setUint32(16, localPart.length, true)
  return concatBytes(localPart, centralPart, new Uint8Array(end.buffer))
}

function zipCryptoEncrypt(plain: Uint8Array, password: string): Uint8Array {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crcByte = (crc: number, b: number) => (table[(crc ^ b) & 0xff]! ^ (crc >>> 8)) >>> 0
  let k0 = 0x12345678
  let k1 = 0x23456789
  let k2 = 0x34567890
  const update = (c: number) => {
    k0 = crcByte(k0, c)
    k1 = (Math.imul((k1 + (k0 & 0xff)) >>> 0, 134775813) + 1) >>> 0
    k2 = crcByte(k2, k1 >>> 24)
  }
  for (const c of utf8Bytes(password)) update(c)
  return plain.map((p) => {
    const t = (k2 | 2) & 0xffff
    const c = p ^ ((Math.imul(t, t ^ 1) >>> 8) & 0xff)
    update(p)
    return c
  })
}
