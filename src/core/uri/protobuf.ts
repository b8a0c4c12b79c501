import { concatBytes } from '../encoding/concat-bytes.ts'
import { KeyfobError } from '../errors.ts'

/**
 * A minimal proto3 wire-format reader and writer
 * (https://protobuf.dev/programming-guides/encoding/), enough for Google
 * Authenticator's MigrationPayload (/shared/spec/migration.md). Every read is
 * bounds-checked: truncated or over-long data throws INVALID_MIGRATION and
 * nothing is ever read past the end of the buffer.
 */

/** One field as it appears on the wire. Groups (wire types 3 and 4) are not supported. */
export type ProtoField =
  | { no: number; wireType: 0; value: bigint }
  | { no: number; wireType: 1; value: Uint8Array }
  | { no: number; wireType: 2; value: Uint8Array }
  | { no: number; wireType: 5; value: Uint8Array }

export type WireType = ProtoField['wireType']

const MAX_FIELD_NO = 2 ** 29 - 1
const MAX_VARINT_BYTES = 10
const UINT64_MAX = 2n ** 64n - 1n

function fail(message: string): never {
  throw new KeyfobError('INVALID_MIGRATION', message)
}

/** Reads a base-128 varint of up to 10 bytes as an unsigned 64-bit value. */
export function readVarint(bytes: Uint8Array, offset: number): { value: bigint; next: number } {
  let value = 0n
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const byte = bytes[offset + i]
    if (byte === undefined) fail(`The data ends inside a number (at byte ${offset + i}).`)
    // The 10th byte holds only bit 63; anything more would overflow 64 bits.
    if (i === MAX_VARINT_BYTES - 1 && byte > 1) fail(`A number at byte ${offset} is larger than 64 bits.`)
    value |= BigInt(byte & 0x7f) << BigInt(7 * i)
    if ((byte & 0x80) === 0) return { value, next: offset + i + 1 }
  }
  return fail(`A number at byte ${offset} is longer than ${MAX_VARINT_BYTES} bytes.`)
}

/** Splits a message into its fields, in wire order. Unknown fields are simply returned too. */
export function readProtoFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = []
  let offset = 0
  while (offset < bytes.length) {
    const start = offset
    const key = readVarint(bytes, offset)
    offset = key.next
    const no = Number(key.value >> 3n)
    const wireType = Number(key.value & 7n)
    if (key.value >> 3n > BigInt(MAX_FIELD_NO) || no === 0) fail(`Invalid field number at byte ${start}.`)
    switch (wireType) {
      case 0: {
        const v = readVarint(bytes, offset)
        offset = v.next
        fields.push({ no, wireType: 0, value: v.value })
        break
      }
      case 1:
      case 5: {
        const size = wireType === 1 ? 8 : 4
        if (offset + size > bytes.length) fail(`The data ends inside field ${no} (at byte ${bytes.length}).`)
        fields.push({ no, wireType, value: bytes.slice(offset, offset + size) })
        offset += size
        break
      }
      case 2: {
        const length = readVarint(bytes, offset)
        offset = length.next
        if (length.value > BigInt(bytes.length - offset)) {
          fail(`Field ${no} claims ${length.value} bytes but only ${bytes.length - offset} remain.`)
        }
        const end = offset + Number(length.value)
        fields.push({ no, wireType: 2, value: bytes.slice(offset, end) })
        offset = end
        break
      }
      default:
        fail(`Field ${no} at byte ${start} has unsupported wire type ${wireType}.`)
    }
  }
  return fields
}

/** Encodes an unsigned 64-bit value as a varint. Negative int32/int64 values: pass BigInt.asUintN(64, v). */
export function encodeVarint(value: bigint): Uint8Array {
  if (value < 0n || value > UINT64_MAX) {
    throw new KeyfobError('INVALID_PARAMETER', `A protobuf varint must be between 0 and 2^64−1 (got ${value}).`)
  }
  const out: number[] = []
  let v = value
  do {
    const low = Number(v & 0x7fn)
    v >>= 7n
    out.push(v === 0n ? low : low | 0x80)
  } while (v !== 0n)
  return Uint8Array.from(out)
}

/** Serialises fields in the given order (the inverse of readProtoFields). */
export function writeProtoFields(fields: readonly ProtoField[]): Uint8Array {
  const parts: Uint8Array[] = []
  for (const field of fields) {
    if (!Number.isInteger(field.no) || field.no < 1 || field.no > MAX_FIELD_NO) {
      throw new KeyfobError('INVALID_PARAMETER', `Invalid protobuf field number ${field.no}.`)
    }
    parts.push(encodeVarint((BigInt(field.no) << 3n) | BigInt(field.wireType)))
    if (field.wireType === 0) {
      parts.push(encodeVarint(field.value))
    } else if (field.wireType === 2) {
      parts.push(encodeVarint(BigInt(field.value.length)), field.value)
    } else {
      const size = field.wireType === 1 ? 8 : 4
      if (field.value.length !== size) {
        throw new KeyfobError('INVALID_PARAMETER', `Field ${field.no} needs exactly ${size} bytes (got ${field.value.length}).`)
      }
      parts.push(field.value)
    }
  }
  return concatBytes(...parts)
}

/** Reads an int32 field: negatives arrive sign-extended to 64 bits (migration.md, "Wire-format details"). */
export function varintToInt32(value: bigint): number {
  return Number(BigInt.asIntN(32, value))
}

/** Writes an int32 value the way protobuf does: negatives sign-extended to a 10-byte varint. */
export function int32ToVarint(value: number): bigint {
  return BigInt.asUintN(64, BigInt(value))
}
