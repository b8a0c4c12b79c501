import { base32Encode } from '../encoding/base32.ts'
import { KeyfobError } from '../errors.ts'
import { DEFAULT_PERIOD, type Algorithm, type OtpType } from '../types.ts'
import { decodeMigrationBase64 } from './migration-base64.ts'
import { ALGORITHM_MD5, MAX_BATCH_SIZE, PARAMS, PAYLOAD, type MigrationAccount, type MigrationBatch } from './migration-schema.ts'
import { percentDecode } from './percent-decode.ts'
import { readProtoFields, varintToInt32, type ProtoField, type WireType } from './protobuf.ts'
import { quote } from './quote.ts'
import { splitQuery } from './split-query.ts'

const SCHEME = 'otpauth-migration://'
const ALGORITHMS: Readonly<Record<number, Algorithm>> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' }
const DIGITS: Readonly<Record<number, number>> = { 0: 6, 1: 6, 2: 8 }
const TYPES: Readonly<Record<number, OtpType>> = { 0: 'totp', 1: 'hotp', 2: 'totp' }
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Decodes one Google Authenticator export QR code,
 * `otpauth-migration://offline?data=…`, per /shared/spec/migration.md.
 * Throws INVALID_URI when it is not such a URI, UNSUPPORTED_ALGORITHM for an
 * MD5 account, and INVALID_MIGRATION for any broken or unusable payload.
 */
export function decodeMigrationUri(uri: string): MigrationBatch {
  const text = uri.trim()
  if (text.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    throw new KeyfobError('INVALID_URI', 'This is not a Google Authenticator export (otpauth-migration://).')
  }
  const q = text.indexOf('?')
  // The raw value, not form-decoded: a literal '+' is a base64 character.
  const pairs = q === -1 ? [] : splitQuery(text.slice(q + 1))
  const raw = pairs.filter((p) => p.key.toLowerCase() === 'data').pop()
  if (raw === undefined) throw new KeyfobError('INVALID_MIGRATION', "The export URI has no 'data' parameter.")
  const data = percentDecode(raw.value, { plusAsSpace: false, what: 'the export data', code: 'INVALID_MIGRATION' })
  return readPayload(decodeMigrationBase64(data))
}

type BatchNumber = Exclude<keyof MigrationBatch, 'accounts'>
/** The payload's int32 fields by number: where each goes in the batch, and its name in migration.md (for errors). */
const INT32_FIELDS = new Map<number, readonly [BatchNumber, string]>([
  [PAYLOAD.version, ['version', 'version']],
  [PAYLOAD.batchSize, ['batchSize', 'batch_size']],
  [PAYLOAD.batchIndex, ['batchIndex', 'batch_index']],
  [PAYLOAD.batchId, ['batchId', 'batch_id']],
])

function readPayload(bytes: Uint8Array): MigrationBatch {
  const batch: MigrationBatch = { version: null, batchSize: null, batchIndex: null, batchId: null, accounts: [] }
  for (const field of readProtoFields(bytes)) {
    const int32 = INT32_FIELDS.get(field.no)
    if (field.no === PAYLOAD.otpParameters) {
      batch.accounts.push(readAccount(fieldValue(field, 2, 'otp_parameters'), batch.accounts.length + 1))
    } else if (int32 !== undefined) {
      // proto3 lets a later occurrence replace an earlier one.
      const [key, name] = int32
      batch[key] = varintToInt32(fieldValue(field, 0, name))
    }
    // Any other field is skipped (migration.md note e).
  }
  checkBatchNumbers(batch)
  // Random bytes often parse as a few unknown fields; an export always has accounts.
  if (batch.accounts.length === 0) throw new KeyfobError('INVALID_MIGRATION', 'The export holds no accounts.')
  return batch
}

