/**
 * Reads a `java.util.HashMap<String, String>` written by
 * `ObjectOutputStream.writeObject` (Java Object Serialization Stream Protocol,
 * §6.4), the container of FreeOTP 2.x backups (backup-formats.md, "FreeOTP
 * 2.x backup"). Only what that map needs: the HashMap class descriptor, its
 * block data (capacity, size), and String keys and values, including
 * TC_LONGSTRING and back-references to earlier strings. Anything else is
 * INVALID_FILE.
 */
import { KeyfobError } from '../errors.ts'
import { MAX_ENTRIES } from './limits.ts'

const JAVA_SERIALIZATION_MAGIC = [0xac, 0xed, 0x00, 0x05] as const

const TC_NULL = 0x70
const TC_REFERENCE = 0x71
const TC_CLASSDESC = 0x72
const TC_OBJECT = 0x73
const TC_STRING = 0x74
const TC_BLOCKDATA = 0x77
const TC_ENDBLOCKDATA = 0x78
const TC_LONGSTRING = 0x7c
const BASE_HANDLE = 0x7e0000

function bad(what: string): KeyfobError {
  return new KeyfobError('INVALID_FILE', `Invalid file: the Java serialized map ${what}.`)
}

export function isJavaSerialized(bytes: Uint8Array): boolean {
  return JAVA_SERIALIZATION_MAGIC.every((b, i) => bytes[i] === b)
}

export function readJavaStringMap(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = 0
  const need = (n: number) => {
    if (at + n > bytes.length) throw bad('is truncated')
  }
  const u8 = () => (need(1), bytes[at++]!)
  const u16 = () => (need(2), (at += 2), view.getUint16(at - 2))
  const u32 = () => (need(4), (at += 4), view.getUint32(at - 4))
  const handles: unknown[] = []
  const utf = (length: number): string => {
    need(length)
    const text = decodeModifiedUtf8(bytes.subarray(at, at + length))
    at += length
    return text
  }
  const expect = (byte: number, what: string) => {
    if (u8() !== byte) throw bad(`has no ${what}`)
  }

  if (!isJavaSerialized(bytes)) throw bad('has no serialization header')
  at = 4
  expect(TC_OBJECT, 'object')
  expect(TC_CLASSDESC, 'class description')
  const className = utf(u16())
  if (className !== 'java.util.HashMap') throw bad(`holds a ${className.slice(0, 60)}, not a java.util.HashMap`)
  need(8)
  at += 8 // serialVersionUID
  handles.push(className)
  u8() // flags
  const fields = u16()
  if (fields > 16) throw bad('has too many fields')
  for (let i = 0; i < fields; i++) {
    const type = u8()
    utf(u16())
    if (type === 0x4c || type === 0x5b) readString() // an object field's class name
  }
  expect(TC_ENDBLOCKDATA, 'end of class annotations')
  expect(TC_NULL, 'null superclass')
  handles.push('HashMap')
  need(8)
  at += 8 // loadFactor (float), threshold (int)
  expect(TC_BLOCKDATA, 'block data')
  if (u8() !== 8) throw bad('has block data of an unexpected size')
  u32() // capacity
  const size = u32()
  if (size > 3 * MAX_ENTRIES) throw bad(`holds ${size} entries`)
  const map = new Map<string, string>()
  for (let i = 0; i < size; i++) {
    const key = readString()
    map.set(key, readString())
  }
  expect(TC_ENDBLOCKDATA, 'end of the map')
  return map

  function readString(): string {
    const tag = u8()
    if (tag === TC_STRING || tag === TC_LONGSTRING) {
      let length: number
      if (tag === TC_STRING) length = u16()
      else if (u32() !== 0)
        throw bad('holds a string longer than 4 GiB') // the high half of the 64-bit length
      else length = u32()
      const text = utf(length)
      handles.push(text)
      return text
    }
    if (tag === TC_REFERENCE) {
      const target = handles[u32() - BASE_HANDLE]
      if (typeof target !== 'string' || target === 'HashMap') throw bad('refers to something that is not a string')
      return target
    }
    throw bad('holds a value that is not a string')
  }
}

/**
 * Java's modified UTF-8 (DataInput §3.1): NUL as C0 80, characters outside the
 * BMP as two 3-byte surrogates. Malformed sequences are INVALID_FILE.
 */
function decodeModifiedUtf8(bytes: Uint8Array): string {
  const units: number[] = []
  let out = ''
  for (let i = 0; i < bytes.length;) {
    const a = bytes[i]!
    let unit: number
    if (a < 0x80) {
      unit = a
      i += 1
    } else if ((a & 0xe0) === 0xc0 && i + 1 < bytes.length && (bytes[i + 1]! & 0xc0) === 0x80) {
      unit = ((a & 0x1f) << 6) | (bytes[i + 1]! & 0x3f)
      i += 2
    } else if ((a & 0xf0) === 0xe0 && i + 2 < bytes.length && (bytes[i + 1]! & 0xc0) === 0x80 && (bytes[i + 2]! & 0xc0) === 0x80) {
      unit = ((a & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f)
      i += 3
    } else {
      throw bad('holds malformed text')
    }
    units.push(unit)
    if (units.length >= 4096) out += String.fromCharCode(...units.splice(0))
  }
  return out + String.fromCharCode(...units)
}
