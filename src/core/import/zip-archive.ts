/**
 * A small ZIP reader for the archives authenticators export (WinAuth's
 * `.zip`; backup-formats.md, "WinAuth"): the central directory (APPNOTE 4.3.12),
 * stored or deflated entries, and traditional PKWARE encryption ("ZipCrypto",
 * APPNOTE 6.1). WinZip AES (method 99) is recognised and refused. Sizes come
 * from the central directory, since a streamed entry (flag bit 3) has zeros in
 * its local header. Every size is bounded by MAX_FILE_BYTES before work.
 */
import { KeyfobError } from '../errors.ts'
import { MAX_ENTRIES, MAX_FILE_BYTES } from './limits.ts'

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated, 99 WinZip AES… */
  method: number
  flags: number
  crc: number
  compressedSize: number
  size: number
  /** DOS time: its high byte checks a ZipCrypto password when flag bit 3 is set. */
  time: number
  localOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

function broken(what: string): KeyfobError {
  return new KeyfobError('INVALID_FILE', `The ZIP archive is damaged: ${what}.`)
}

/** The archive's file entries (folders left out), from its central directory. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = -1
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw broken('no central directory')
  const count = view.getUint16(eocd + 10, true)
  let at = view.getUint32(eocd + 16, true)
  if (count > MAX_ENTRIES) throw broken(`${count} entries`)
  const entries: ZipEntry[] = []
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw broken('a bad central directory entry')
    const nameLength = view.getUint16(at + 28, true)
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
    if (next > bytes.length) throw broken('a truncated central directory')
    const flags = view.getUint16(at + 8, true)
    // Bit 11: the name is UTF-8; otherwise code page 437, read as Latin-1 (ASCII names are alike).
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength)
    const name = flags & 0x800 ? new TextDecoder().decode(rawName) : String.fromCharCode(...rawName)
    const entry: ZipEntry = {
      name,
      flags,
      method: view.getUint16(at + 10, true),
      time: view.getUint16(at + 12, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    }
    if (!name.endsWith('/')) entries.push(entry)
    at = next
  }
  return entries
}

export const isEncrypted = (entry: ZipEntry): boolean => (entry.flags & 1) === 1

/**
 * The entry's contents. `password` is needed only when the entry is encrypted
 * (the caller asks for it first); null means the password is wrong (the check
 * byte, the inflation or the CRC failed).
 */
export async function readZipEntry(bytes: Uint8Array, entry: ZipEntry, password?: string): Promise<Uint8Array | null> {
  if (entry.method === 99)
    throw new KeyfobError(
      'UNSUPPORTED_FORMAT',
      `'${entry.name.slice(0, 80)}' in the ZIP archive is AES-encrypted, which Keyfob does not open: unzip it with its password and import the file inside.`,
    )
  if (entry.method !== 0 && entry.method !== 8)
    throw new KeyfobError(
      'UNSUPPORTED_FORMAT',
      `'${entry.name.slice(0, 80)}' in the ZIP archive is compressed with method ${entry.method}, which Keyfob does not read: unzip it and import the file inside.`,
    )
  if (entry.size > MAX_FILE_BYTES || entry.compressedSize > MAX_FILE_BYTES) throw broken(`'${entry.name.slice(0, 80)}' is too large`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const at = entry.localOffset
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw broken('a bad local header')
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  if (start + entry.compressedSize > bytes.length) throw broken(`'${entry.name.slice(0, 80)}' is truncated`)
  let data = bytes.subarray(start, start + entry.compressedSize)
  if (isEncrypted(entry)) {
    if (password === undefined) throw new KeyfobError('INTERNAL', 'An encrypted ZIP entry was read without a password.')
    const check = entry.flags & 8 ? (entry.time >>> 8) & 0xff : entry.crc >>> 24
    const plain = zipCryptoDecrypt(data, password, check)
    if (plain === null) return null
    data = plain
  }
  const out = entry.method === 8 ? await inflateRaw(data, entry.size) : data
  if (out === null) {
    if (isEncrypted(entry)) return null
    throw broken(`'${entry.name.slice(0, 80)}' does not inflate`)
  }
  if (out.length !== entry.size || crc32(out) !== entry.crc) {
    if (isEncrypted(entry)) return null
    throw broken(`'${entry.name.slice(0, 80)}' fails its checksum`)
  }
  return out
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

const crcByte = (crc: number, b: number): number => (CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8)) >>> 0

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff
  for (const b of data) crc = crcByte(crc, b)
  return (crc ^ 0xffffffff) >>> 0
}

/** APPNOTE 6.1.5–6.1.6: three keys from the password, a 12-byte header whose last byte is `check`. */
function zipCryptoDecrypt(data: Uint8Array, password: string, check: number): Uint8Array | null {
  if (data.length < 12) return null
  let k0 = 0x12345678
  let k1 = 0x23456789
  let k2 = 0x34567890
  const update = (c: number) => {
    k0 = crcByte(k0, c)
    k1 = (Math.imul((k1 + (k0 & 0xff)) >>> 0, 134775813) + 1) >>> 0
    k2 = crcByte(k2, k1 >>> 24)
  }
  // The password's bytes as typed; WinAuth (SharpZipLib) uses UTF-8 for non-ASCII.
  for (const c of new TextEncoder().encode(password)) update(c)
  const out = new Uint8Array(data.length)
  for (let i = 0; i < data.length; i++) {
    const t = (k2 | 2) & 0xffff
    const p = data[i]! ^ ((Math.imul(t, t ^ 1) >>> 8) & 0xff)
    out[i] = p
    update(p)
  }
  return out[11] === check ? out.subarray(12) : null
}

/** Raw DEFLATE through the platform's DecompressionStream, stopping past `limit` bytes (a bomb). */
async function inflateRaw(data: Uint8Array, limit: number): Promise<Uint8Array | null> {
  const stream = new Blob([new Uint8Array(data)]).stream().pipeThrough(new DecompressionStream('deflate-raw'))
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.length
      if (total > limit) {
        await reader.cancel()
        return null
      }
      chunks.push(value)
    }
  } catch {
    return null
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