function readAccount(bytes: Uint8Array, position: number): MigrationAccount {
  let secret: Uint8Array = new Uint8Array(0)
  let name = ''
  let issuer = ''
  let algorithmValue = 0
  let digitsValue = 0
  let typeValue = 0
  let counter = 0n
  for (const field of readProtoFields(bytes)) {
    switch (field.no) {
      case PARAMS.secret:
        secret = fieldValue(field, 2, 'secret')
        break
      case PARAMS.name:
        name = readString(fieldValue(field, 2, 'name'), 'name', position)
        break
      case PARAMS.issuer:
        issuer = readString(fieldValue(field, 2, 'issuer'), 'issuer', position)
        break
      case PARAMS.algorithm:
        algorithmValue = varintToInt32(fieldValue(field, 0, 'algorithm'))
        break
      case PARAMS.digits:
        digitsValue = varintToInt32(fieldValue(field, 0, 'digits'))
        break
      case PARAMS.type:
        typeValue = varintToInt32(fieldValue(field, 0, 'type'))
        break
      // int64 in Google's schema, uint64 in dim13's: reading the raw 64 bits
      // as unsigned covers every counter Keyfob accepts (0..2^64−1).
      case PARAMS.counter:
        counter = fieldValue(field, 0, 'counter')
        break
      default: // unique_id (dim13) and anything newer
    }
  }
  const which = name === '' ? `Account ${position}` : `Account ${position} (${quote(name)})`
  if (secret.length === 0) throw new KeyfobError('INVALID_MIGRATION', `${which} has no secret.`)
  if (algorithmValue === ALGORITHM_MD5) {
    throw new KeyfobError('UNSUPPORTED_ALGORITHM', `${which} uses MD5, which Keyfob does not support.`)
  }
  const algorithm = ALGORITHMS[algorithmValue]
  const digits = DIGITS[digitsValue]
  const type = TYPES[typeValue]
  if (algorithm === undefined) throw new KeyfobError('INVALID_MIGRATION', `${which} has an unknown algorithm (${algorithmValue}).`)
  if (digits === undefined) throw new KeyfobError('INVALID_MIGRATION', `${which} has an unknown digit count (${digitsValue}).`)
  if (type === undefined) throw new KeyfobError('INVALID_MIGRATION', `${which} has an unknown OTP type (${typeValue}).`)

  return {
    type,
    ...splitName(name, issuer),
    name,
    secret: base32Encode(secret),
    algorithm,
    digits,
    // The payload has no period field: every TOTP is 30 s (migration.md note b).
    period: DEFAULT_PERIOD,
    counter: type === 'hotp' ? counter : 0n,
  }
}

/**
 * migration.md, "Name/issuer mapping": Google Authenticator often stores
 * "Issuer:account" in `name`. With a non-empty issuer, strip exactly that
 * prefix; without one, the text before the first colon is the issuer.
 */
export function splitName(name: string, issuer: string): { issuer: string; account: string } {
  if (issuer !== '') {
    return { issuer, account: name.startsWith(`${issuer}:`) ? name.slice(issuer.length + 1).trimStart() : name }
  }
  const colon = name.indexOf(':')
  if (colon === -1) return { issuer: '', account: name }
  return { issuer: name.slice(0, colon).trim(), account: name.slice(colon + 1).trimStart() }
}

function fieldValue(field: ProtoField, wireType: 0, what: string): bigint
function fieldValue(field: ProtoField, wireType: 2, what: string): Uint8Array
function fieldValue(field: ProtoField, wireType: WireType, what: string): bigint | Uint8Array {
  if (field.wireType !== wireType) {
    throw new KeyfobError('INVALID_MIGRATION', `The field '${what}' has the wrong wire type (${field.wireType}, expected ${wireType}).`)
  }
  return field.value
}

function readString(bytes: Uint8Array, what: string, position: number): string {
  try {
    return utf8.decode(bytes)
  } catch (cause) {
    throw new KeyfobError('INVALID_MIGRATION', `The ${what} of account ${position} is not valid UTF-8.`, { cause })
  }
}

/** Index and size must describe a position in the export, or the QR set cannot be completed. */
function checkBatchNumbers(batch: MigrationBatch): void {
  const { batchSize: size, batchIndex: index } = batch
  if (size !== null && size < 0) throw new KeyfobError('INVALID_MIGRATION', `The export has a negative batch size (${size}).`)
  if (size !== null && size > MAX_BATCH_SIZE) {
    throw new KeyfobError('INVALID_MIGRATION', `The export claims ${size} QR codes; Keyfob reads exports of up to ${MAX_BATCH_SIZE}.`)
  }
  if (index !== null && index < 0) throw new KeyfobError('INVALID_MIGRATION', `The export has a negative batch index (${index}).`)
  if (index !== null && index >= Math.max(size ?? 1, 1)) {
    throw new KeyfobError('INVALID_MIGRATION', `QR code ${index + 1} cannot belong to an export of ${Math.max(size ?? 1, 1)}.`)
  }
}
